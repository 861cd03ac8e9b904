#include "body_state_estimator.h"

#include <cmath>

namespace trot {

namespace {}

BodyStateEstimator::BodyStateEstimator(LegGeometry geometry, double velocity_blend, double slip_gate)
    : geometry_(geometry), velocity_blend_(velocity_blend), slip_gate_(slip_gate) {}

const BodyState& BodyStateEstimator::update(const SimarenaRobotData& data, const std::array<double, kNumLegs>& support,
                                            double dt) {
  BodyState& s = state_;
  // CyberDog 2 reports w, x, y, z; omega and acc are already in the world frame.
  const Eigen::Quaterniond quat(data.quat[0], data.quat[1], data.quat[2], data.quat[3]);
  s.rotation = quat.normalized().toRotationMatrix();
  // Roll and pitch as reported; yaw from the quaternion, which is in the same
  // world frame as omega and acc (the reported yaw is re-zeroed at the start).
  s.rpy = Eigen::Vector3d(data.rpy[0], data.rpy[1], std::atan2(s.rotation(1, 0), s.rotation(0, 0)));
  s.omega = Eigen::Vector3d(data.omega[0], data.omega[1], data.omega[2]);

  const Eigen::Vector3d acceleration =
      Eigen::Vector3d(data.acc[0], data.acc[1], data.acc[2]) - Eigen::Vector3d(0.0, 0.0, kGravity);
  const Eigen::Vector3d predicted = s.velocity + acceleration * dt;
  std::array<Eigen::Vector3d, kNumLegs> odometry_of{};  // the trunk's velocity each stance foot implies
  double support_weight = 0.0, height_sum = 0.0;
  for (int leg = 0; leg < kNumLegs; ++leg) {
    for (int j = 0; j < 3; ++j) {
      s.q[leg][j] = data.q[leg * 3 + j];
      s.qd[leg][j] = data.qd[leg * 3 + j];
    }
    s.foot[leg] = foot_position(geometry_, leg, s.q[leg]);
    s.jacobian[leg] = foot_jacobian(geometry_, leg, s.q[leg]);
    const Eigen::Vector3d foot_world = s.rotation * s.foot[leg];
    s.foot_velocity[leg] = s.rotation * (s.jacobian[leg] * s.qd[leg]) + s.omega.cross(foot_world);
    if (support[leg] > 0.0) {
      // A foot at rest on the ground: the trunk moves opposite to it. The
      // foot is a ball that rolls as the shank turns, so its centre moves by
      // shank rate x radius even when the contact point does not slip.
      const Eigen::Vector3d abad_axis = s.rotation.col(0);
      const Eigen::Vector3d pitch_axis =
          s.rotation * Eigen::AngleAxisd(s.q[leg][0], Eigen::Vector3d::UnitX()).matrix().col(1);
      const Eigen::Vector3d shank_rate =
          s.omega + abad_axis * s.qd[leg][0] + pitch_axis * (s.qd[leg][1] + s.qd[leg][2]);
      const Eigen::Vector3d rolling = shank_rate.cross(Eigen::Vector3d(0.0, 0.0, geometry_.foot_radius));
      odometry_of[leg] = rolling - s.foot_velocity[leg];
      height_sum += support[leg] * (geometry_.foot_radius - foot_world.z());
      support_weight += support[leg];
    }
  }
  // A foot that slides (into a gap, off an edge) says the trunk moves where
  // it does not: with a gate, one far from what the accelerometer predicts
  // is left out, unless all are (then the prediction is what is wrong).
  std::array<bool, kNumLegs> used{};
  bool any_used = false;
  for (int leg = 0; leg < kNumLegs; ++leg) {
    used[leg] = support[leg] > 0.0 &&
                (slip_gate_ <= 0.0 || !initialized_ || (odometry_of[leg] - predicted).head<2>().norm() <= slip_gate_);
    any_used = any_used || used[leg];
  }
  Eigen::Vector3d odometry = Eigen::Vector3d::Zero();
  double odometry_weight = 0.0;
  for (int leg = 0; leg < kNumLegs; ++leg)
    if (used[leg] || (!any_used && support[leg] > 0.0)) {
      odometry += support[leg] * odometry_of[leg];
      odometry_weight += support[leg];
    }

  if (!initialized_) {
    s.velocity = odometry_weight > 0.0 ? Eigen::Vector3d(odometry / odometry_weight) : Eigen::Vector3d::Zero();
    initialized_ = true;
  } else {
    s.velocity = predicted;
    if (odometry_weight > 0.0) {
      const double blend = velocity_blend_ * std::min(1.0, odometry_weight);
      s.velocity += blend * (odometry / odometry_weight - s.velocity);
    }
  }
  if (support_weight > 0.0) s.height = height_sum / support_weight;
  return s;
}

}  // namespace trot
