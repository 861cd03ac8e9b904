// The leaderboards of a tournament, from its plan and its run log: one per
// track and one overall, plus the entries whose controller failed and why.
//
// Ranking, per track and seed: runs compare by the rule set's rank key
// (ranks_before: finishers by time with penalties, then the others by
// progress and time, disqualified runs last); runs that did not run come
// after every scored run; equal keys share a place (1, 2, 2, 4).
// A track's board adds each entry's places over the seeds (fewer points
// first); a tie is broken by the entries' runs compared best first, then
// second best, ... by rank key. The overall board adds the track places; a
// tie is broken by the sum of all per-seed places. Still equal: a shared place.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "simarena/tournament/tournament_plan.h"
#include "simarena/tournament/tournament_run_log.h"

namespace simarena {

struct LeaderboardRun {
  uint64_t seed = 0;
  bool recorded = false;  // false: planned, but no line in runs.jsonl yet
  bool scored = false;    // false: did not run (see reason)
  int place = 0;          // among the entries on this track and seed
  std::string result;     // finished, timeout, disqualified, stopped; "not run"; "missing"
  std::string reason;
  std::string fault;  // plain words, empty when none
  double course_time = 0, penalty = 0, total_time = 0, progress = 0;
  std::array<double, 3> rank_key{};
  std::optional<double> course_points;  // the run's points on a course scored by points (rules' ranking: points)
  std::vector<double> segment_points;   // ... and each segment's (earned minus deducted), in course order
  std::string replay, score_sheet, events_log;  // relative to the results folder
  std::string html_replay, score_page;          // the run's pages (run_pages.h), empty until they exist
};

struct LeaderboardRow {
  int place = 0;
  std::string entry;
  int points = 0;                    // track board: sum of run places; overall: sum of track places
  std::vector<LeaderboardRun> runs;  // track board: one per seed, in seed order
  std::vector<int> track_places;     // overall board: one per track, in board order
};

struct TrackBoard {
  std::string track;
  std::vector<uint64_t> seeds;
  std::vector<LeaderboardRow> rows;
};

struct EntryFault {
  std::string track;
  uint64_t seed = 0;
  std::string reason;
};

struct FailedEntry {
  std::string entry;
  std::vector<EntryFault> faults;
};

struct Leaderboard {
  std::vector<TrackBoard> tracks;  // in plan order
  std::vector<LeaderboardRow> overall;
  std::vector<FailedEntry> failed;
  std::vector<std::string> missing;  // ids of planned runs without a line
  int planned = 0, recorded = 0;
  std::string seed_source, seed_commitment;
};

// Without a plan (empty), entries, tracks and seeds come from the log alone.
Leaderboard make_leaderboard(const std::vector<TournamentJob>& plan, const RunLog& log);

}  // namespace simarena
