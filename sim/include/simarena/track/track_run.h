// The judge's side of a run on a track, shared by `simarena run --track` and
// tournaments: the arena name a replay finds again, and the score sheet and
// events log written next to the run's result.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "simarena/track/referee.h"
#include "simarena/track/score.h"
#include "simarena/track/score_sheet.h"
#include "simarena/track/track_catalog.h"

namespace simarena {

// A track's name as given on the command line, or its absolute path when
// it was given as a path, so a replay can find the track again.
std::string track_arena_name(const std::string& track_argument, const Track& track);

// "x.score.json" -> "x.events.log".
std::filesystem::path events_log_path(const std::filesystem::path& score_sheet_path);

struct TrackRunScore {
  Score score;
  nlohmann::json sheet;
  std::string events_log;  // one line per event, for people
};

// Scores the referee's events, writes the score sheet at `sheet_path` and the
// events log next to it, and adds "score_sheet" and "score" to the run's
// result file content `result` (RunResult::report). Throws std::runtime_error when a file
// cannot be written.
TrackRunScore write_track_score(const TrackWithRules& course, const Referee& referee, const ScoreSheetInfo& info,
                                const std::filesystem::path& sheet_path, nlohmann::json& result);

}  // namespace simarena
