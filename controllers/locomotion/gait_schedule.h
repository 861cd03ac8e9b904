// When each foot is on the ground. A trot moves the diagonal pairs (FR+RL,
// FL+RR) half a period apart; each foot is in stance for `duty` of the
// period. A new period or duty (another gait) takes effect when the cycle
// wraps, so a foot's swing is never cut short. Stand keeps every foot down.
#pragma once

#include <array>

#include "locomotion_command.h"
#include "stance_forces.h"

namespace locomotion {

struct GaitTiming {
  double period = 0.3;   // s, one full cycle
  double duty = 0.5;     // fraction of the cycle a foot is on the ground
  bool stepping = true;  // false: stand, every foot down
};

// The timing of each gait: slower gaits take longer, gentler steps.
GaitTiming timing_of(GaitId gait);

struct FootPhase {
  bool stance = true;
  double progress = 0.0;  // 0..1 through the current stance or swing
};

class GaitSchedule {
 public:
  // Asks for `timing` from the next cycle on (at once when standing).
  void request(const GaitTiming& timing);
  void advance(double dt);

  FootPhase phase(int leg) const;
  // Whether `leg` will be on the ground `seconds` from now, at the current timing.
  bool stance_after(int leg, double seconds) const;
  double clock() const { return clock_; }  // 0..1 through the cycle
  const GaitTiming& timing() const { return current_; }
  double stance_duration() const { return current_.period * current_.duty; }
  double swing_duration() const { return current_.period * (1.0 - current_.duty); }

 private:
  GaitTiming current_{0.3, 0.5, false};
  GaitTiming requested_{0.3, 0.5, false};
  double clock_ = 0.0;  // 0..1 through the period
  static constexpr std::array<double, kLegs> kOffsets{0.0, 0.5, 0.5, 0.0};
};

}  // namespace locomotion
