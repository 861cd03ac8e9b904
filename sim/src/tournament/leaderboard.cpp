#include "simarena/tournament/leaderboard.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "simarena/base/untrusted_text.h"
#include "simarena/track/score.h"

namespace simarena {
namespace {

// What the boards are made of: entries, and each track's seeds, in order.
struct Field {
  std::vector<std::string> entries;
  std::vector<std::pair<std::string, std::vector<uint64_t>>> tracks;
};

std::string run_id(const std::string& entry, const std::string& track, uint64_t seed) {
  return entry + "/" + track + "/" + std::to_string(seed);
}

Field field_of(const std::vector<TournamentJob>& plan, const RunLog& log) {
  Field field;
  std::set<std::string> entries;
  std::map<std::string, std::set<uint64_t>> seeds;
  std::vector<std::string> track_order;
  auto add = [&](const std::string& entry, const std::string& track, uint64_t seed) {
    if (entries.insert(entry).second) field.entries.push_back(entry);
    if (!seeds.contains(track)) track_order.push_back(track);
    seeds[track].insert(seed);
  };
  for (const TournamentJob& job : plan) add(job.entry, job.track_name, job.seed);
  if (plan.empty()) {
    for (const nlohmann::json& line : log.lines)
      if (line.value("entry", nlohmann::json()).is_string() && line.value("track", nlohmann::json()).is_string() &&
          line.value("seed", nlohmann::json()).is_number_integer() && line["seed"] >= 0)
        add(line["entry"], line["track"], line["seed"]);
    std::sort(field.entries.begin(), field.entries.end());
    std::sort(track_order.begin(), track_order.end());
  }
  for (const std::string& track : track_order)
    field.tracks.push_back({track, std::vector<uint64_t>(seeds[track].begin(), seeds[track].end())});
  return field;
}

// A run's text as the boards publish it: plain, valid UTF-8, whoever wrote the line.
std::string text_of(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? untrusted_text(it->get<std::string>(), 1000) : std::string();
}

// A file the line names, when it is one of the run's own files: relative, inside the results folder.
std::string run_file(const nlohmann::json& files, const char* key) {
  const std::string path = text_of(files, key);
  const bool inside = path.starts_with("runs/") && path.find("..") == std::string::npos &&
                      path.find_first_of(":\\") == std::string::npos;
  return inside ? path : std::string();
}

LeaderboardRun run_from_line(uint64_t seed, const nlohmann::json* line) {
  LeaderboardRun run;
  run.seed = seed;
  if (line == nullptr) {
    run.result = "missing";
    run.reason = "not run yet";
    return run;
  }
  run.recorded = true;
  run.scored = text_of(*line, "status") == "scored";
  run.reason = text_of(*line, "reason");
  run.fault = text_of(*line, "fault");
  run.result = "not run";
  if (!run.scored) return run;
  try {  // a line that says scored but lacks the score is a damaged record, not a reason to stop
    run.result = untrusted_text(line->at("result").get<std::string>(), 100);
    run.course_time = line->at("course_time_s");
    run.penalty = line->at("penalty_s");
    run.total_time = line->at("total_time_s");
    run.progress = line->at("progress_m");
    run.rank_key = line->at("rank_key");
    if (const auto points = line->find("points"); points != line->end() && points->is_number())
      run.course_points = points->get<double>();
    if (const auto segments = line->find("segment_points"); run.course_points && segments != line->end())
      run.segment_points = segments->get<std::vector<double>>();  // not numbers: a damaged line
  } catch (const nlohmann::json::exception&) {
    LeaderboardRun damaged;
    damaged.seed = seed;
    damaged.recorded = true;
    damaged.result = "not run";
    damaged.reason = damaged.fault = "its line in runs.jsonl is damaged (no score)";
    return damaged;
  }
  const nlohmann::json files = line->value("files", nlohmann::json::object());
  run.replay = run_file(files, "replay");
  run.score_sheet = run_file(files, "score_sheet");
  run.events_log = run_file(files, "events_log");
  return run;
}

// Scored runs by the rule set's rank key; runs that did not run after them, all equal.
bool run_before(const LeaderboardRun& a, const LeaderboardRun& b) {
  if (a.scored != b.scored) return a.scored;
  if (!a.scored) return false;
  Score sa, sb;
  sa.rank_key = a.rank_key;
  sb.rank_key = b.rank_key;
  return ranks_before(sa, sb);
}

// Sorts `items` by `before`; their places, equal neighbours sharing one (1, 2, 2, 4).
template <class T, class Before>
std::vector<int> sorted_places(std::vector<T>& items, Before before) {
  std::stable_sort(items.begin(), items.end(), before);
  std::vector<int> places(items.size());
  for (size_t i = 0; i < items.size(); ++i)
    places[i] = i > 0 && !before(items[i - 1], items[i]) ? places[i - 1] : static_cast<int>(i) + 1;
  return places;
}

TrackBoard track_board(const std::string& track, const std::vector<uint64_t>& seeds,
                       const std::vector<std::string>& entries,
                       const std::map<std::string, const nlohmann::json*>& by_id) {
  struct Ranked {
    LeaderboardRow row;
    std::vector<LeaderboardRun> best_first;  // breaks a tie on points
  };
  std::vector<Ranked> ranked;
  for (const std::string& entry : entries) ranked.push_back({{0, entry, 0, {}, {}}, {}});
  for (uint64_t seed : seeds) {
    std::vector<std::pair<size_t, LeaderboardRun>> runs;
    for (size_t i = 0; i < entries.size(); ++i) {
      const auto found = by_id.find(run_id(entries[i], track, seed));
      runs.push_back({i, run_from_line(seed, found == by_id.end() ? nullptr : found->second)});
    }
    const auto places =
        sorted_places(runs, [](const auto& a, const auto& b) { return run_before(a.second, b.second); });
    for (size_t k = 0; k < runs.size(); ++k) {
      runs[k].second.place = places[k];
      ranked[runs[k].first].row.points += places[k];
      ranked[runs[k].first].row.runs.push_back(std::move(runs[k].second));
    }
  }
  for (Ranked& r : ranked) {
    r.best_first = r.row.runs;
    std::stable_sort(r.best_first.begin(), r.best_first.end(), run_before);
  }
  const auto places = sorted_places(ranked, [](const Ranked& a, const Ranked& b) {
    if (a.row.points != b.row.points) return a.row.points < b.row.points;
    return std::lexicographical_compare(a.best_first.begin(), a.best_first.end(), b.best_first.begin(),
                                        b.best_first.end(), run_before);
  });
  TrackBoard board{track, seeds, {}};
  for (size_t k = 0; k < ranked.size(); ++k) {
    ranked[k].row.place = places[k];
    board.rows.push_back(std::move(ranked[k].row));
  }
  return board;
}

std::vector<LeaderboardRow> overall_board(const std::vector<TrackBoard>& tracks,
                                          const std::vector<std::string>& entries) {
  std::vector<std::pair<LeaderboardRow, int>> rows;  // with the sum of all per-seed places, for ties
  for (const std::string& entry : entries) rows.push_back({{0, entry, 0, {}, {}}, 0});
  for (auto& [row, seed_points] : rows)
    for (const TrackBoard& board : tracks)
      for (const LeaderboardRow& track_row : board.rows)
        if (track_row.entry == row.entry) {
          row.track_places.push_back(track_row.place);
          row.points += track_row.place;
          seed_points += track_row.points;
        }
  const auto places = sorted_places(rows, [](const auto& a, const auto& b) {
    return a.first.points != b.first.points ? a.first.points < b.first.points : a.second < b.second;
  });
  std::vector<LeaderboardRow> out;
  for (size_t k = 0; k < rows.size(); ++k) {
    rows[k].first.place = places[k];
    out.push_back(std::move(rows[k].first));
  }
  return out;
}

}  // namespace

Leaderboard make_leaderboard(const std::vector<TournamentJob>& plan, const RunLog& log) {
  Leaderboard out;
  const Field field = field_of(plan, log);
  std::map<std::string, const nlohmann::json*> by_id;
  for (const nlohmann::json& line : log.lines) by_id[line.at("id").get<std::string>()] = &line;

  for (const auto& [track, seeds] : field.tracks) out.tracks.push_back(track_board(track, seeds, field.entries, by_id));
  out.overall = overall_board(out.tracks, field.entries);

  std::map<std::string, FailedEntry> failed;
  for (const TrackBoard& board : out.tracks)
    for (const LeaderboardRow& row : board.rows)
      for (const LeaderboardRun& run : row.runs) {
        ++out.planned;
        if (!run.recorded) out.missing.push_back(run_id(row.entry, board.track, run.seed));
        out.recorded += run.recorded ? 1 : 0;
        if (run.fault.empty()) continue;
        failed[row.entry].entry = row.entry;
        failed[row.entry].faults.push_back({board.track, run.seed, run.fault});
      }
  for (auto& [entry, item] : failed) out.failed.push_back(std::move(item));
  if (!plan.empty()) {
    out.seed_source = plan.front().seed_source;
    out.seed_commitment = plan.front().seed_commitment;
  } else if (!log.lines.empty()) {
    out.seed_source = log.lines.front().value("seed_source", "");
  }
  return out;
}

}  // namespace simarena
