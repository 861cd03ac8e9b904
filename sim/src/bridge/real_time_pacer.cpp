#include "simarena/bridge/real_time_pacer.h"

#include <algorithm>
#include <cstdio>
#include <thread>

#include "simarena/bridge/lcm_controller.h"

namespace simarena {

void RealTimePacer::wait_for_tick(uint64_t tick, BridgeStats& stats) {
  const auto now = std::chrono::steady_clock::now();
  if (tick == 0) start_ = now;
  const auto due = start_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                std::chrono::duration<double>(static_cast<double>(tick) * period_));
  if (now < due) {
    std::this_thread::sleep_until(due);
    return;
  }
  const double late = std::chrono::duration<double>(now - due).count();
  stats.max_lateness_s = std::max(stats.max_lateness_s, late);
  if (late > period_) stats.late_ticks++;
}

std::string wall_seconds_text(std::chrono::milliseconds ms) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.1f s", static_cast<double>(ms.count()) / 1000.0);
  return text;
}

}  // namespace simarena
