// The leaderboard pages of a tournament on a course scored by points (the
// Xiaomi Cup's): each run's points beside its result, in the JSON, the HTML
// and the track's CSV (with each segment's points), escaped like every other
// published text; boards of time-ranked tracks stay as they were. A real
// tournament run on the course writes the points into runs.jsonl.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <numeric>

#include "simarena/base/search_paths.h"
#include "simarena/playback/telemetry_csv.h"
#include "simarena/replay/replay_reader.h"
#include "simarena/tournament/leaderboard.h"
#include "simarena/tournament/leaderboard_files.h"
#include "simarena/tournament/leaderboard_html.h"
#include "simarena/tournament/tournament_job.h"
#include "simarena/tournament/tournament_run_log.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;

namespace {

nlohmann::json line(const std::string& entry, const std::string& track, std::array<double, 3> key,
                    std::optional<double> points, std::vector<double> segment_points = {}) {
  nlohmann::json j = {{"id", entry + "/" + track + "/0"},
                      {"entry", entry},
                      {"track", track},
                      {"seed", 0},
                      {"status", "scored"},
                      {"result", "timeout"},
                      {"reason", "time limit 900.0 s reached"},
                      {"course_time_s", key[2]},
                      {"penalty_s", 0.0},
                      {"total_time_s", key[2]},
                      {"progress_m", 10.0},
                      {"rank_key", key},
                      {"fault", nullptr},
                      {"files", nlohmann::json::object()}};
  if (points) j["points"] = *points;
  if (points && !segment_points.empty()) j["segment_points"] = segment_points;
  return j;
}

TournamentJob job(const std::string& entry, const std::string& track) {
  TournamentJob j;
  j.id = entry + "/" + track + "/0";
  j.entry = entry;
  j.track_name = track;
  return j;
}

}  // namespace

TEST_CASE("xiaomi cup leaderboard: each run's points beside its result, escaped, time tracks unchanged") {
  const std::string hostile = "<b>\"dog\"</b>";
  std::vector<TournamentJob> plan{job("fast", "xiaomi-cup-2026"), job(hostile, "xiaomi-cup-2026"),
                                  job("fast", "sprint")};
  RunLog log;
  log.lines = {line("fast", "xiaomi-cup-2026", {1, -35, 600}, 35, {20, 15, 0, 0, 0, 0}),
               line(hostile, "xiaomi-cup-2026", {1, 7.5, 300}, -7.5, {-7.5, 0, 0, 0, 0, 0}),
               line("fast", "sprint", {1, 0, 20}, std::nullopt)};
  const Leaderboard board = make_leaderboard(plan, log);
  REQUIRE(board.tracks.size() == 2);
  const TrackBoard& cup = board.tracks[0].track == "xiaomi-cup-2026" ? board.tracks[0] : board.tracks[1];
  const TrackBoard& sprint = &cup == &board.tracks[0] ? board.tracks[1] : board.tracks[0];
  REQUIRE(cup.rows.size() == 2);
  CHECK(cup.rows[0].entry == "fast");  // more points first
  CHECK(cup.rows[0].runs[0].course_points == 35);
  CHECK(cup.rows[1].runs[0].course_points == -7.5);

  const nlohmann::json j = leaderboard_json(board);
  for (const nlohmann::json& track : j["tracks"])
    for (const nlohmann::json& row : track["rows"]) {
      const nlohmann::json& run = row["runs"][0];
      if (track["track"] == "sprint") {
        CHECK_FALSE(run.contains("course_points"));
        CHECK_FALSE(run.contains("segment_points"));
      } else {
        CHECK(run["course_points"] == (row["entry"] == "fast" ? 35.0 : -7.5));
        CHECK(run["segment_points"].size() == 6);
      }
    }

  const std::string html = leaderboard_html(board);
  CHECK_THAT(html, Contains("Course points (seed 0)"));
  CHECK_THAT(html, Contains("<td class=\"n\" data-g=\"0\" data-v=\"35.000\">35</td>") || Contains(">35</td>"));
  CHECK_THAT(html, Contains(">-7.5</td>"));
  CHECK_THAT(html, Contains("&lt;b&gt;&quot;dog&quot;&lt;/b&gt;"));
  CHECK(html.find(hostile) == std::string::npos);
  // One points column per seed on the course's board, none on the sprint's.
  const size_t sprint_heading = html.find("id=\"track-sprint\"");
  REQUIRE(sprint_heading != std::string::npos);
  const size_t cup_heading = html.find("id=\"track-xiaomi-cup-2026\"");
  REQUIRE(cup_heading != std::string::npos);
  const std::string sprint_part = sprint_heading > cup_heading
                                      ? html.substr(sprint_heading)
                                      : html.substr(sprint_heading, cup_heading - sprint_heading);
  CHECK(sprint_part.find("Course points") == std::string::npos);
  for (const LeaderboardRow& row : sprint.rows) CHECK_FALSE(row.runs[0].course_points);
}

TEST_CASE("xiaomi cup leaderboard CSV: the course points and each segment's after the result, escaped") {
  const std::string hostile = "=cmd|' /C calc'!A0";
  RunLog log;
  log.lines = {line("fast", "xiaomi-cup-2026", {1, -35, 600}, 35, {20, 15, 0, 0, 0, 0}),
               line(hostile, "xiaomi-cup-2026", {1, 7.5, 300}, -7.5, {-7.5, 0, 0, 0, 0, 0}),
               line("fast", "sprint", {1, 0, 20}, std::nullopt)};
  const Leaderboard board = make_leaderboard({}, log);
  REQUIRE(board.tracks.size() == 2);
  const bool cup_first = board.tracks[0].track == "xiaomi-cup-2026";
  const auto cup = test::parse_csv(track_csv(board.tracks[cup_first ? 0 : 1]));
  const auto sprint = test::parse_csv(track_csv(board.tracks[cup_first ? 1 : 0]));

  REQUIRE(cup.size() == 3);
  const std::vector<std::string> head{"place",
                                      "entry",
                                      "points",
                                      "seed",
                                      "seed_place",
                                      "result",
                                      "course_points",
                                      "segment_1_points",
                                      "segment_2_points",
                                      "segment_3_points",
                                      "segment_4_points",
                                      "segment_5_points",
                                      "segment_6_points",
                                      "course_time_s",
                                      "penalty_s",
                                      "total_time_s",
                                      "progress_m",
                                      "reason",
                                      "fault",
                                      "replay",
                                      "score_sheet"};
  CHECK(cup[0] == head);
  for (const auto& record : cup) REQUIRE(record.size() == head.size());  // quoting kept every record whole
  // More points first; points as numbers (a negative one too, never quoted as text).
  CHECK(cup[1][1] == "fast");
  CHECK(cup[1][6] == "35");
  CHECK(cup[1][7] == "20");
  CHECK(cup[1][8] == "15");
  CHECK(cup[1][12] == "0");
  CHECK(cup[2][6] == "-7.5");
  CHECK(cup[2][7] == "-7.5");
  CHECK(cup[2][1] == "'" + hostile);  // the entry's name stays text, never a formula
  CHECK(cup[2][16] == "10.000");      // progress_m, where it always was after the points

  // The time-ranked track's CSV keeps its columns.
  REQUIRE_FALSE(sprint.empty());
  CHECK(std::find(sprint[0].begin(), sprint[0].end(), "course_points") == sprint[0].end());
  CHECK(sprint[0].size() == 14);

  // A line whose segment points are not numbers is a damaged record, not a reason to stop.
  nlohmann::json damaged = line("odd", "xiaomi-cup-2026", {1, 0, 100}, 0);
  damaged["segment_points"] = {"=1+1"};
  log.lines = {damaged};
  const Leaderboard odd = make_leaderboard({}, log);
  REQUIRE(odd.tracks.size() == 1);
  CHECK(odd.tracks[0].rows.at(0).runs.at(0).result == "not run");
  CHECK(test::parse_csv(track_csv(odd.tracks[0])).at(0).size() == 14);  // no points columns: nothing scored
}

TEST_CASE("xiaomi cup tournament: runs.jsonl has a run's course points and each segment's, the CSV files show them") {
  test::TempFolder dir;
  // The course as shipped, with a 5 s time limit: the entry stands up, starts and trots onto the stones.
  std::string course = test::file_bytes(test::source_path("arenas/xiaomi-cup-2026.yaml"));
  const size_t limit = course.find("time_limit: 900");
  REQUIRE(limit != std::string::npos);
  course.replace(limit, 15, "time_limit: 5");
  std::ofstream(dir.path / "xiaomi-cup-2026.yaml") << course;

  TournamentJob job;
  job.id = "walker/xiaomi-cup-2026/0";
  job.entry = "walker";
  job.controller = CONTEST_WALK_PLUGIN;
  job.track = (dir.path / "xiaomi-cup-2026.yaml").string();
  job.track_name = "xiaomi-cup-2026";
  job.settings.sandbox = false;
  job.settings.html_pages = false;
  const std::filesystem::path results = dir.path / "results";
  const nlohmann::json run = run_tournament_job(job, results, default_search_paths());
  INFO(run.dump());
  REQUIRE(run["status"] == "scored");
  REQUIRE(run["points"].is_number());
  const std::vector<double> segments = run.at("segment_points").get<std::vector<double>>();
  REQUIRE(segments.size() == 6);
  CHECK(std::accumulate(segments.begin(), segments.end(), 0.0) == Approx(run["points"].get<double>()));
  // The same numbers as the run's score sheet.
  const nlohmann::json sheet =
      nlohmann::json::parse(test::file_bytes(results / run["files"]["score_sheet"].get<std::string>()));
  CHECK(run["points"] == sheet["points"]);
  for (size_t k = 0; k < segments.size(); ++k) CHECK(segments[k] == sheet["segments"][k]["total"]);

  append_run_line(results / "runs.jsonl", run);
  const Leaderboard board = make_leaderboard({job}, read_run_log(results / "runs.jsonl"));
  const auto csv = test::parse_csv(track_csv(board.tracks.at(0)));
  REQUIRE(csv.size() == 2);
  CHECK(csv[0][6] == "course_points");
  char points[32];
  std::snprintf(points, sizeof(points), "%g", run["points"].get<double>());
  CHECK(csv[1][6] == points);
  for (size_t k = 0; k < segments.size(); ++k) {
    std::snprintf(points, sizeof(points), "%g", segments[k]);
    CHECK(csv[1][7 + k] == points);
  }

  // The run's telemetry CSV (simarena export --csv): the points so far on every tick, the final ones at the end.
  const std::filesystem::path telemetry = dir.path / "telemetry.csv";
  export_telemetry_csv(read_replay(results / run["files"]["replay"].get<std::string>()), default_search_paths(),
                       telemetry);
  const auto ticks = test::parse_csv(test::file_bytes(telemetry));
  REQUIRE(ticks.size() > 2);
  const auto column = std::find(ticks[0].begin(), ticks[0].end(), "points");
  REQUIRE(column != ticks[0].end());
  CHECK(column + 1 == ticks[0].end() - 1);  // just before the events
  const size_t at = static_cast<size_t>(column - ticks[0].begin());
  CHECK(ticks[1][at] == "0");
  CHECK(std::stod(ticks.back()[at]) == run["points"].get<double>());
}
