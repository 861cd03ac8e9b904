#include "replay_session.h"

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
  player_->seek_time(t);
  after_seek();
}

void ReplaySession::step_back() {
  if (player_->position() == 0) return;
  player_->seek(player_->position() - 1);
  after_seek();
}

void ReplaySession::after_seek() {
  history_.clear();
  move_ghost();
}

std::string ReplaySession::completeness() const {
  const Replay& replay = player_->replay();
  if (replay.damage) return tr("damaged at byte ") + std::to_string(replay.damage->offset) + tr(": plays up to there");
  if (!player_->complete()) return tr("incomplete: the run was killed; plays up to its last record");
  return tr("complete");
}

}  // namespace simarena::gui
