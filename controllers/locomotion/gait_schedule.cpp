#include "gait_schedule.h"

#include <cmath>

namespace locomotion {

GaitTiming timing_of(GaitId gait) {
  switch (gait) {
    case GaitId::kStand:
      return {0.3, 0.5, false};
    case GaitId::kSlowTrot:
      return {0.36, 0.5, true};
    case GaitId::kStairTrot:
    case GaitId::kProbeCrawl:  // runs its own phases (probe_crawl.h), not this schedule
      return {0.3, 0.5, true};
    case GaitId::kMediumTrot:
      return {0.3, 0.5, true};
    case GaitId::kFastTrot:
    case GaitId::kAuto:
      return {0.26, 0.5, true};
  }
  return {0.3, 0.5, true};
}

void GaitSchedule::request(const GaitTiming& timing) {
  requested_ = timing;
  // Starting to step, or stopping, waits for nothing: standing has no cycle.
  if (!current_.stepping) {
    current_ = requested_;
    clock_ = 0.0;
  }
}

void GaitSchedule::advance(double dt) {
  if (!current_.stepping) return;
  clock_ += dt / current_.period;
  if (clock_ >= 1.0) {
    clock_ = std::fmod(clock_, 1.0);
    current_ = requested_;
  }
}

bool GaitSchedule::stance_after(int leg, double seconds) const {
  if (!current_.stepping) return true;
  return std::fmod(clock_ + kOffsets[leg] + seconds / current_.period, 1.0) < current_.duty;
}

FootPhase GaitSchedule::phase(int leg) const {
  if (!current_.stepping) return {true, 0.5};
  const double local = std::fmod(clock_ + kOffsets[leg], 1.0);
  if (local < current_.duty) return {true, local / current_.duty};
  return {false, (local - current_.duty) / (1.0 - current_.duty)};
}

}  // namespace locomotion
