#include "simarena/replay/replay_controller.h"

#include <cmath>

namespace simarena {

StepOutcome ReplayController::step(bool, const SimarenaRobotData&, SimarenaMotorCmd& cmd) {
  if (next_ >= ticks_.size()) return {StepOutcome::Kind::error, "replay has no more recorded ticks"};
  // Match calls step on every tick until a controller stops, so the cursor
  // moves with the tick count, exactly as when the run was recorded.
  StepOutcome out;
  if (const auto seen = observed_.find(next_); seen != observed_.end()) {
    out.cpu_ns = seen->second.cpu_ns;
    out.messages = seen->second.messages;
    out.messages_dropped = seen->second.messages_dropped;
  }
  const replay::TickRecord& t = ticks_[next_++];
  switch (t.outcome) {
    case replay::TickRecord::Outcome::sent:
      cmd = t.command;
      out.kind = StepOutcome::Kind::sent;
      return out;
    case replay::TickRecord::Outcome::skipped:
      out.kind = StepOutcome::Kind::skipped;
      return out;
    case replay::TickRecord::Outcome::error:
      out.kind = StepOutcome::Kind::error;
      out.message = t.message;
      return out;
  }
  return {StepOutcome::Kind::error, "corrupt tick record"};
}

void ReplayController::replay_host_observations(const std::vector<MatchEvent>& events, double control_period) {
  observed_.clear();
  for (const MatchEvent& e : events) {
    const auto tick = static_cast<uint64_t>(std::llround(e.time / control_period));
    switch (e.type) {
      case MatchEventType::deadline_miss:
        if (e.cpu_us >= 0) observed_[tick].cpu_ns = e.cpu_us * 1000;
        break;
      case MatchEventType::controller_log:
        observed_[tick].messages.push_back({ControllerMessage::Kind::log, e.detail});
        break;
      case MatchEventType::announcement:
        observed_[tick].messages.push_back({ControllerMessage::Kind::announce, e.detail});
        break;
      case MatchEventType::recognition: {  // the words after "<kind>: ", as the host cleaned them
        const size_t colon = e.detail.find(": ");
        observed_[tick].messages.push_back({ControllerMessage::Kind::recognition,
                                            colon == std::string::npos ? "" : e.detail.substr(colon + 2), e.object});
        break;
      }
      case MatchEventType::messages_dropped:
        observed_[tick].messages_dropped += e.count;
        break;
      default:
        break;
    }
  }
}

}  // namespace simarena
