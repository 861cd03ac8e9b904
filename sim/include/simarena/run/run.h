// One run: a match on a world, the referee judging it when it is on a
// track, and the replay recording it when asked, driven tick by tick in
// the one order every front end relies on (referee before, the match,
// recorder, referee after). `simarena run`, tournaments, the LCM bridge,
// verify, the replay player and the viewer's practice all run through it.
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "simarena/match/match.h"
#include "simarena/replay/replay_inputs.h"
#include "simarena/replay/replay_writer.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_referee.h"

namespace simarena {

class Run {
 public:
  // `course` null: the flat practice floor, no referee. The referee sees
  // the state at time 0 here, before the first tick.
  Run(std::shared_ptr<const World> world, std::shared_ptr<const TrackWithRules> course,
      std::unique_ptr<Controller> controller);
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;

  // Records every tick from now on (call before the first tick). The
  // header gets the referee's description of what it judges by.
  void record(const std::filesystem::path& path, nlohmann::json header, const std::vector<ReplayInput>& inputs);

  // One control period.
  TickReport tick();
  // The referee has ended the run (finish, timeout, disqualification).
  bool judged_over() const { return referee_ && referee_->done(); }
  // Ends the run early (duration reached, the user stopped it): the
  // referee records it. Idempotent.
  void stop();
  // Writes the replay's end record (after stop()); returns the final state
  // hash as 16 hex digits. `final` is the run's final-state summary.
  std::string finish_replay(const nlohmann::json& final);

  Match& match() { return *match_; }
  const Match& match() const { return *match_; }
  const World& world() const { return *world_; }
  std::shared_ptr<const World> world_ptr() const { return world_; }
  const TrackWithRules* course() const { return course_.get(); }
  const TrackReferee* referee() const { return referee_ ? &*referee_ : nullptr; }
  // For the replay player's checkpoints: the referee's whole state.
  std::optional<TrackReferee>& referee_state() { return referee_; }
  MatchRecorder* recorder() { return recorder_.get(); }

 private:
  std::shared_ptr<const World> world_;
  std::shared_ptr<const TrackWithRules> course_;
  RecordingController* tap_ = nullptr;  // owned by match_: what the recorder writes
  std::unique_ptr<Match> match_;
  std::optional<TrackReferee> referee_;
  std::unique_ptr<MatchRecorder> recorder_;
};

}  // namespace simarena
