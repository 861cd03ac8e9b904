#include "sim_pacer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace simarena::gui {

void SimPacer::set_running(bool running) {
  running_ = running;
  owed_seconds_ = 0;
}

void SimPacer::set_speed_index(int index) {
  speed_index_ = std::clamp(index, 0, kSpeedCount - 1);
  owed_seconds_ = 0;
}

uint64_t SimPacer::ticks_due(double wall_seconds, double control_period) {
  if (!running_) return 0;
  if (as_fast_as_possible()) return std::numeric_limits<uint64_t>::max();
  // A stalled frame (window dragged, debugger) must not turn into a burst.
  owed_seconds_ += std::min(wall_seconds, 0.1) * speed();
  const double ticks = std::floor(owed_seconds_ / control_period);
  owed_seconds_ -= ticks * control_period;
  return static_cast<uint64_t>(ticks);
}

void SimPacer::ran_short(bool short_of_ticks) {
  behind_ = short_of_ticks && !as_fast_as_possible();
  if (short_of_ticks) owed_seconds_ = 0;
}

}  // namespace simarena::gui
