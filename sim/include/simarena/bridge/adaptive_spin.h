// How long to poll for a lockstep answer before sleeping, learnt from how
// long the answers took. A program that answers within tens of
// microseconds is then not delayed by the wake-up of a sleeping core (on a
// virtual machine an exit to the hypervisor); one that answers slowly, or
// a machine so loaded that the program waits for a core, gets no polling,
// which would only take a core from it. Bounded by `max`, and only timing
// changes: what is received and in which order is the same.
#pragma once

#include <algorithm>
#include <chrono>

namespace simarena {

class AdaptiveSpin {
 public:
  explicit AdaptiveSpin(std::chrono::microseconds max) : max_(max), latency_(max / 2) {}

  // Twice the usual answer time when that is within the bound, else none.
  std::chrono::nanoseconds budget() const { return 2 * latency_ <= max_ ? 2 * latency_ : std::chrono::nanoseconds(0); }

  // One answer's latency, from the start of the wait to its arrival (a wait
  // that timed out counts its whole length). A moving average over about
  // the last eight, each counted at most as `max`, so one late answer does
  // not end polling and a run of them does.
  void observe(std::chrono::nanoseconds latency) {
    const auto capped = std::min<std::chrono::nanoseconds>(latency, max_);
    latency_ += (capped - latency_) / 8;
  }

 private:
  std::chrono::nanoseconds max_;
  std::chrono::nanoseconds latency_;  // the moving average
};

}  // namespace simarena
