// The leaderboard pages of a tournament on a course scored by points (the
// Xiaomi Cup's): each run's points beside its result, in the JSON and the
// HTML, escaped like every other published text; boards of time-ranked
// tracks stay as they were.
#include <catch2/catch.hpp>

#include "simarena/tournament/leaderboard.h"
#include "simarena/tournament/leaderboard_files.h"
#include "simarena/tournament/leaderboard_html.h"

using namespace simarena;
using Catch::Matchers::Contains;

namespace {

nlohmann::json line(const std::string& entry, const std::string& track, std::array<double, 3> key,
                    std::optional<double> points) {
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
  log.lines = {line("fast", "xiaomi-cup-2026", {1, -35, 600}, 35),
               line(hostile, "xiaomi-cup-2026", {1, 7.5, 300}, -7.5), line("fast", "sprint", {1, 0, 20}, std::nullopt)};
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
      if (track["track"] == "sprint")
        CHECK_FALSE(run.contains("course_points"));
      else
        CHECK(run["course_points"] == (row["entry"] == "fast" ? 35.0 : -7.5));
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
