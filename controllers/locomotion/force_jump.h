// Mode 22 (FORCE_JUMP) as the robot's FsmStateForceJump runs it: the feet
// whose `contact` bit is set push the ground with the forces that give the
// trunk the accelerations in acc_des (angular [0..2] rad/s², linear [3..5]
// m/s², world axes, gravity added), for 60 periods (200 when the upward
// acceleration is 15 m/s² or more), until a knee is nearly straight; then
// every leg returns to the pose it had on entry over 0.2 s, soft
// (kp 80/30/40, kd 5). The robot's special case of a flip (acc x >= 8 and
// z >= 15: legs tucked in the air) is not done.
#pragma once

#include <simarena/controller.h>

#include <array>
#include <cstdint>

#include "body_state_estimator.h"
#include "stance_forces.h"
#include "walker.h"

namespace locomotion {

class ForceJump {
 public:
  ForceJump(trot::LegGeometry geometry, RigidBody body, double velocity_blend);

  void begin(const SimarenaRobotData& data, const SimarenaHighLevelCmd& order);
  // One period; returns the progress bar (100 once the legs are back).
  int8_t step(const SimarenaRobotData& data, double dt, SimarenaMotorCmd& cmd);

 private:
  trot::LegGeometry geometry_;
  RigidBody body_;
  double velocity_blend_;
  trot::BodyStateEstimator estimator_;
  Eigen::Vector3d linear_ = Eigen::Vector3d::Zero(), angular_ = Eigen::Vector3d::Zero();
  std::array<bool, 4> pushing_{};
  int push_periods_ = 60;
  int64_t periods_ = 0, push_end_ = -1;
  std::array<double, 12> entry_q_{}, release_q_{};
  StanceForces forces_;
};

}  // namespace locomotion
