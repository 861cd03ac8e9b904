// One control period of trotting: estimate the trunk state, advance the
// gait, plan swing feet, compute stance forces, and turn both into motor
// commands (joint PD toward the swing path, J^T force plus damping in stance).
#pragma once

#include <simarena/controller.h>

#include <array>

#include "balance_controller.h"
#include "body_state_estimator.h"
#include "gait_scheduler.h"
#include "leg_kinematics.h"
#include "terrain_slope.h"
#include "trot_params.h"

namespace trot {

// What the robot should do now, in its own heading frame.
struct MotionCommand {
  double forward_speed = 0.0;  // m/s
  double lateral_speed = 0.0;  // m/s, to the left
  double yaw_rate = 0.0;       // rad/s
};

class Locomotion {
 public:
  Locomotion(const TrotParams& params, LegGeometry geometry);

  // Joint angles of the stance pose: feet under the hips at body height.
  std::array<JointAngles, kNumLegs> stance_pose() const;

  // Called once per control period while walking; writes all 12 joints.
  void step(const SimarenaRobotData& data, const MotionCommand& command, double dt, SimarenaMotorCmd& cmd);

  const BodyState& state() const { return estimator_.state(); }
  // Sideways distance from the line through the start along the start
  // heading, m, left positive: dead reckoning from the estimated velocity
  // (drifts slowly, but no ground truth is used).
  double lane_offset() const;

 private:
  Eigen::Vector3d touchdown_target(int leg, const Eigen::Matrix3d& tilt, const Eigen::Vector2d& velocity,
                                   const Eigen::Vector2d& desired_velocity) const;
  // Stumble reflex: a swing foot held back while it should be moving
  // forward has hit a riser or a bar; it lifts `stumble_height` higher for
  // the rest of this swing. Returns the extra height now, m.
  double stumble_lift(int leg, const Eigen::Vector3d& foot, const Eigen::Vector3d& land, double progress, double dt);

  TrotParams params_;
  LegGeometry geometry_;
  GaitScheduler gait_;
  BodyStateEstimator estimator_;
  BalanceController balance_;
  TerrainSlope terrain_;
  bool started_ = false;
  double start_yaw_ = 0.0;
  double yaw_target_ = 0.0;
  Eigen::Vector2d odometry_ = Eigen::Vector2d::Zero();           // world xy from the start, m
  Eigen::Vector2d velocity_integral_ = Eigen::Vector2d::Zero();  // heading frame, m/s²
  std::array<bool, kNumLegs> in_swing_{};
  std::array<Eigen::Vector3d, kNumLegs> lift_off_{};      // heading frame, relative to trunk
  std::array<Eigen::Vector3d, kNumLegs> swing_target_{};  // last swing target, same frame
  std::array<bool, kNumLegs> stumbled_{};
  std::array<double, kNumLegs> stumble_lift_{};  // m, rising to stumble_height once stumbled
};

}  // namespace trot
