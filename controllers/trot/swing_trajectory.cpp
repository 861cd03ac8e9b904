#include "swing_trajectory.h"

#include <algorithm>
#include <cmath>

namespace trot {

Eigen::Vector2d raibert_touchdown(const Eigen::Vector2d& hip, const Eigen::Vector2d& velocity,
                                  const Eigen::Vector2d& desired_velocity, double stance_duration, double gain) {
  return hip + 0.5 * stance_duration * velocity + gain * (velocity - desired_velocity);
}

FootTarget swing_point(const Eigen::Vector3d& lift_off, const Eigen::Vector3d& touch_down, double progress,
                       double duration, double height) {
  const double s = std::clamp(progress, 0.0, 1.0);
  // Horizontal: cycloid-like smooth step, zero velocity at both ends.
  const double step = s - std::sin(2.0 * M_PI * s) / (2.0 * M_PI);
  const double step_rate = (1.0 - std::cos(2.0 * M_PI * s)) / duration;

  FootTarget target;
  target.position = lift_off + step * (touch_down - lift_off);
  target.velocity = step_rate * (touch_down - lift_off);

  // Vertical: up to the apex in the first half, down to the landing height
  // in the second, each half a cosine so the foot stops at the top.
  const double apex = std::max(lift_off.z(), touch_down.z()) + height;
  double z = 0.0, z_rate = 0.0;
  if (s < 0.5) {
    const double u = s / 0.5;
    z = lift_off.z() + (apex - lift_off.z()) * 0.5 * (1.0 - std::cos(M_PI * u));
    z_rate = (apex - lift_off.z()) * 0.5 * M_PI * std::sin(M_PI * u) / (0.5 * duration);
  } else {
    const double u = (s - 0.5) / 0.5;
    z = apex + (touch_down.z() - apex) * 0.5 * (1.0 - std::cos(M_PI * u));
    z_rate = (touch_down.z() - apex) * 0.5 * M_PI * std::sin(M_PI * u) / (0.5 * duration);
  }
  target.position.z() = z;
  target.velocity.z() = z_rate;
  return target;
}

}  // namespace trot
