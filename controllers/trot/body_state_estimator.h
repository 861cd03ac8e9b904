// What a blind robot knows about its trunk: orientation and angular velocity
// from the IMU, linear velocity from leg odometry (stance feet do not slip)
// blended with the integrated accelerometer, and height above the ground
// under the stance feet. No ground-truth position is used.
#pragma once

#include <simarena/controller.h>

#include <Eigen/Dense>
#include <array>

#include "leg_kinematics.h"

namespace trot {

struct BodyState {
  Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();  // trunk to world
  Eigen::Vector3d rpy = Eigen::Vector3d::Zero();           // roll, pitch, yaw (world), rad
  Eigen::Vector3d omega = Eigen::Vector3d::Zero();         // world frame, rad/s
  Eigen::Vector3d velocity = Eigen::Vector3d::Zero();      // world frame, m/s
  double height = 0.0;                                     // trunk origin above the stance feet's ground, m
  std::array<JointAngles, kNumLegs> q{}, qd{};
  std::array<Eigen::Vector3d, kNumLegs> foot{};           // trunk frame
  std::array<Eigen::Matrix3d, kNumLegs> jacobian{};       // trunk frame
  std::array<Eigen::Vector3d, kNumLegs> foot_velocity{};  // relative to trunk, world axes
};

class BodyStateEstimator {
 public:
  // `velocity_blend` is how much of the leg-odometry velocity enters each
  // period (0..1); the rest is the accelerometer's prediction. A stance
  // foot whose odometry differs from that prediction by more than
  // `slip_gate` (m/s, horizontal; 0: never) is taken to slide and not used.
  BodyStateEstimator(LegGeometry geometry, double velocity_blend, double slip_gate = 0.0);

  // `support` weights each leg's odometry (0 for swing legs, 1 for a leg in
  // firm stance). Without support the velocity follows the accelerometer.
  const BodyState& update(const SimarenaRobotData& data, const std::array<double, kNumLegs>& support, double dt);

  const BodyState& state() const { return state_; }

 private:
  LegGeometry geometry_;
  double velocity_blend_;
  double slip_gate_;
  BodyState state_;
  bool initialized_ = false;
};

}  // namespace trot
