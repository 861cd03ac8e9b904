#include "balance_controller.h"

#include <algorithm>
#include <cmath>

namespace trot {

namespace {

Eigen::Matrix3d skew(const Eigen::Vector3d& v) {
  Eigen::Matrix3d m;
  m << 0, -v.z(), v.y(), v.z(), 0, -v.x(), -v.y(), v.x(), 0;
  return m;
}

// Keeps a ground force physically possible: pushing, not too hard, and
// inside the friction cone (tangential part scaled down if needed).
Eigen::Vector3d limit_to_cone(Eigen::Vector3d f, double mu, double min_normal, double max_normal) {
  f.z() = std::clamp(f.z(), min_normal, max_normal);
  const double tangential = std::hypot(f.x(), f.y());
  const double allowed = mu * f.z();
  if (tangential > allowed) {
    f.x() *= allowed / tangential;
    f.y() *= allowed / tangential;
  }
  return f;
}

}  // namespace

BalanceController::BalanceController(MassProperties body, BalanceGains gains) : body_(body), gains_(gains) {}

FootForces BalanceController::forces(const BodyState& state, const BalanceTarget& target,
                                     const std::array<double, kNumLegs>& support) const {
  FootForces result;
  for (auto& f : result) f.setZero();

  int stance[kNumLegs];
  int count = 0;
  for (int leg = 0; leg < kNumLegs; ++leg)
    if (support[leg] > 0.0) stance[count++] = leg;
  if (count == 0) return result;

  // Desired net force on the trunk, world axes.
  const BalanceGains& g = gains_;
  Eigen::Vector3d force;
  force.head<2>() =
      body_.mass * (g.velocity_kp * (target.velocity - state.velocity.head<2>()) + target.extra_acceleration);
  force.z() = body_.mass * (kGravity + g.height_kp * (target.height - state.height) - g.height_kd * state.velocity.z());

  // Desired torque: level roll, pitch to the target, heading to the target yaw.
  const double yaw_error = std::remainder(target.yaw - state.rpy.z(), 2.0 * M_PI);
  const Eigen::Vector3d angular_acceleration(
      -g.attitude_kp * state.rpy.x() - g.attitude_kd * state.omega.x(),
      g.attitude_kp * (target.pitch - state.rpy.y()) - g.attitude_kd * state.omega.y(),
      g.yaw_kp * yaw_error + g.yaw_kd * (target.yaw_rate - state.omega.z()));
  const Eigen::Matrix3d& r = state.rotation;
  const Eigen::Matrix3d inertia_world = r * body_.inertia.asDiagonal() * r.transpose();
  const Eigen::Vector3d torque = inertia_world * angular_acceleration;

  // sum f_i = force, sum (p_i - com) x f_i = torque; weighted, regularised
  // least squares (two diagonal feet cannot make torque about their line).
  Eigen::MatrixXd a(6, 3 * count);
  for (int i = 0; i < count; ++i) {
    const Eigen::Vector3d lever = r * (state.foot[stance[i]] - body_.centre_of_mass);
    a.block<3, 3>(0, 3 * i) = Eigen::Matrix3d::Identity();
    a.block<3, 3>(3, 3 * i) = skew(lever);
  }
  Eigen::Matrix<double, 6, 1> wrench;
  wrench << force, torque;
  // Torques are worth more per unit than forces: a 0.2 m lever.
  Eigen::Matrix<double, 6, 1> weights;
  weights << 1.0, 1.0, 1.0, 25.0, 25.0, 25.0;
  const Eigen::MatrixXd weighted_a = weights.asDiagonal() * a;
  const Eigen::MatrixXd normal = a.transpose() * weighted_a + 1e-3 * Eigen::MatrixXd::Identity(3 * count, 3 * count);
  const Eigen::VectorXd solution = normal.ldlt().solve(a.transpose() * (weights.asDiagonal() * wrench));

  for (int i = 0; i < count; ++i) {
    const int leg = stance[i];
    const Eigen::Vector3d f = solution.segment<3>(3 * i);
    result[leg] = support[leg] * limit_to_cone(f, g.friction, g.min_normal_force, g.max_normal_force);
  }
  return result;
}

}  // namespace trot
