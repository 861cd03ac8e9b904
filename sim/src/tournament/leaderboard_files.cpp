#include "simarena/tournament/leaderboard_files.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string_view>

#include "simarena/base/formatted.h"
#include "simarena/base/untrusted_text.h"
#include "simarena/tournament/leaderboard_html.h"

namespace simarena {
namespace {

// A text cell a spreadsheet shows as text, never runs as a formula (OWASP "CSV injection"): a quote goes before
// a leading =, +, -, @, tab or CR, and before one that follows a comma, semicolon, tab or line break inside the
// text (spaces between), where a spreadsheet set to another separator starts a cell. Plain UTF-8 first. Numbers
// we format ourselves do not pass here.
std::string csv_text(const std::string& raw) {
  const std::string text = untrusted_text(raw, SIZE_MAX);
  std::string out;
  bool cell_start = true;
  for (const char c : text) {
    if (cell_start && std::string_view("=+-@\t\r").find(c) != std::string_view::npos) out += '\'';
    out += c;
    if (std::string_view(",;\t\r\n").find(c) != std::string_view::npos)
      cell_start = true;
    else if (c != ' ')
      cell_start = false;
  }
  return out;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",;\"\n\r\t'") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

// One CSV record (RFC 4180 quoting).
std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += csv_field(fields[i]);
  }
  line += '\n';
  return line;
}

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    out.flush();
    if (!out) throw std::runtime_error(tmp.string() + ": cannot write (is the results folder writable?)");
  }
  std::filesystem::rename(tmp, path);
}

nlohmann::json run_json(const LeaderboardRun& run) {
  nlohmann::json j = {{"seed", run.seed},
                      {"place", run.place},
                      {"result", run.result},
                      {"reason", run.reason},
                      {"fault", run.fault.empty() ? nlohmann::json(nullptr) : nlohmann::json(run.fault)}};
  if (!run.scored) return j;
  j.update({{"course_time_s", run.course_time},
            {"penalty_s", run.penalty},
            {"total_time_s", run.total_time},
            {"progress_m", run.progress},
            {"rank_key", run.rank_key},
            {"replay", run.replay},
            {"score_sheet", run.score_sheet},
            {"events_log", run.events_log},
            {"html_replay", run.html_replay.empty() ? nlohmann::json(nullptr) : nlohmann::json(run.html_replay)},
            {"score_page", run.score_page.empty() ? nlohmann::json(nullptr) : nlohmann::json(run.score_page)}});
  if (run.course_points) {  // a course scored by points
    j["course_points"] = *run.course_points;
    j["segment_points"] = run.segment_points;
  }
  return j;
}

}  // namespace

nlohmann::json leaderboard_json(const Leaderboard& board) {
  using nlohmann::json;
  json seeds_by_track = json::object(), tracks = json::array(), overall = json::array(), failed = json::array();
  for (const TrackBoard& track : board.tracks) {
    seeds_by_track[track.track] = track.seeds;
    json rows = json::array();
    for (const LeaderboardRow& row : track.rows) {
      json runs = json::array();
      for (const LeaderboardRun& run : row.runs) runs.push_back(run_json(run));
      rows.push_back({{"place", row.place}, {"entry", row.entry}, {"points", row.points}, {"runs", runs}});
    }
    tracks.push_back({{"track", track.track}, {"seeds", track.seeds}, {"rows", rows}});
  }
  for (const LeaderboardRow& row : board.overall) {
    json places = json::object();
    for (size_t i = 0; i < row.track_places.size() && i < board.tracks.size(); ++i)
      places[board.tracks[i].track] = row.track_places[i];
    overall.push_back({{"place", row.place}, {"entry", row.entry}, {"points", row.points}, {"track_places", places}});
  }
  for (const FailedEntry& entry : board.failed) {
    json faults = json::array();
    for (const EntryFault& f : entry.faults)
      faults.push_back({{"track", f.track}, {"seed", f.seed}, {"reason", f.reason}});
    failed.push_back({{"entry", entry.entry}, {"faults", faults}});
  }
  return {
      {"format", "simarena leaderboard"},
      {"format_version", 1},
      {"ranking", "docs/judging.md#ranking"},
      {"runs", {{"planned", board.planned}, {"recorded", board.recorded}, {"missing", board.missing}}},
      {"seeds", {{"source", board.seed_source}, {"commitment", board.seed_commitment}, {"by_track", seeds_by_track}}},
      {"overall", overall},
      {"tracks", tracks},
      {"failed", failed}};
}

std::string overall_csv(const Leaderboard& board) {
  std::vector<std::string> head{"place", "entry", "points"};
  for (const TrackBoard& track : board.tracks) head.push_back(csv_text(track.track + " place"));
  std::string out = csv_line(head);
  for (const LeaderboardRow& row : board.overall) {
    std::vector<std::string> fields{std::to_string(row.place), csv_text(row.entry), std::to_string(row.points)};
    for (int p : row.track_places) fields.push_back(std::to_string(p));
    out += csv_line(fields);
  }
  return out;
}

std::string track_csv(const TrackBoard& board) {
  // A course scored by points (a run's line had them): the course points and each segment's, after the result.
  bool by_points = false;
  size_t segments = 0;
  for (const LeaderboardRow& row : board.rows)
    for (const LeaderboardRun& run : row.runs) {
      by_points = by_points || run.course_points.has_value();
      segments = std::max(segments, run.segment_points.size());
    }
  std::vector<std::string> head{"place", "entry", "points", "seed", "seed_place", "result"};
  if (by_points) head.push_back("course_points");
  for (size_t k = 0; k < segments; ++k) head.push_back("segment_" + std::to_string(k + 1) + "_points");
  for (const char* name :
       {"course_time_s", "penalty_s", "total_time_s", "progress_m", "reason", "fault", "replay", "score_sheet"})
    head.push_back(name);
  std::string out = csv_line(head);
  for (const LeaderboardRow& row : board.rows)
    for (const LeaderboardRun& run : row.runs) {
      auto scored = [&](double value) { return run.scored ? number_text(value) : std::string(); };
      std::vector<std::string> fields{std::to_string(row.place), csv_text(row.entry),       std::to_string(row.points),
                                      std::to_string(run.seed),  std::to_string(run.place), csv_text(run.result)};
      if (by_points) fields.push_back(run.course_points ? number_text(*run.course_points, "%g") : std::string());
      for (size_t k = 0; k < segments; ++k)
        fields.push_back(k < run.segment_points.size() ? number_text(run.segment_points[k], "%g") : std::string());
      fields.insert(fields.end(),
                    {scored(run.course_time), scored(run.penalty), scored(run.total_time), scored(run.progress),
                     csv_text(run.reason), csv_text(run.fault), csv_text(run.replay), csv_text(run.score_sheet)});
      out += csv_line(fields);
    }
  return out;
}

std::vector<std::filesystem::path> write_leaderboard_files(const Leaderboard& board,
                                                           const std::filesystem::path& results_dir) {
  std::vector<std::filesystem::path> written;
  auto write = [&](const std::string& name, const std::string& text) {
    written.push_back(results_dir / name);
    write_file_atomically(written.back(), text);
  };
  write("leaderboard.json",
        leaderboard_json(board).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  write("leaderboard.csv", overall_csv(board));
  for (const TrackBoard& track : board.tracks) write("leaderboard-" + track.track + ".csv", track_csv(track));
  write("leaderboard.html", leaderboard_html(board));
  return written;
}

}  // namespace simarena
