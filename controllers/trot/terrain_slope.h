// The slope of the ground along the heading, felt through the feet: the
// height difference between the front and rear feet in firm stance, low-pass
// filtered. Blind, but enough to pitch the trunk with a ramp or a flight of
// stairs (so no leg runs out of reach) and to expect the ground ahead lower
// or higher when planning a touchdown.
#pragma once

#include <Eigen/Dense>
#include <array>

#include "leg_kinematics.h"

namespace trot {

class TerrainSlope {
 public:
  // `time_constant` s of the low-pass filter on the measured slope.
  explicit TerrainSlope(double time_constant);

  // `feet`: foot positions relative to the trunk in the heading frame;
  // `trust` 0/1 per leg: whether the foot is firmly on the ground now.
  void update(const std::array<Eigen::Vector3d, kNumLegs>& feet, const std::array<double, kNumLegs>& trust, double dt);

  // Rad, positive when the ground falls away ahead (as a nose-down pitch).
  double pitch() const { return pitch_; }

  // Height of the ground `forward` metres ahead of a point, relative to it.
  double rise_over(double forward) const { return -forward * std::tan(pitch_); }

 private:
  double time_constant_;
  double pitch_ = 0.0;
};

}  // namespace trot
