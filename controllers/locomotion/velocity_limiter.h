// How the robot turns mode 11's vel_des into the velocity its gait tracks:
// clamped to the gait's caps, the caps shrunk by the other axes'
// speeds (cross-coupling), and ramped at the robot's accelerations
// (shared facts: high-level API §5).
#pragma once

#include <algorithm>

#include "high_level_gaits.h"

namespace locomotion {

// `current` moved toward `target` by at most `max_change`.
inline double toward(double target, double current, double max_change) {
  return std::clamp(target, current - max_change, current + max_change);
}

struct PlanarVelocity {
  double forward = 0.0;   // vx, m/s
  double lateral = 0.0;   // vy, m/s
  double yaw_rate = 0.0;  // rad/s
};

class VelocityLimiter {
 public:
  explicit VelocityLimiter(double control_period) : dt_(control_period) {}

  // One control period toward `wanted` under `gait`; returns the velocity now.
  const PlanarVelocity& step(const HighLevelGait& gait, const PlanarVelocity& wanted);
  // The caps the gait allows at the current velocity (after cross-coupling).
  PlanarVelocity caps(const HighLevelGait& gait, bool backward) const;
  const PlanarVelocity& current() const { return current_; }
  void reset() { current_ = {}; }

 private:
  double dt_;
  PlanarVelocity current_;
};

}  // namespace locomotion
