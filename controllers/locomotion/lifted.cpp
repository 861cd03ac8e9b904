#include "lifted.h"

#include <algorithm>
#include <cmath>

#include "body_rotation.h"

namespace locomotion {

namespace {

constexpr int kModeQpStand = 3;
constexpr int kGaitStand = 1, kGaitPronk = 2, kGaitPassiveTrot = 4, kGaitTrot10v4 = 5, kGaitTrotFast = 10,
              kGaitTrot8v3 = 11, kGaitTrotAuto = 26;

// The robot's thresholds (CYBERDOG2, not in its energy-saving mode): how far
// the feet hang below the hips, the knee torque that still counts as not
// carrying (robot sign, scaled by 1.3), the trunk's pitch and angular rate
// that blind the test in QP stand, and the leg length one foot must pass.
// The knee torques are half the robot's (-0.40 walking, -0.25 in QP
// stand): simarena's walker, stepping down between the Xiaomi Cup's stones,
// averages -0.51 N·m on its knees (the robot's -0.52 fired there), while a
// lifted one reads -0.1 to +0.15 N·m within 0.05 s of its feet leaving.
struct Thresholds {
  double foot_z, knee_torque, pitch_rate, pitch, leg_length;
};
constexpr Thresholds kLocomotion{0.230, -0.20, 0.3, 0.12, 0.1};
constexpr Thresholds kQpStand{0.230, -0.125, 0.5, 0.2, 0.255};
constexpr double kTorqueRatio = 1.3, kPitchCommand = 0.05;

// Periods the knee torque is averaged over, by the commanded gait.
double averaging_periods(int gait, double speed) {
  switch (gait) {
    case kGaitPronk:
      return 75;
    case kGaitStand:
      return 30;
    case kGaitTrot10v4:
    case kGaitTrotFast:
    case kGaitTrot8v3:
      return 45.0 + 120.0 * (std::abs(speed) >= 0.2 ? std::abs(speed) : 0.0);
    case kGaitPassiveTrot:
      return 200;
    default:  // bound, the trots, QP stand
      return 50;
  }
}

// The robot's hanging pose (its 0, -0.9046, 1.5097) and gains.
constexpr std::array<double, 3> kHangingLeg{0.0, 0.9046, -1.5097};
constexpr double kHangingKp = 35.0, kHangingKd = 2.5;
constexpr double kLandingTorque = 0.75;  // N·m of knee torque (or change of it) that means ground
constexpr double kFallingTilt = 1.0;     // rad of roll or pitch

}  // namespace

bool LiftedCheck::lifted(const SimarenaRobotData& data, const LiftedCheckInput& in) {
  const bool qp_stand = in.mode == kModeQpStand;
  Thresholds t = qp_stand ? kQpStand : kLocomotion;
  const Eigen::Matrix3d rotation = rotation_of(data);
  std::array<Eigen::Vector3d, 4> level;
  for (int leg = 0; leg < 4; ++leg) {
    const trot::JointAngles q(data.q[3 * leg], data.q[3 * leg + 1], data.q[3 * leg + 2]);
    level[leg] = rotation * (trot::foot_position(geometry_, leg, q) - geometry_.abad_origin(leg));
  }
  // Knee torques, robot sign (its knees carry with negative torque, simarena's with positive).
  const auto knee = [&](int leg) { return -static_cast<double>(data.tau[3 * leg + 2]); };
  const double n = averaging_periods(in.commanded_gait, in.forward_speed);
  const auto average = [n](double& mean, double now) { mean = (mean * (n - 1.0) + now) / n; };
  average(knee_all_, (knee(0) + knee(1) + knee(2) + knee(3)) / 4.0);

  // A gait change (not the automatic trot's own) blinds the check for a while.
  if (in.commanded_gait != last_gait_ && in.commanded_gait != kGaitTrotAuto) {
    settle_periods_ = 0;
    settled_ = false;
    settle_needed_ = in.commanded_gait == kGaitStand ? 150 : 750;
  }
  last_gait_ = in.commanded_gait;
  if (!settled_ && (in.gait_settled || qp_stand)) ++settle_periods_;
  if (settle_periods_ >= settle_needed_) {
    settled_ = true;
    settle_periods_ = 0;
  }

  const Eigen::Vector3d omega = rotation.transpose() * Eigen::Vector3d(data.omega[0], data.omega[1], data.omega[2]);
  const double pitch = data.rpy[1];
  const bool pitch_command_small = qp_stand || std::abs(in.pitch_command) <= kPitchCommand;
  const bool swaying = qp_stand && std::abs(pitch) > t.pitch && omega.norm() > t.pitch_rate;
  if (!qp_stand && in.gait_settled && in.commanded_gait == kGaitStand) {
    t.foot_z -= 0.01;  // standing (loco gait 1): the robot's stand thresholds
    t.knee_torque -= 0.05;
  }
  const double carrying = t.knee_torque * kTorqueRatio;
  const double all_z = std::abs((level[0].z() + level[1].z() + level[2].z() + level[3].z()) / 4.0);
  // The robot also has front-only and rear-only versions of this test (a
  // pair's feet and knees with the trunk pitching, or the pair's lowest foot
  // with a pitch): not here, they fired on simarena's trot crossing the
  // Xiaomi Cup's stones. Only the four legs' test is the robot's.
  const bool hanging = all_z > t.foot_z && knee_all_ > carrying;
  const bool long_leg =
      std::any_of(level.begin(), level.end(), [&](const Eigen::Vector3d& foot) { return foot.norm() > t.leg_length; });
  return long_leg && settled_ && pitch_command_small && !swaying && hanging;
}

void LiftedState::begin() {
  periods_ = averaged_ = landing_periods_ = falling_periods_ = 0;
  ready_ = falling_now_ = false;
  knee_average_.fill(0.0);
}

void LiftedState::step(const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
  ++periods_;
  for (int i = 0; i < 12; ++i) {
    cmd.q_des[i] = static_cast<float>(kHangingLeg[i % 3]);
    cmd.qd_des[i] = 0.0f;
    cmd.kp_des[i] = static_cast<float>(kHangingKp);
    cmd.kd_des[i] = static_cast<float>(kHangingKd);
    cmd.tau_des[i] = 0.0f;
  }
  if (averaged_ < kAveragePeriods) {  // first the knees' torque while hanging
    ++averaged_;
    for (int leg = 0; leg < 4; ++leg)
      knee_average_[leg] += (data.tau[3 * leg + 2] - knee_average_[leg]) / static_cast<double>(averaged_);
    return;
  }
  if (std::abs(data.rpy[0]) > kFallingTilt || std::abs(data.rpy[1]) > kFallingTilt) {
    falling_now_ = true;
    landing_ = false;
    landing_periods_ = 0;
    ++falling_periods_;
    ready_ = falling_periods_ >= kFallingPeriods;
    return;
  }
  falling_now_ = false;
  falling_periods_ = 0;
  // The robot's loop overwrites its landing flag leg by leg, so the last leg
  // (RL) decides; so here.
  for (int leg = 0; leg < 4; ++leg)
    landing_ = std::abs(data.tau[3 * leg + 2] - knee_average_[leg]) >= kLandingTorque ||
               std::abs(data.tau[3 * leg + 2]) >= kLandingTorque;
  landing_periods_ = landing_ ? landing_periods_ + 1 : 0;
  ready_ = landing_periods_ >= kLandingPeriods;
}

}  // namespace locomotion
