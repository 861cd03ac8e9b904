#include "swing_path.h"

#include <algorithm>
#include <cmath>

namespace locomotion {

namespace {

// A cycloid step from 0 to 1 over [start, end] of the swing: value and rate
// per unit of progress.
void cycloid(double s, double start, double end, double& value, double& rate) {
  const double span = end - start;
  const double m = std::clamp((s - start) / span, 0.0, 1.0);
  value = m - std::sin(2.0 * M_PI * m) / (2.0 * M_PI);
  rate = (s > start && s < end) ? (1.0 - std::cos(2.0 * M_PI * m)) / span : 0.0;
}

// A cosine ease over [start, end]: value 0..1 and rate per unit of progress.
void ease(double s, double start, double end, double& value, double& rate) {
  const double span = end - start;
  const double m = std::clamp((s - start) / span, 0.0, 1.0);
  value = 0.5 * (1.0 - std::cos(M_PI * m));
  rate = (s > start && s < end) ? 0.5 * M_PI * std::sin(M_PI * m) / span : 0.0;
}

}  // namespace

const SwingShape& swing_shape(bool stair_gait, double sank) {
  if (sank > kHoleDepth) return kHoleSwing;
  return stair_gait ? kStairSwing : kFlatSwing;
}

SwingPoint swing_point(const SwingShape& shape, const Eigen::Vector3d& lift_off, const Eigen::Vector3d& touch_down,
                       double progress, double duration, double height) {
  const double s = std::clamp(progress, 0.0, 1.0);
  double step = 0.0, step_rate = 0.0;
  cycloid(s, shape.move_start, shape.move_end, step, step_rate);
  SwingPoint out;
  out.position = lift_off + step * (touch_down - lift_off);
  out.velocity = (step_rate / duration) * (touch_down - lift_off);

  const double apex = std::max(lift_off.z(), touch_down.z()) + height;
  double value = 0.0, rate = 0.0;
  if (s < shape.fall_start) {
    ease(s, 0.0, shape.rise_end, value, rate);
    out.position.z() = lift_off.z() + value * (apex - lift_off.z());
    out.velocity.z() = rate / duration * (apex - lift_off.z());
  } else {
    ease(s, shape.fall_start, 1.0, value, rate);
    out.position.z() = apex + value * (touch_down.z() - apex);
    out.velocity.z() = rate / duration * (touch_down.z() - apex);
  }
  return out;
}

}  // namespace locomotion
