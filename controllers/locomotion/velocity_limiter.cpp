#include "velocity_limiter.h"

#include <algorithm>
#include <cmath>

namespace locomotion {

namespace {

// Rates, m/s² and rad/s²: x speeds up at 1.0 and slows at 2.0.
constexpr double kForwardAccel = 1.0, kForwardDecel = 2.0, kLateralAccel = 1.0, kYawAccel = 2.0;
// Cross-coupling factors of the robot's code.
constexpr double kTurnShrinkByForward = 0.55, kTurnShrinkByBackward = 0.65;
constexpr double kForwardShrinkByYaw = 0.05, kBackwardShrinkByYaw = 0.1;
constexpr double kLateralShrinkByYaw = 0.6, kYawShrinkByLateral = 0.4;

double shrink(double cap, double factor) { return std::max(0.0, cap * factor); }

}  // namespace

PlanarVelocity VelocityLimiter::caps(const HighLevelGait& gait, bool backward) const {
  const double vx = std::abs(current_.forward), vy = std::abs(current_.lateral), wz = std::abs(current_.yaw_rate);
  const double by_forward = 1.0 - (backward ? kTurnShrinkByBackward : kTurnShrinkByForward) * vx;
  PlanarVelocity cap;
  cap.forward = backward ? shrink(-gait.min_forward, 1.0 - kBackwardShrinkByYaw * wz)
                         : shrink(gait.max_forward, 1.0 - kForwardShrinkByYaw * wz);
  cap.lateral = shrink(gait.max_lateral, by_forward * (1.0 - kLateralShrinkByYaw * wz));
  cap.yaw_rate = shrink(gait.max_yaw_rate, by_forward * (1.0 - kYawShrinkByLateral * vy));
  return cap;
}

const PlanarVelocity& VelocityLimiter::step(const HighLevelGait& gait, const PlanarVelocity& wanted) {
  const bool backward = wanted.forward < 0.0 || (wanted.forward == 0.0 && current_.forward < 0.0);
  const PlanarVelocity cap = caps(gait, backward);
  const double vx = std::clamp(wanted.forward, backward ? -cap.forward : 0.0, backward ? 0.0 : cap.forward);
  const double vy = std::clamp(wanted.lateral, -cap.lateral, cap.lateral);
  const double wz = std::clamp(wanted.yaw_rate, -cap.yaw_rate, cap.yaw_rate);
  // Speeding up (|v| grows, same direction) at the acceleration, anything else at the deceleration.
  const bool speeding_up = std::abs(vx) > std::abs(current_.forward) && vx * current_.forward >= 0.0;
  current_.forward = toward(vx, current_.forward, (speeding_up ? kForwardAccel : kForwardDecel) * dt_);
  current_.lateral = toward(vy, current_.lateral, kLateralAccel * dt_);
  current_.yaw_rate = toward(wz, current_.yaw_rate, kYawAccel * dt_);
  return current_;
}

}  // namespace locomotion
