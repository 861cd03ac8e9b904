// When a camera captures: at its rate in simulated time, an image at the
// first tick of each slot floor(t * rate). Controllers, the LCM images and
// the viewer's inset use this one schedule, so they all see the same frames.
#pragma once

#include <cmath>
#include <cstdint>

namespace simarena {

// Match time is ticks times the control period: exact enough that the slot
// of a tick never depends on rounding (1e-9 s of slack).
inline int64_t camera_slot(double time, double rate) { return static_cast<int64_t>(std::floor(time * rate + 1e-9)); }

// True when `time` is in a slot after `last_slot`, which it then becomes.
inline bool camera_due(double time, double rate, int64_t& last_slot) {
  const int64_t slot = camera_slot(time, rate);
  if (slot == last_slot) return false;
  last_slot = slot;
  return true;
}

}  // namespace simarena
