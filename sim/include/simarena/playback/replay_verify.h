// Re-simulates a replay from its recorded commands alone, without the
// participant's controller, and checks every tick's state hash, the events
// and the final summary against what was recorded.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "simarena/base/search_paths.h"
#include "simarena/match/match.h"
#include "simarena/replay/replay_inputs.h"
#include "simarena/replay/replay_reader.h"
#include "simarena/run/run.h"
#include "simarena/run/run_report.h"
#include "simarena/track/score.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_referee.h"

namespace simarena {

struct VerifyOutcome {
  enum class Status { verified, incomplete, failed } status = Status::failed;
  std::string message;             // one line: what was found, where
  std::vector<std::string> notes;  // build differences and other context
  uint64_t ticks_checked = 0;
  FinalState final;            // re-simulated
  std::optional<Score> score;  // re-judged (none on the flat arena)
  size_t referee_events = 0;   // the re-judged events the score comes from
};

// The replay's world, a Match driven by the recorded commands, and, for a
// refereed run, the same referee judging it.
struct ReplaySimulation {
  std::shared_ptr<const UnpackedReplayInputs> inputs;  // format 2: the carried files, unpacked
  std::shared_ptr<const World> world;
  std::shared_ptr<const TrackWithRules> course;  // null on the flat arena
  std::unique_ptr<Run> run;                      // driven by a ReplayController, judged on a track

  Match& match() { return run->match(); }
  std::optional<TrackReferee>& referee() { return run->referee_state(); }  // empty on the flat arena

  // One recorded tick: push (if recorded), then the run's tick.
  void tick(const replay::TickRecord& record);
  // After the last tick: the referee's decisions (null without a referee).
  nlohmann::json referee_summary();
};

// Rebuilds everything, checking that robot, world, track and rule files are
// the ones the replay was made with. Format 2 uses the files the replay
// carries (`paths` unused); format 1 finds them by name in `paths`. Throws
// InputError naming the file that differs.
ReplaySimulation replay_simulation(const Replay& replay, const SearchPaths& paths);

// `on_tick` (optional) sees the run (match and referee) before the first
// tick and after every re-simulated tick: the HTML export samples it there,
// so verifying and sampling cost one re-simulation.
VerifyOutcome verify_replay(const Replay& replay, const SearchPaths& paths,
                            const std::function<void(const Run&)>& on_tick = {});

}  // namespace simarena
