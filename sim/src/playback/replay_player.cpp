#include "simarena/playback/replay_player.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "simarena/replay/replay_controller.h"

namespace simarena {

ReplayPlayer::ReplayPlayer(Replay replay, const SearchPaths& paths)
    : replay_(std::move(replay)), sim_(replay_simulation(replay_, paths)) {
  if (sim_.referee()) initial_referee_ = *sim_.referee();
  restart();
  // Without a referee, the recorded keyframes are the whole state.
  if (!sim_.referee())
    for (const auto& [tick, state] : replay_.keyframes)
      if (tick <= length()) checkpoints_[tick] = Checkpoint{state, std::nullopt};
}

double ReplayPlayer::duration() const { return static_cast<double>(length()) * sim_.world->robot().control_period; }

// A fresh match at t = 0 (its derived physics quantities exactly as a new
// run's, which a restored snapshot would not have), with a controller whose
// cursor this player can move.
void ReplayPlayer::restart() {
  auto controller = std::make_unique<ReplayController>(
      sim_.match().controller_name(), replay_.ticks,
      sim_.match().through_motor_sdk() ? CommandLevel::motor : CommandLevel::high_level);
  controller->replay_host_observations(replay_.events, sim_.world->robot().control_period);
  controller_ = controller.get();
  sim_.run = std::make_unique<Run>(sim_.world, sim_.run->referee() ? sim_.course : nullptr, std::move(controller));
  if (initial_referee_) *sim_.referee() = *initial_referee_;
}

void ReplayPlayer::restore(const Checkpoint& checkpoint) {
  sim_.match().restore(checkpoint.state);
  controller_->seek(checkpoint.state.ticks);
  if (checkpoint.referee) *sim_.referee() = *checkpoint.referee;
}

void ReplayPlayer::tick_and_remember() {
  sim_.tick(replay_.ticks[position()]);
  const uint64_t every = replay_.header.value("keyframe_every_ticks", uint64_t{500});
  if (sim_.referee() && every > 0 && position() % every == 0 && !checkpoints_.contains(position()))
    checkpoints_[position()] = Checkpoint{sim_.match().snapshot(), *sim_.referee()};
  // The recorded run's referee was stopped when its duration ran out.
  if (at_end() && complete() && sim_.referee() && !sim_.referee()->done()) sim_.referee()->stop(sim_.match());
}

void ReplayPlayer::step() {
  if (!at_end()) tick_and_remember();
}

void ReplayPlayer::seek(uint64_t target) {
  target = std::min(target, length());
  if (target == position()) return;
  if (target == 0) return restart();
  // Always from a checkpoint strictly before the target: simulating at least
  // one tick computes every derived quantity exactly as playing does.
  auto later = checkpoints_.lower_bound(target);
  if (target < position()) {
    if (later == checkpoints_.begin())
      restart();
    else
      restore(std::prev(later)->second);
  } else {
    // Forward, only past no match event: restore() can drop events, not add them.
    while (later != checkpoints_.begin()) {
      --later;
      if (later->first <= position()) break;
      if (later->second.state.event_count == match().events().size()) {
        restore(later->second);
        break;
      }
    }
  }
  while (position() < target) tick_and_remember();
}

void ReplayPlayer::seek_time(double t) {
  const double ticks = std::round(t / sim_.world->robot().control_period);
  seek(ticks <= 0 ? 0 : static_cast<uint64_t>(ticks));
}

}  // namespace simarena
