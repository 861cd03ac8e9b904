// Plays a replay back for watching: step forward one recorded tick, or seek
// to any tick. Seeking restores a snapshot at or before the target (the
// replay's keyframes, or the player's own checkpoints at keyframe ticks when
// a referee's state is needed too) and re-simulates the recorded commands
// from there, so the state after seek(t) is bit for bit the state reached
// by playing from the start to t.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>

#include "simarena/playback/replay_verify.h"
#include "simarena/replay/replay_reader.h"

namespace simarena {

class ReplayController;

class ReplayPlayer {
 public:
  // Rebuilds the replay's world (and referee) as replay_simulation() does;
  // throws InputError when its files differ or are missing.
  ReplayPlayer(Replay replay, const SearchPaths& paths);
  ReplayPlayer(const ReplayPlayer&) = delete;
  ReplayPlayer& operator=(const ReplayPlayer&) = delete;

  const Replay& replay() const { return replay_; }
  const World& world() const { return *sim_.world; }
  const Match& match() const { return sim_.run->match(); }
  // The course and the referee judging the replayed run; null on the flat arena.
  const TrackWithRules* course() const { return sim_.run->course(); }
  const TrackReferee* referee() const { return sim_.run->referee(); }

  uint64_t position() const { return sim_.run->match().ticks(); }  // ticks played
  uint64_t length() const { return replay_.ticks.size(); }         // ticks recorded
  double time() const { return sim_.run->match().time(); }
  double duration() const;  // s recorded
  bool at_end() const { return position() >= length(); }
  // The run ended normally (the file has its end record); otherwise it was
  // killed and plays up to its last whole record.
  bool complete() const { return replay_.end.has_value(); }

  // One recorded tick (nothing at the end). At the end of a complete replay
  // the referee is stopped as the recorded run's was, so its summary is the
  // recorded one.
  void step();
  // To tick `target` (clamped to length()).
  void seek(uint64_t target);
  // To the tick nearest simulated time `t`.
  void seek_time(double t);

 private:
  struct Checkpoint {
    MatchState state;
    std::optional<TrackReferee> referee;
  };
  void restart();
  void restore(const Checkpoint& checkpoint);
  void tick_and_remember();

  Replay replay_;  // before sim_: the match's controller reads its ticks
  ReplaySimulation sim_;
  ReplayController* controller_ = nullptr;       // owned by sim_.match
  std::optional<TrackReferee> initial_referee_;  // as it judged the state at t = 0
  // Exact states at keyframe ticks: the recorded keyframes on the flat arena;
  // with a referee, the ones reached so far (a keyframe has no referee state).
  std::map<uint64_t, Checkpoint> checkpoints_;
};

}  // namespace simarena
