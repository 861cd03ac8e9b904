// The robot's lifted protection (cyberdog_locomotion: SafetyChecker::
// CheckRobotLifted, FsmStateLifted). While walking (11) or in QP stand (3)
// the robot watches its legs: feet hanging far below the hips while the
// knees carry little torque (averaged over the gait's period) means the
// legs carry nothing, the robot is lifted. It then leaves the mode for the
// LIFTED state (response mode 9, switch_status 4): the legs go to a soft
// hanging pose and it does not walk. It watches the knees for the touch of
// the ground (landing) and the IMU for a fall. Only what the controller
// measures (joint angles and torques, IMU) is used. Joint angles and torques
// of the robot's code are in its wire convention (hip and knee of opposite
// sign to simarena's); here in simarena's.
#pragma once

#include <simarena/controller.h>

#include <Eigen/Dense>
#include <array>

#include "leg_kinematics.h"

namespace locomotion {

// What the check needs to know of the running mode.
struct LiftedCheckInput {
  int mode = 0;                // 3 or 11: the modes that check
  int commanded_gait = 0;      // the order's gait id
  bool gait_settled = false;   // the walker runs the commanded gait (not changing)
  double pitch_command = 0.0;  // rpy_des[1] of the order, rad
  double forward_speed = 0.0;  // body-frame forward velocity, m/s
};

class LiftedCheck {
 public:
  explicit LiftedCheck(const trot::LegGeometry& geometry) : geometry_(geometry) {}
  // One period in a checking mode; true when the robot is lifted.
  bool lifted(const SimarenaRobotData& data, const LiftedCheckInput& in);

 private:
  trot::LegGeometry geometry_;
  int last_gait_ = -1;
  int settle_periods_ = 0, settle_needed_ = 750;
  bool settled_ = false;
  // Knee torques averaged over the gait's period (robot sign: carrying is negative).
  double knee_all_ = 0.0;
};

// The LIFTED state itself: the hanging pose, landing and falling.
class LiftedState {
 public:
  void begin();
  // One period: the hanging pose's motor command.
  void step(const SimarenaRobotData& data, SimarenaMotorCmd& cmd);
  // The robot takes a new order only after 2 s in this state (elift_iter > 1000).
  bool accepts_orders() const { return periods_ > kSettlePeriods; }
  // Walking (11) or QP stand (3) only once it has been on the ground for 1 s.
  bool landed() const { return ready_ && landing_; }
  int gait_id() const { return falling_now_ ? 1 : 0; }

 private:
  static constexpr int kSettlePeriods = 1000, kAveragePeriods = 500, kLandingPeriods = 500, kFallingPeriods = 250;
  int periods_ = 0, averaged_ = 0, landing_periods_ = 0, falling_periods_ = 0;
  bool landing_ = false, ready_ = false, falling_now_ = false;
  std::array<double, 4> knee_average_{};
};

}  // namespace locomotion
