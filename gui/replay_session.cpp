#include "replay_session.h"

#include <algorithm>
#include <cmath>

#include "simarena/base/messages.h"

namespace simarena::gui {

ReplaySession::ReplaySession(std::unique_ptr<ReplayPlayer> player)
    : player_(std::move(player)), history_(player_->world().robot().num_joints()) {}

const Referee* ReplaySession::referee() const { return player_->referee() ? &player_->referee()->referee() : nullptr; }

void ReplaySession::tick() {
  if (player_->at_end()) return;
  player_->step();
  history_.observe(player_->match());
  move_ghost();
}

void ReplaySession::seek(double t) {
  const double period = player_->world().robot().control_period;
  seek_tick(static_cast<uint64_t>(std::max(0.0, std::round(t / period))));
}

void ReplaySession::seek_tick(uint64_t target) {
  target = std::min(target, player_->length());
  constexpr uint64_t kWindow = TelemetryHistory::kTicksPerSample * TelemetryHistory::kCapacity;
  const uint64_t here = player_->position();
  if (target < here || target - here > kWindow) {
    // Back to where the plotted window starts, sample-aligned as when playing.
    uint64_t from = target > kWindow ? target - kWindow : 0;
    from -= from % TelemetryHistory::kTicksPerSample;
    player_->seek(from);
    history_.clear();
  }
  play_to(target);
}

void ReplaySession::play_to(uint64_t target) {
  while (player_->position() < target && !player_->at_end()) {
    player_->step();
    history_.observe(player_->match());
  }
  move_ghost();
}

void ReplaySession::step_back() {
  if (player_->position() == 0) return;
  seek_tick(player_->position() - 1);
}

std::string ReplaySession::completeness() const {
  const Replay& replay = player_->replay();
  if (replay.damage) return tr("damaged at byte ") + std::to_string(replay.damage->offset) + tr(": plays up to there");
  if (!player_->complete()) return tr("incomplete: the run was killed; plays up to its last record");
  return tr("complete");
}

}  // namespace simarena::gui
