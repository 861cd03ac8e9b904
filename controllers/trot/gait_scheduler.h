// Trot timing: diagonal pairs (FR+RL, FL+RR) alternate, each leg in stance
// for `duty` of the period and in swing for the rest.
#pragma once

#include <array>

#include "leg_kinematics.h"

namespace trot {

struct LegPhase {
  bool stance = true;
  double progress = 0.0;  // 0..1 through the current stance or swing
};

class GaitScheduler {
 public:
  GaitScheduler(double period, double duty);

  // Advances the gait clock by dt seconds.
  void advance(double dt);

  LegPhase phase(int leg) const;
  double stance_duration() const { return period_ * duty_; }
  double swing_duration() const { return period_ * (1.0 - duty_); }
  double period() const { return period_; }

 private:
  double period_;
  double duty_;
  double clock_ = 0.0;  // 0..1 through the period
  // Diagonal pairs half a period apart: FR and RL together, FL and RR together.
  static constexpr std::array<double, kNumLegs> kOffsets{0.0, 0.5, 0.5, 0.0};
};

}  // namespace trot
