#include "simarena/replay/replay_controller.h"

#include <cmath>

namespace simarena {

StepOutcome ReplayController::step(bool, const SimarenaRobotData&, SimarenaMotorCmd& cmd) {
  if (next_ >= ticks_.size()) return {StepOutcome::Kind::error, "replay has no more recorded ticks"};
  // Match calls step on every tick until a controller stops, so the cursor
  // moves with the tick count, exactly as when the run was recorded.
  const auto miss = deadline_miss_cpu_ns_.find(next_);
  const int64_t cpu_ns = miss == deadline_miss_cpu_ns_.end() ? -1 : miss->second;
  const replay::TickRecord& t = ticks_[next_++];
  switch (t.outcome) {
    case replay::TickRecord::Outcome::sent:
      cmd = t.command;
      return {StepOutcome::Kind::sent, "", cpu_ns};
    case replay::TickRecord::Outcome::skipped:
      return {StepOutcome::Kind::skipped, "", cpu_ns};
    case replay::TickRecord::Outcome::error:
      return {StepOutcome::Kind::error, t.message, cpu_ns};
  }
  return {StepOutcome::Kind::error, "corrupt tick record"};
}

void ReplayController::replay_deadline_misses(const std::vector<MatchEvent>& events, double control_period) {
  deadline_miss_cpu_ns_.clear();
  for (const MatchEvent& e : events) {
    const int64_t cpu_us = e.type == MatchEventType::deadline_miss ? e.cpu_us : -1;
    if (cpu_us >= 0)
      deadline_miss_cpu_ns_[static_cast<uint64_t>(std::llround(e.time / control_period))] = cpu_us * 1000;
  }
}

}  // namespace simarena
