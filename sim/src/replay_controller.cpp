#include "simarena/replay_controller.h"

namespace simarena {

StepOutcome ReplayController::step(bool, const SimarenaRobotData&, SimarenaMotorCmd& cmd) {
  if (next_ >= ticks_.size()) return {StepOutcome::Kind::error, "replay has no more recorded ticks"};
  // Match calls step on every tick until a controller stops, so the cursor
  // moves with the tick count, exactly as when the run was recorded.
  const replay::TickRecord& t = ticks_[next_++];
  switch (t.outcome) {
    case replay::TickRecord::Outcome::sent:
      cmd = t.command;
      return {StepOutcome::Kind::sent, ""};
    case replay::TickRecord::Outcome::skipped:
      return {StepOutcome::Kind::skipped, ""};
    case replay::TickRecord::Outcome::error:
      return {StepOutcome::Kind::error, t.message};
  }
  return {StepOutcome::Kind::error, "corrupt tick record"};
}

}  // namespace simarena
