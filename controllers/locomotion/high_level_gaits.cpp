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
constexpr std::array<HighLevelGait, 12> kGaits{{
    {1, GaitId::kStand, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0},            // loco stand
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

}  // namespace

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
