#include "locomotion.h"

#include <algorithm>
#include <cmath>

#include "swing_trajectory.h"

namespace trot {

namespace {

constexpr double kTorqueLimit = 12.0;       // N·m, the motors' peak
constexpr double kOdometryMargin = 0.15;    // fraction of stance ignored at each end
constexpr double kMaxJointSpeed = 20.0;     // rad/s: caps qd_des near a singular leg
constexpr double kSlopeTimeConstant = 0.2;  // s, filter on the felt ground slope
// Stumble reflex: how far behind its path a swing foot must be, when it
// may be checked, and how fast the extra lift comes in (q_des must not jump).
constexpr double kStumbleLag = 0.03;              // m
constexpr double kStumbleWindow[2] = {0.2, 0.8};  // swing progress
constexpr double kStumbleLiftRate = 2.0;          // m/s

// Roll and pitch only: trunk axes to the heading frame (world turned by yaw).
Eigen::Matrix3d tilt_of(const BodyState& s) {
  return Eigen::AngleAxisd(-s.rpy.z(), Eigen::Vector3d::UnitZ()).matrix() * s.rotation;
}

void write_joint(SimarenaMotorCmd& cmd, int index, double q, double qd, double kp, double kd, double tau) {
  cmd.q_des[index] = static_cast<float>(q);
  cmd.qd_des[index] = static_cast<float>(std::clamp(qd, -kMaxJointSpeed, kMaxJointSpeed));
  cmd.kp_des[index] = static_cast<float>(kp);
  cmd.kd_des[index] = static_cast<float>(kd);
  cmd.tau_des[index] = static_cast<float>(std::clamp(tau, -kTorqueLimit, kTorqueLimit));
}

}  // namespace

Locomotion::Locomotion(const TrotParams& params, LegGeometry geometry)
    : params_(params),
      geometry_(geometry),
      gait_(params.period, params.duty),
      estimator_(geometry, params.velocity_blend),
      balance_(MassProperties{}, params.balance),
      terrain_(kSlopeTimeConstant) {}

std::array<JointAngles, kNumLegs> Locomotion::stance_pose() const {
  std::array<JointAngles, kNumLegs> pose;
  for (int leg = 0; leg < kNumLegs; ++leg) {
    Eigen::Vector3d foot = geometry_.hip_origin(leg);
    foot.z() = -(params_.body_height - geometry_.foot_radius);
    pose[leg] = *inverse_kinematics(geometry_, leg, clamp_to_workspace(geometry_, leg, foot));
  }
  return pose;
}

Eigen::Vector3d Locomotion::touchdown_target(int leg, const Eigen::Matrix3d& tilt, const Eigen::Vector2d& velocity,
                                             const Eigen::Vector2d& desired_velocity) const {
  const Eigen::Vector3d hip = tilt * geometry_.hip_origin(leg);
  // The hip also travels sideways while the trunk turns during stance.
  const Eigen::Vector2d turning =
      0.5 * gait_.stance_duration() * estimator_.state().omega.z() * Eigen::Vector2d(-hip.y(), hip.x());
  const Eigen::Vector2d xy = raibert_touchdown(hip.head<2>() + turning, velocity, desired_velocity,
                                               gait_.stance_duration(), params_.raibert_gain);
  // Expect the ground where the felt slope puts it.
  return {xy.x(), xy.y(),
          -(params_.body_height - geometry_.foot_radius) + terrain_.rise_over(xy.x()) - params_.touchdown_depth};
}

double Locomotion::stumble_lift(int leg, const Eigen::Vector3d& foot, const Eigen::Vector3d& land, double progress,
                                double dt) {
  const Eigen::Vector2d stride = (land - lift_off_[leg]).head<2>();
  if (!stumbled_[leg] && progress > kStumbleWindow[0] && progress < kStumbleWindow[1] && stride.norm() > 0.02) {
    const double lag = (swing_target_[leg] - foot).head<2>().dot(stride.normalized());
    stumbled_[leg] = lag > kStumbleLag && foot.z() < swing_target_[leg].z();
  }
  if (stumbled_[leg]) stumble_lift_[leg] = std::min(params_.stumble_height, stumble_lift_[leg] + kStumbleLiftRate * dt);
  // Fade out over the landing so the foot still reaches the ground.
  const double fade = std::clamp((1.0 - progress) / (1.0 - kStumbleWindow[1]), 0.0, 1.0);
  return stumble_lift_[leg] * fade;
}

double Locomotion::lane_offset() const {
  return -std::sin(start_yaw_) * odometry_.x() + std::cos(start_yaw_) * odometry_.y();
}

void Locomotion::step(const SimarenaRobotData& data, const MotionCommand& command, double dt, SimarenaMotorCmd& cmd) {
  gait_.advance(dt);
  std::array<LegPhase, kNumLegs> phase;
  std::array<double, kNumLegs> support{}, odometry_trust{};
  for (int leg = 0; leg < kNumLegs; ++leg) {
    phase[leg] = gait_.phase(leg);
    support[leg] = phase[leg].stance ? 1.0 : 0.0;
    // Trust leg odometry only mid-stance: around touchdown and lift-off the
    // foot may still be moving or already unloaded.
    const double p = phase[leg].progress;
    odometry_trust[leg] = phase[leg].stance && p > kOdometryMargin && p < 1.0 - kOdometryMargin ? 1.0 : 0.0;
  }
  const BodyState& s = estimator_.update(data, odometry_trust, dt);

  if (!started_) {
    started_ = true;
    start_yaw_ = yaw_target_ = s.rpy.z();
  }
  // Commands live in the heading frame; the balance law wants world axes.
  yaw_target_ = std::remainder(yaw_target_ + command.yaw_rate * dt, 2.0 * M_PI);
  const Eigen::Matrix3d heading = Eigen::AngleAxisd(s.rpy.z(), Eigen::Vector3d::UnitZ()).matrix();
  const Eigen::Matrix3d tilt = tilt_of(s);
  std::array<Eigen::Vector3d, kNumLegs> feet;  // heading frame
  for (int leg = 0; leg < kNumLegs; ++leg) feet[leg] = tilt * s.foot[leg];
  terrain_.update(feet, odometry_trust, dt);
  const Eigen::Vector2d desired_heading_velocity(command.forward_speed, command.lateral_speed);
  const Eigen::Vector3d desired_world_velocity =
      heading * Eigen::Vector3d(command.forward_speed, command.lateral_speed, 0.0);
  odometry_ += s.velocity.head<2>() * dt;
  const Eigen::Vector2d heading_velocity = (heading.transpose() * s.velocity).head<2>();

  // Integral of the velocity error, kept in the heading frame so it turns
  // with the robot; it supplies the steady push against drag and slopes.
  const BalanceGains& gains = params_.balance;
  velocity_integral_ += gains.velocity_ki * (desired_heading_velocity - heading_velocity) * dt;
  if (velocity_integral_.norm() > gains.velocity_integral_limit)
    velocity_integral_ *= gains.velocity_integral_limit / velocity_integral_.norm();

  BalanceTarget target;
  target.velocity = desired_world_velocity.head<2>();
  target.extra_acceleration = heading.topLeftCorner<2, 2>() * velocity_integral_;
  target.height = params_.body_height;
  // Pitch with the ground (ramps, stairs) so front and rear legs keep their reach.
  target.pitch = std::clamp(params_.slope_follow * terrain_.pitch(), -params_.max_body_pitch, params_.max_body_pitch);
  target.yaw = yaw_target_;
  target.yaw_rate = command.yaw_rate;
  const FootForces forces = balance_.forces(s, target, support);

  for (int leg = 0; leg < kNumLegs; ++leg) {
    const int base = leg * 3;
    const Eigen::Matrix3d& jacobian = s.jacobian[leg];
    if (phase[leg].stance) {
      in_swing_[leg] = false;
      // Push the ground with the balance force; damp toward the foot
      // sliding back under the trunk at the wanted speed.
      const Eigen::Vector3d torque = -jacobian.transpose() * (s.rotation.transpose() * forces[leg]);
      const Eigen::Vector3d foot_rate =
          s.rotation.transpose() * (-desired_world_velocity - s.omega.cross(s.rotation * s.foot[leg]));
      const Eigen::Vector3d qd = jacobian.partialPivLu().solve(foot_rate);
      for (int j = 0; j < 3; ++j) write_joint(cmd, base + j, s.q[leg][j], qd[j], 0.0, params_.kd_stance, torque[j]);
      continue;
    }
    if (!in_swing_[leg]) {
      in_swing_[leg] = true;
      lift_off_[leg] = swing_target_[leg] = feet[leg];
      stumbled_[leg] = false;
      stumble_lift_[leg] = 0.0;
    }
    const Eigen::Vector3d land = touchdown_target(leg, tilt, heading_velocity, desired_heading_velocity);
    FootTarget swing =
        swing_point(lift_off_[leg], land, phase[leg].progress, gait_.swing_duration(), params_.step_height);
    swing.position.z() += stumble_lift(leg, feet[leg], land, phase[leg].progress, dt);
    swing_target_[leg] = swing.position;
    const Eigen::Vector3d foot = clamp_to_workspace(geometry_, leg, tilt.transpose() * swing.position);
    const JointAngles q = inverse_kinematics(geometry_, leg, foot).value_or(s.q[leg]);
    const Eigen::Vector3d qd = jacobian.partialPivLu().solve(tilt.transpose() * swing.velocity);
    for (int j = 0; j < 3; ++j) write_joint(cmd, base + j, q[j], qd[j], params_.kp_swing, params_.kd_swing, 0.0);
  }
}

}  // namespace trot
