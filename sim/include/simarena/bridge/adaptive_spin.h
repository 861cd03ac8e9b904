// How long to poll for a lockstep answer before sleeping, chosen by timing
// both ways. Polling keeps this core awake, so a quick answer is not
// delayed by waking a sleeping core (on a virtual machine an exit to the
// hypervisor). But it also keeps the program on the other core, and where
// waking a halted virtual core is dear, two sleepers sharing one core answer
// sooner: on a 2-vCPU Firecracker guest a UDP round trip takes about 50 us
// with one side polling and 20 us with both sleeping. So the faster way
// serves, and the other is tried for a few waits in every period, as load
// and placement change. A program that answers slowly, or a machine so
// loaded that the program waits for a core, gets no polling, which would
// only take a core from it. Bounded by `max`, and only timing changes: what
// is received and in which order is the same.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace simarena {

class AdaptiveSpin {
 public:
  explicit AdaptiveSpin(std::chrono::microseconds max) : max_(max), polling_{max / 2, 0}, sleeping_{max / 2, 0} {}

  // The polling time for the next wait: twice the usual polled answer time,
  // or none when sleeping serves (or is on trial).
  std::chrono::nanoseconds budget() const {
    if (!polls()) return std::chrono::nanoseconds(0);
    return std::min<std::chrono::nanoseconds>(2 * polling_.latency, max_);
  }

  // The latency of the wait just done, from its start to the answer (a wait
  // that timed out counts its whole length), credited to the way it waited.
  void observe(std::chrono::nanoseconds latency) {
    (polls() ? polling_ : sleeping_).observe(std::min<std::chrono::nanoseconds>(latency, max_));
    ++waits_;
  }

 private:
  static constexpr uint64_t kPeriod = 1024;  // waits; about 2 s at 500 Hz
  static constexpr uint64_t kTrial = 32;     // waits at the start of each period

  // A moving average over about the last eight answers, each counted at
  // most as `max`, so one late answer does not change the way and a run of
  // them does.
  struct Timing {
    std::chrono::nanoseconds latency;
    uint64_t samples;
    void observe(std::chrono::nanoseconds capped) {
      latency = samples == 0 ? capped : latency + (capped - latency) / 8;
      ++samples;
    }
  };

  // Polling serves while it is faster than sleeping (or sleeping is
  // untried); a tie goes to sleeping, which leaves the core to others.
  bool polling_serves() const { return sleeping_.samples == 0 || polling_.latency < sleeping_.latency; }
  bool on_trial() const { return waits_ % kPeriod < kTrial; }
  bool polls() const { return polling_serves() != on_trial(); }

  std::chrono::nanoseconds max_;
  Timing polling_;
  Timing sleeping_;
  uint64_t waits_ = 0;
};

}  // namespace simarena
