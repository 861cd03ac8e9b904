#include "swing_trajectory.h"

#include <algorithm>
#include <cmath>

namespace trot {

namespace {
// Fractions of the swing: the foot rises until kRiseEnd, holds its apex until
// kFallStart, and moves forward only between kMoveStart and kMoveEnd.
constexpr double kRiseEnd = 0.4;
constexpr double kFallStart = 0.6;
constexpr double kMoveStart = 0.15;
constexpr double kMoveEnd = 0.6;
}  // namespace

Eigen::Vector2d raibert_touchdown(const Eigen::Vector2d& hip, const Eigen::Vector2d& velocity,
                                  const Eigen::Vector2d& desired_velocity, double stance_duration, double gain) {
  return hip + 0.5 * stance_duration * velocity + gain * (velocity - desired_velocity);
}

FootTarget swing_point(const Eigen::Vector3d& lift_off, const Eigen::Vector3d& touch_down, double progress,
                       double duration, double height) {
  const double s = std::clamp(progress, 0.0, 1.0);
  // Horizontal: a cycloid-like smooth step with zero velocity at both ends,
  // only between kMoveStart and kMoveEnd, so the foot rises before it moves
  // forward (toes do not catch a riser or bar) and comes down onto the step.
  const double span = kMoveEnd - kMoveStart;
  const double m = std::clamp((s - kMoveStart) / span, 0.0, 1.0);
  const double step = m - std::sin(2.0 * M_PI * m) / (2.0 * M_PI);
  const double step_rate =
      (s > kMoveStart && s < kMoveEnd) ? (1.0 - std::cos(2.0 * M_PI * m)) / (span * duration) : 0.0;

  FootTarget target;
  target.position = lift_off + step * (touch_down - lift_off);
  target.velocity = step_rate * (touch_down - lift_off);

  // Vertical: a cosine up to the apex, a short hold while the foot crosses,
  // a cosine down to the landing height; zero speed at each end.
  const double apex = std::max(lift_off.z(), touch_down.z()) + height;
  const auto ease = [&](double from, double to, double u, double phase_duration) {
    target.position.z() = from + (to - from) * 0.5 * (1.0 - std::cos(M_PI * u));
    target.velocity.z() = (to - from) * 0.5 * M_PI * std::sin(M_PI * u) / (phase_duration * duration);
  };
  if (s < kRiseEnd) {
    ease(lift_off.z(), apex, s / kRiseEnd, kRiseEnd);
  } else if (s < kFallStart) {
    target.position.z() = apex;
    target.velocity.z() = 0.0;
  } else {
    ease(apex, touch_down.z(), (s - kFallStart) / (1.0 - kFallStart), 1.0 - kFallStart);
  }
  return target;
}

}  // namespace trot
