#include "terrain_slope.h"

#include <algorithm>
#include <cmath>

namespace trot {

TerrainSlope::TerrainSlope(double time_constant) : time_constant_(time_constant) {}

void TerrainSlope::update(const std::array<Eigen::Vector3d, kNumLegs>& feet, const std::array<double, kNumLegs>& trust,
                          double dt) {
  Eigen::Vector3d front = Eigen::Vector3d::Zero(), rear = Eigen::Vector3d::Zero();
  double front_weight = 0.0, rear_weight = 0.0;
  for (int leg = 0; leg < kNumLegs; ++leg) {
    if (trust[leg] <= 0.0) continue;
    if (LegGeometry::front(leg)) {
      front += trust[leg] * feet[leg];
      front_weight += trust[leg];
    } else {
      rear += trust[leg] * feet[leg];
      rear_weight += trust[leg];
    }
  }
  // A trot always has one front and one rear foot down together; without
  // both the slope cannot be measured, so keep the last estimate.
  if (front_weight <= 0.0 || rear_weight <= 0.0) return;
  front /= front_weight;
  rear /= rear_weight;
  const double measured = std::atan2(rear.z() - front.z(), std::max(0.05, front.x() - rear.x()));
  pitch_ += std::min(1.0, dt / time_constant_) * (measured - pitch_);
}

}  // namespace trot
