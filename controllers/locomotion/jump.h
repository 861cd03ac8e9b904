// Mode 16 (JUMP3D): the robot's one-shot jumps, done physically rather than
// from the robot's offline-optimised trajectories: crouch, push off with
// ground forces (the stance QP, J^T torques) for the take-off velocity the
// jump needs, fly with the legs held in the landing pose by soft joint
// springs, land on them (impedance), then stiffen into a stand. What a gait
// id asks for is the robot's table (forward 0.6 / 0.3 m, sideways 0.2 m,
// turn 90 degrees, up, down a step).
#pragma once

#include <simarena/controller.h>

#include <array>
#include <cstdint>
#include <optional>

#include "body_state_estimator.h"
#include "stance_forces.h"
#include "walker.h"

namespace locomotion {

struct JumpGoal {
  int gait_id;         // as the response reports it
  double forward = 0;  // m, body frame at take-off
  double lateral = 0;  // m, left positive
  double turn = 0;     // rad, left positive
  double rise = 0;     // m of flight apex above the take-off height
  double drop = 0;     // m the ground it lands on is below the ground it left
};

// The jump a mode-16 gait_id asks for. The robot runs an unknown id as the
// +90 degree turn and reports gait 0; so does this.
JumpGoal jump_goal(int gait_id);

class Jump {
 public:
  Jump(trot::LegGeometry geometry, RigidBody body, double velocity_blend, double attitude_kp, double attitude_kd);

  void begin(const SimarenaRobotData& data, const JumpGoal& goal);
  // One period; returns the progress bar (100 once landed and standing).
  int8_t step(const SimarenaRobotData& data, double dt, SimarenaMotorCmd& cmd);
  // Landed and stiffened into the stand (before the bar's touch-down delay):
  // a walking controller can take over from here.
  bool settled() const;

 private:
  enum class Phase { crouch, push, flight, landed };
  void hold_legs(const std::array<trot::JointAngles, 4>& q, double kp, double kd, double weight_share,
                 SimarenaMotorCmd& cmd) const;

  trot::LegGeometry geometry_;
  RigidBody body_;
  trot::BodyStateEstimator estimator_;
  double velocity_blend_, attitude_kp_, attitude_kd_;
  JumpGoal goal_;
  Phase phase_ = Phase::crouch;
  double t_ = 0.0, phase_start_ = 0.0;
  double start_yaw_ = 0.0;
  Eigen::Vector3d takeoff_velocity_ = Eigen::Vector3d::Zero();  // world
  double takeoff_yaw_rate_ = 0.0;
  double flight_time_ = 0.0;
  double crouch_height_ = 0.0, takeoff_height_ = 0.0;  // m, trunk above the ground
  bool full_effort_ = false;                           // push as hard as the motors can (the jump up)
  std::array<trot::JointAngles, 4> start_q_{}, crouch_q_{}, takeoff_q_{}, land_q_{}, stand_q_{};
  StanceForces forces_;
  int landed_periods_ = 0;
};

}  // namespace locomotion
