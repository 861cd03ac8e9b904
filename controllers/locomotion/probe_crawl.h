// The probe crawl (gait 60, simarena's own): a blind statically stable walk
// for gaps and stepping stones. One leg moves at a time (RR, FR, RL, FL).
// Before a leg lifts, the trunk moves so its centre of mass lies inside the
// triangle of the other three feet with a margin; the stance feet push with
// forces from the force-distribution QP (stance_forces.h) for a wrench that
// tracks the trunk's height, attitude and that position, mapped by J^T.
// The swing foot feels for ground (foot_probe.h): over a gap it lifts and
// tries again farther on or short of it while three feet hold the trunk.
// It reads only RobotData and the leg geometry: positions come from leg
// odometry against the feet on the ground.
#pragma once

#include <simarena/controller.h>

#include <array>

#include "body_state_estimator.h"
#include "foot_probe.h"
#include "leg_kinematics.h"
#include "locomotion_command.h"
#include "locomotion_params.h"
#include "robot_geometry.h"
#include "stance_forces.h"

namespace locomotion {

class ProbeCrawl {
 public:
  enum class Phase { kShift, kUnload, kSwing, kLoad };

  ProbeCrawl(const LocomotionParams& params, trot::LegGeometry geometry, RigidBody body,
             const TorqueLimits& torque_limits);

  // One period; `command` is limited and ramped: forward_speed caps the
  // trunk's speed, lateral_speed steers the feet back to the lane.
  void step(const SimarenaRobotData& data, const LocomotionCommand& command, double dt, SimarenaMotorCmd& cmd);

  // Sideways drift from the start line (left positive), leg odometry, m.
  double lane_offset() const;
  Phase phase() const { return phase_; }
  int swing_leg() const { return kOrder[order_index_]; }
  int gaps_felt() const { return gaps_felt_; }  // every gap any foot felt so far

 private:
  static constexpr std::array<int, kLegs> kOrder{2, 0, 3, 1};  // RR, FR, RL, FL

  // Where the centre of mass should go (xy, odometry frame): forward of the
  // feet's middle, pulled into the triangle of the feet other than `lifting`.
  Eigen::Vector2d com_goal(int lifting, const Eigen::Matrix3d& heading, const LocomotionCommand& command) const;
  // Smallest distance of `point` inside the triangle of the feet other than
  // `lifting` (negative: outside).
  double margin_inside(int lifting, const Eigen::Vector2d& point) const;
  // Height of `leg`'s foot above the mean of the other three's, m.
  double foot_height(int leg, const std::array<Eigen::Vector3d, kLegs>& relative) const;
  void begin_swing(int leg, const Eigen::Matrix3d& heading, const LocomotionCommand& command);

  LocomotionParams params_;
  trot::LegGeometry geometry_;
  RigidBody body_;
  TorqueLimits torque_limits_;
  trot::BodyStateEstimator estimator_;
  FootProbe probe_;
  StanceForces forces_;
  bool started_ = false;
  double lane_offset_ = 0.0;  // m left of the start line, from the estimated velocity
  double start_yaw_ = 0.0;
  // Odometry axes: world axes turned so x points where the walk began. With
  // four feet down, positions are from the trunk; during a swing, from where
  // the trunk was when it began (the three feet down do not move).
  std::array<Eigen::Vector3d, kLegs> anchor_{};  // where each foot stands (stood, for the swing foot)
  Eigen::Vector3d trunk_ = Eigen::Vector3d::Zero();
  Phase phase_ = Phase::kShift;
  int order_index_ = 0;
  double phase_time_ = 0.0;
  int gaps_felt_ = 0;
  std::array<double, kLegs> stood_height_{};  // foot_height of each foot when it had taken its load
  double landed_height_ = 0.0;
  bool restepping_ = false;  // this shift readies a foot that slid for another step  // foot_height of the foot being
                             // loaded when it landed
};

}  // namespace locomotion
