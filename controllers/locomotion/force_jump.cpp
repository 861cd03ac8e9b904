#include "force_jump.h"

#include <algorithm>
#include <cmath>

#include "joint_command.h"

namespace locomotion {

namespace {

constexpr double kStraightKnee = -35.0 * M_PI / 180.0;  // the robot stops pushing at a 35 degree knee
constexpr int kShortPush = 60, kLongPush = 200;         // periods (the robot's, at 500 Hz)
constexpr double kLongPushLift = 15.0;                  // m/s² upward that asks for the long push
constexpr double kReturnTime = 0.2;                     // s
constexpr double kReturnKp[3] = {80.0, 30.0, 40.0}, kReturnKd = 5.0;

}  // namespace

ForceJump::ForceJump(trot::LegGeometry geometry, RigidBody body, double velocity_blend)
    : geometry_(geometry), body_(body), velocity_blend_(velocity_blend), estimator_(geometry, velocity_blend) {}

void ForceJump::begin(const SimarenaRobotData& data, const SimarenaHighLevelCmd& order) {
  angular_ = Eigen::Vector3d(order.acc_des[0], order.acc_des[1], order.acc_des[2]);
  linear_ = Eigen::Vector3d(order.acc_des[3], order.acc_des[4], order.acc_des[5]);
  for (int leg = 0; leg < 4; ++leg) pushing_[leg] = (order.contact >> leg) & 1;
  push_periods_ = linear_.z() >= kLongPushLift ? kLongPush : kShortPush;
  periods_ = 0;
  push_end_ = -1;
  for (int i = 0; i < 12; ++i) entry_q_[i] = data.q[i];
  forces_ = StanceForces{};
  estimator_ = trot::BodyStateEstimator(geometry_, velocity_blend_);
}

int8_t ForceJump::step(const SimarenaRobotData& data, double dt, SimarenaMotorCmd& cmd) {
  const bool any = std::any_of(pushing_.begin(), pushing_.end(), [](bool b) { return b; });
  bool straight = false;
  for (int leg = 0; leg < 4; ++leg) straight = straight || data.q[3 * leg + 2] >= kStraightKnee;
  if (push_end_ < 0 && (!any || straight || periods_ > push_periods_)) {
    push_end_ = periods_;
    for (int i = 0; i < 12; ++i) release_q_[i] = data.q[i];
  }
  const std::array<double, 4> support{pushing_[0] ? 1.0 : 0.0, pushing_[1] ? 1.0 : 0.0, pushing_[2] ? 1.0 : 0.0,
                                      pushing_[3] ? 1.0 : 0.0};
  const trot::BodyState& s = estimator_.update(data, support, dt);
  ++periods_;

  if (push_end_ < 0) {
    const Eigen::Matrix3d inertia = s.rotation * body_.inertia.asDiagonal() * s.rotation.transpose();
    Eigen::Matrix<double, 6, 1> wrench;
    wrench << body_.mass * (linear_ + Eigen::Vector3d(0, 0, kGravity)), inertia * angular_;
    std::array<Eigen::Vector3d, 4> lever;
    for (int leg = 0; leg < 4; ++leg) lever[leg] = s.rotation * (s.foot[leg] - body_.centre_of_mass);
    ForceLimits limits;
    limits.max_normal = 250.0;
    forces_ = distribute_forces(pushing_, lever, wrench, limits, ForceWeights{}, forces_.force);
    for (int leg = 0; leg < 4; ++leg) {
      const Eigen::Vector3d tau = -s.jacobian[leg].transpose() * (s.rotation.transpose() * forces_.force[leg]);
      for (int j = 0; j < 3; ++j) {
        const int i = 3 * leg + j;
        cmd.q_des[i] = static_cast<float>(pushing_[leg] ? data.q[i] : entry_q_[i]);
        cmd.qd_des[i] = 0.0f;
        cmd.kp_des[i] = pushing_[leg] ? 0.0f : static_cast<float>(kReturnKp[j]);
        cmd.kd_des[i] = pushing_[leg] ? 0.0f : static_cast<float>(kReturnKd);
        cmd.tau_des[i] = pushing_[leg] ? static_cast<float>(std::clamp(tau[j], -kTorqueLimit, kTorqueLimit)) : 0.0f;
      }
    }
    return 0;
  }
  // The legs back to the pose they had on entry: the landing, soft.
  const double k = std::min(1.0, static_cast<double>(periods_ - push_end_) * dt / kReturnTime);
  for (int i = 0; i < 12; ++i) {
    cmd.q_des[i] = static_cast<float>(release_q_[i] + k * (entry_q_[i] - release_q_[i]));
    cmd.qd_des[i] = 0.0f;
    cmd.kp_des[i] = static_cast<float>(kReturnKp[i % 3]);
    cmd.kd_des[i] = static_cast<float>(kReturnKd);
    cmd.tau_des[i] = 0.0f;
  }
  return k >= 1.0 ? 100 : 0;
}

}  // namespace locomotion
