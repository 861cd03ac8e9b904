#include "high_level_gaits.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace locomotion {

namespace {

constexpr double kDefaultStepHeight = 0.05;  // m, the robot's documented default
constexpr double kLocoHeight = 0.25, kLocoHeightSpeedGain = 0.02;
constexpr double kMinLocoHeight = 0.23, kMaxLocoHeight = 0.32, kVerticalLegHeight = 0.23;  // m
constexpr int kVerticalLegBit = 1 << 1;

// Code values (cyberdog2-ctrl-user-parameters.yaml, convex_mpc_loco_gaits.cpp).
// Gaits the Walker has no pattern for run on its nearest trot by speed:
// slow trot for the slow gaits (walk, bound, pronk), medium trot for the
// passive trot, fast trot for the fast trot variants (26, 5, 9, 11).
constexpr std::array<HighLevelGait, 13> kGaits{{
    {1, GaitId::kStand, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0},            // loco stand
    {31, GaitId::kStand, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0},           // stand without pronk (the preset motions' rest)
    {27, GaitId::kSlowTrot, -0.6, 0.6, 0.2, 1.3, 1.0, 0.0, 0.06},      // slow trot (ROS guide: 0.65/0.3/1.25)
    {3, GaitId::kMediumTrot, -1.2, 1.2, 0.4, 2.25, 1.0, 0.0, 0.06},    // medium trot
    {10, GaitId::kFastTrot, -1.2, 1.6, 0.55, 2.5, 1.2, 0.03, 0.072},   // flying / fast trot
    {26, GaitId::kFastTrot, -1.2, 1.6, 0.55, 2.5, 1.0, 0.0, 0.06},     // variable-frequency trot (doc: vy 0.6)
    {4, GaitId::kMediumTrot, -1.2, 1.2, 0.4, 0.8, 1.0, 0.05, 0.05},    // passive trot (doc: vx 0.65); fixed step
    {7, GaitId::kSlowTrot, -0.3, 0.3, 0.3, 1.5, 0.8, 0.005, 0.048},    // bound
    {2, GaitId::kSlowTrot, -0.22, 0.19, 0.4, 1.5, 1.2, 0.015, 0.072},  // pronk (doc: -0.1..0.2, 0.15, 0.5)
    {6, GaitId::kSlowTrot, -0.2, 0.2, 0.1, 1.0, 1.0, 0.0, 0.06},       // walk
    {5, GaitId::kFastTrot, -1.2, 1.6, 0.55, 2.5, 1.0, 0.03, 0.072},    // trot 10-4
    {11, GaitId::kFastTrot, -1.4, 1.6, 0.6, 2.5, 1.0, 0.03, 0.072},    // trot 8-3
    {9, GaitId::kFastTrot, -1.2, 1.4, 0.5, 2.5, 1.0, 0.0, 0.06},       // trot 10-5
}};

// The motion gaits' limits (cyberdog2-ctrl-user-parameters.yaml: vel_xy_yaw_*_motion_default,
// step_height_max, des_roll_pitch_height_motion; convex_mpc_motion_gaits.cpp's height and pitch clamps).
constexpr double kUserMaxForward = 1.5, kUserMaxLateral = 0.3, kUserMaxYawRate = 1.0;  // m/s, m/s, rad/s
constexpr double kUserMaxStep = 0.06;                                                  // m
constexpr double kUserHeight = 0.225, kUserMinHeight = 0.16, kUserMaxHeight = 0.295;   // m
constexpr double kUserMaxPitch = 0.2;                                                  // rad
constexpr double kUserMinWeight = 1e-5;
constexpr double kMaxLandingOffset = 0.3;  // m: past any leg's reach (simarena's guard; the robot has none)
constexpr double kDefaultFriction = 0.4, kMinFriction = 0.1 * kDefaultFriction, kMaxFriction = 5.0 * kDefaultFriction;

// The robot's `(int)step_height[i]` split into two legs' millimetres (the
// cast is made safe for any float: the queue refused NaN and infinities).
std::array<double, 2> unpacked_millimetres(float packed) {
  const int whole = static_cast<int>(std::clamp<double>(packed, -2e9, 2e9));
  return {std::clamp((whole % 1000) * 1e-3, 0.0, kUserMaxStep), std::clamp((whole / 1000) * 1e-3, 0.0, kUserMaxStep)};
}

}  // namespace

UserGaitOrder user_gait_order(const SimarenaHighLevelCmd& frame) {
  UserGaitOrder order;
  order.forward = std::clamp<double>(frame.vel_des[0], -kUserMaxForward, kUserMaxForward);
  order.lateral = std::clamp<double>(frame.vel_des[1], -kUserMaxLateral, kUserMaxLateral);
  order.yaw_rate = std::clamp<double>(frame.vel_des[2], -kUserMaxYawRate, kUserMaxYawRate);
  order.body_height = std::clamp<double>(kUserHeight + frame.pos_des[2], kUserMinHeight, kUserMaxHeight);
  const std::array<double, 2> front = unpacked_millimetres(frame.step_height[0]);
  const std::array<double, 2> rear = unpacked_millimetres(frame.step_height[1]);
  order.step_height = {front[0], front[1], rear[0], rear[1]};
  const float* xy[4] = {&frame.foot_pose[0], &frame.foot_pose[2], &frame.foot_pose[4], &frame.ctrl_point[0]};
  for (int leg = 0; leg < 4; ++leg)
    for (int axis = 0; axis < 2; ++axis)
      order.landing_offset[leg][axis] = std::clamp<double>(xy[leg][axis], -kMaxLandingOffset, kMaxLandingOffset);
  order.pitch = std::clamp<double>(frame.rpy_des[1], -kUserMaxPitch, kUserMaxPitch);
  for (int i = 0; i < 6; ++i) order.wbc_weight[i] = std::max<double>(frame.acc_des[i], kUserMinWeight);
  const double mu = frame.ctrl_point[2];
  order.friction = mu < kMinFriction || mu > kMaxFriction ? kDefaultFriction : mu;
  const double gain = (frame.contact % 100) * 0.1;
  order.landing_gain = gain < 1e-2 || gain > 10.0 ? 1.0 : gain;
  order.use_mpc_traj = (frame.value & 0x01) != 0;
  return order;
}

std::optional<HighLevelGait> high_level_gait(int gait_id) {
  for (const HighLevelGait& gait : kGaits)
    if (gait.id == gait_id) return gait;
  return std::nullopt;
}

double step_height_for(const HighLevelGait& gait, double asked) {
  const double wanted = asked == 0.0 ? kDefaultStepHeight : asked;
  return std::clamp(gait.step_scale * wanted, gait.min_step, gait.max_step);
}

double loco_body_height(const HighLevelGait& gait, double forward_speed, int value_bits) {
  if (value_bits & kVerticalLegBit) return kVerticalLegHeight;
  const double top = std::max(gait.max_forward, 1e-6);
  const double speed_share = std::min(1.0, std::abs(forward_speed) / top);
  return std::clamp(kLocoHeight + kLocoHeightSpeedGain * speed_share, kMinLocoHeight, kMaxLocoHeight);
}

}  // namespace locomotion
