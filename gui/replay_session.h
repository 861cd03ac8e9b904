// A recorded run shown in the viewer: the replay re-simulated from its
// recorded commands (no controller is loaded), judged by the same referee,
// played, paused, stepped and scrubbed. Seeking is ReplayPlayer's; this adds
// the plotted history and the ghost.
#pragma once

#include <memory>
#include <string>

#include "shown_run.h"
#include "simarena/playback/replay_player.h"

namespace simarena::gui {

class ReplaySession final : public ShownRun {
 public:
  explicit ReplaySession(std::unique_ptr<ReplayPlayer> player);

  const ReplayPlayer& player() const { return *player_; }
  const World& world() const override { return player_->world(); }
  const Match* match() const override { return &player_->match(); }
  const mjData* display_state() const override { return player_->match().data(); }
  const TrackWithRules* course() const override { return player_->course(); }
  const Referee* referee() const override;
  const TelemetryHistory& history() const override { return history_; }
  const std::string& load_error() const override { return no_error_; }
  // The end of the recording; on a track, or the referee ended it.
  bool run_over() const override { return player_->at_end(); }

  void tick() override;
  void advance_to(double t) override { seek(t); }
  // To the recorded tick nearest simulated time `t`. The plots show the
  // seconds before it, as if played there: a short way forward plays on, any
  // other seek re-simulates the plotted window (at most TelemetryHistory's
  // 2500 ticks) before the target.
  void seek(double t);
  void seek_tick(uint64_t target);
  // One tick back (the plots refilled likewise).
  void step_back();

  // How the file ended, for the overlay: "complete", or why not.
  std::string completeness() const;

 private:
  void play_to(uint64_t target);

  std::unique_ptr<ReplayPlayer> player_;
  TelemetryHistory history_;
  std::string no_error_;
};

}  // namespace simarena::gui
