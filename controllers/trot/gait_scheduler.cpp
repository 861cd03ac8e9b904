#include "gait_scheduler.h"

#include <cmath>
#include <stdexcept>

namespace trot {

GaitScheduler::GaitScheduler(double period, double duty) : period_(period), duty_(duty) {
  if (!(period > 0.0) || !(duty > 0.0 && duty < 1.0))
    throw std::invalid_argument("gait needs period > 0 and 0 < duty < 1");
}

void GaitScheduler::advance(double dt) { clock_ = std::fmod(clock_ + dt / period_, 1.0); }

LegPhase GaitScheduler::phase(int leg) const {
  const double local = std::fmod(clock_ + kOffsets[leg], 1.0);
  if (local < duty_) return {true, local / duty_};
  return {false, (local - duty_) / (1.0 - duty_)};
}

}  // namespace trot
