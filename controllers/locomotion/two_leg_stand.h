// Mode 64 (TWO_LEG_STAND, the robot's "greeting"): kneel, rear up onto the
// rear legs, the trunk upright, while the front paws greet, then come back
// down onto the front feet and stand on four. As on the robot (rear hips
// and knees of FsmStateTwoLegStand), the rear legs kneel: shins on the
// ground, knees and feet down, thighs and trunk upright above them. Where
// the robot plays joint angles, the pose here is planned from the links'
// masses (sagittal_balance.h) so that the centre of mass stays over the
// shins, held by joint PD plus the gravity torques, with the trunk's pitch
// fed back; from the joint states and the IMU only.
#pragma once

#include <simarena/controller.h>

#include <array>
#include <cstdint>

#include "leg_kinematics.h"
#include "sagittal_balance.h"

namespace locomotion {

class TwoLegStand {
 public:
  // stand: the four-leg stance it ends in.
  TwoLegStand(trot::LegGeometry geometry, const std::array<trot::JointAngles, 4>& stand);

  // gait_id: the robot's greeting id (0..14), reported as given.
  void begin(const SimarenaRobotData& data, int gait_id);
  // One period; returns the progress bar (25 up on the rear legs, 50
  // greeting, 75 coming down, 100 on four feet again, or lying after a fall).
  int8_t step(const SimarenaRobotData& data, double dt, SimarenaMotorCmd& cmd);
  // Back on four feet, or fallen and lying: the motion is over.
  bool done() const { return bar_ == 100; }
  // The trunk fell off its rear legs (past 115 degrees nose up, or over
  // sideways): it curls up and lies where it fell, as the robot's overturn
  // handling; the bar reads 100 after 2 s.
  bool fallen() const { return phase_ == Phase::fallen; }

 private:
  enum class Phase { kneel, rise, greet, lower, stand, fallen };
  struct Sagittal {
    ChainAngles angles;    // measured: shank, thigh (rear legs averaged), trunk
    double sideways_tilt;  // rad, the trunk's y axis out of the horizontal
  };
  Sagittal measure(const SimarenaRobotData& data) const;
  void enter(Phase phase);
  // The rear legs on the path from kneeling (0) to upright (1).
  void hold_rear(const SimarenaRobotData& data, const Sagittal& now, double progress, SimarenaMotorCmd& cmd);
  // The front legs' push that throws the trunk up; ends once they are stretched.
  void push_front(const SimarenaRobotData& data, double in_phase, SimarenaMotorCmd& cmd);
  void front_paws(double t, std::array<trot::JointAngles, 2>& q) const;
  // Gestures 6 and 7: the right paw waves until it touches something.
  bool waving() const { return gait_id_ == 6 || gait_id_ == 7; }
  double greet_time() const;
  // Advances the greeting's clock; for gestures 6 and 7 it stands still
  // while the waving paw is stopped against something (the robot's: the
  // whole greeting waits), the touch read from the paw's joint torques.
  void advance_greeting(const SimarenaRobotData& data, double dt);
  void front_legs(const std::array<trot::JointAngles, 2>& from, const std::array<trot::JointAngles, 2>& to,
                  double share, SimarenaMotorCmd& cmd) const;

  trot::LegGeometry geometry_;
  std::array<trot::JointAngles, 4> stand_q_{}, kneel_q_{}, start_q_{};
  SagittalBalance model_;
  int gait_id_ = 0;
  Phase phase_ = Phase::kneel;
  double t_ = 0.0, phase_start_ = 0.0;
  // Kneeling: the trunk's angle and where the centre of mass was, from the rear feet.
  double low_trunk_ = 0.0, low_com_ = 0.0;
  double thigh_ = 0.0;                            // the planned thigh angle, the next plan's guess
  std::array<trot::JointAngles, 2> paws_from_{};  // the front legs where the rise or the descent took them over
  bool pushing_ = false;
  double greet_clock_ = 0.0;            // s into the greeting, frozen while the paw is stopped
  std::array<double, 2> paw_torque_{};  // N·m, the waving paw's hip and knee torques, filtered
  double touching_ = 0.0, free_ = 0.0;  // s the torques read a touch, then (stopped) free
  double deaf_ = 0.0;                   // s left with the touch detector off (after a rebound)
  bool paw_stopped_ = false;
  double push_end_ = 0.0;  // s into the rise
  int8_t bar_ = 0;
};

}  // namespace locomotion
