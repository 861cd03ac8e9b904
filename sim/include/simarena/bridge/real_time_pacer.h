// The robot's loop on the wall clock, for the bridges' real-time mode: tick
// k starts at k control periods after the first, sleeping until then, and a
// late start is counted in BridgeStats (informational, never scored).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace simarena {

struct BridgeStats;

class RealTimePacer {
 public:
  explicit RealTimePacer(double control_period) : period_(control_period) {}
  // Waits for tick `tick` (0 starts the clock).
  void wait_for_tick(uint64_t tick, BridgeStats& stats);

 private:
  double period_;
  std::chrono::steady_clock::time_point start_;
};

// "2.0 s", for the bridges' timeout messages.
std::string wall_seconds_text(std::chrono::milliseconds ms);

}  // namespace simarena
