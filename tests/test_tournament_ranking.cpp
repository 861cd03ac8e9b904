// Leaderboards rank by the rule set's rank key, share places on exact ties,
// put runs that did not run last, add places over seeds and tracks, and
// list every entry whose controller failed, with the reason.
#include <catch2/catch.hpp>

#include "simarena/tournament/leaderboard.h"
#include "simarena/tournament/leaderboard_files.h"
#include "simarena/tournament/leaderboard_html.h"

using namespace simarena;
using Catch::Matchers::Contains;

namespace {

TournamentJob job(const std::string& entry, const std::string& track, uint64_t seed) {
  TournamentJob j;
  j.id = entry + "/" + track + "/" + std::to_string(seed);
  j.entry = entry;
  j.track_name = track;
  j.seed = seed;
  j.seed_source = "published seeds 0..1";
  return j;
}

nlohmann::json scored(const std::string& entry, const std::string& track, uint64_t seed, const std::string& result,
                      std::array<double, 3> key, const char* fault = nullptr) {
  return {{"id", entry + "/" + track + "/" + std::to_string(seed)},
          {"entry", entry},
          {"track", track},
          {"seed", seed},
          {"status", "scored"},
          {"result", result},
          {"reason", ""},
          {"course_time_s", key[1]},
          {"penalty_s", 0.0},
          {"total_time_s", key[0] == 0 ? key[1] : key[2]},
          {"progress_m", key[0] == 0 ? 3.0 : -key[1]},
          {"rank_key", key},
          {"fault", fault ? nlohmann::json(fault) : nlohmann::json(nullptr)},
          {"files", {{"replay", "runs/" + entry + "/" + track + "-" + std::to_string(seed) + ".replay"}}}};
}

nlohmann::json not_run(const std::string& entry, const std::string& track, uint64_t seed, const std::string& why) {
  return {{"id", entry + "/" + track + "/" + std::to_string(seed)},
          {"entry", entry},
          {"track", track},
          {"seed", seed},
          {"status", "not_run"},
          {"reason", why},
          {"fault", why}};
}

const LeaderboardRow& row_of(const std::vector<LeaderboardRow>& rows, const std::string& entry) {
  for (const LeaderboardRow& row : rows)
    if (row.entry == entry) return row;
  FAIL("no row for " << entry);
  return rows.front();
}

}  // namespace

TEST_CASE("one track and seed ranks by the rank key, exact ties share a place, runs not run come last") {
  std::vector<TournamentJob> plan;
  for (const char* e : {"broken", "fast", "faller", "slow", "stander", "twin"}) plan.push_back(job(e, "sprint", 0));
  RunLog log;
  log.lines = {scored("slow", "sprint", 0, "finished", {0, 9.5, 0}),
               scored("fast", "sprint", 0, "finished", {0, 6.1, 0}),
               scored("faller", "sprint", 0, "disqualified", {2, -2.5, 4.0}),
               scored("stander", "sprint", 0, "timeout", {1, 0, 0}),
               scored("twin", "sprint", 0, "timeout", {1, 0, 0}, "controller crashed with SIGSEGV at t = 0.020 s"),
               not_run("broken", "sprint", 0, "the entry folder holds no .so plugin")};
  const Leaderboard board = make_leaderboard(plan, log);
  REQUIRE(board.tracks.size() == 1);
  const auto& rows = board.tracks[0].rows;
  std::vector<std::pair<int, std::string>> order;
  for (const auto& row : rows) order.push_back({row.place, row.entry});
  // Finishers by time, then timeouts by progress (two equal keys share 3rd), disqualified, then not run.
  CHECK(order == std::vector<std::pair<int, std::string>>{
                     {1, "fast"}, {2, "slow"}, {3, "stander"}, {3, "twin"}, {5, "faller"}, {6, "broken"}});
  CHECK(board.missing.empty());
  CHECK(board.recorded == 6);
  REQUIRE(board.failed.size() == 2);
  CHECK(board.failed[0].entry == "broken");
  CHECK(board.failed[0].faults[0].reason == "the entry folder holds no .so plugin");
  CHECK(board.failed[1].entry == "twin");
  CHECK(board.failed[1].faults[0].reason == "controller crashed with SIGSEGV at t = 0.020 s");
}

TEST_CASE("seeds add places on a track, tracks add places overall, ties broken as documented") {
  std::vector<TournamentJob> plan;
  for (const char* e : {"a", "b", "c"}) {
    plan.push_back(job(e, "rough", 0));
    plan.push_back(job(e, "rough", 1));
    plan.push_back(job(e, "sprint", 0));
  }
  RunLog log;
  log.lines = {// rough seed 0: a 1, b 2, c 3; seed 1: b 1, a 2, c 3 -> a and b 3 points each.
               scored("a", "rough", 0, "finished", {0, 10, 0}), scored("b", "rough", 0, "finished", {0, 11, 0}),
               scored("c", "rough", 0, "timeout", {1, -5, 30}), scored("a", "rough", 1, "finished", {0, 12, 0}),
               scored("b", "rough", 1, "finished", {0, 9, 0}), scored("c", "rough", 1, "timeout", {1, -4, 30}),
               // sprint: c 1, a 2; b's run is not recorded yet.
               scored("c", "sprint", 0, "finished", {0, 6, 0}), scored("a", "sprint", 0, "finished", {0, 7, 0})};
  const Leaderboard board = make_leaderboard(plan, log);
  REQUIRE(board.tracks.size() == 2);
  const auto& rough = board.tracks[0];
  CHECK(rough.track == "rough");
  CHECK(rough.seeds == std::vector<uint64_t>{0, 1});
  // a and b tie on 3 points; b's best run (9 s) beats a's best (10 s).
  CHECK(rough.rows[0].entry == "b");
  CHECK(rough.rows[0].place == 1);
  CHECK(rough.rows[1].entry == "a");
  CHECK(rough.rows[1].place == 2);
  CHECK(row_of(rough.rows, "c").points == 6);
  CHECK(row_of(rough.rows, "a").runs[1].place == 2);  // runs stay in seed order

  const auto& sprint = board.tracks[1];
  CHECK(row_of(sprint.rows, "b").runs[0].result == "missing");
  CHECK(row_of(sprint.rows, "b").place == 3);
  CHECK(board.missing == std::vector<std::string>{"b/sprint/0"});
  CHECK(board.recorded == 8);
  CHECK(board.planned == 9);

  // Overall: a 2 + 2 = 4, b 1 + 3 = 4, c 3 + 1 = 4; ties broken by all per-seed places:
  // a 3 + 2 = 5, b 3 + 3 = 6, c 6 + 1 = 7.
  std::vector<std::string> overall;
  for (const auto& row : board.overall) overall.push_back(row.entry + ":" + std::to_string(row.place));
  CHECK(overall == std::vector<std::string>{"a:1", "b:2", "c:3"});
  CHECK(row_of(board.overall, "c").track_places == std::vector<int>{3, 1});
}

TEST_CASE("leaderboard files hold the boards, the seeds and the failed entries") {
  std::vector<TournamentJob> plan{job("x", "sprint", 0), job("y", "sprint", 0)};
  plan[0].seed_commitment = plan[1].seed_commitment = "abc123";
  RunLog log;
  log.lines = {scored("x", "sprint", 0, "finished", {0, 6.5, 0}),
               scored("y", "sprint", 0, "timeout", {1, 0, 0}, "controller sent q_des[4] = nan, \"bad\" <frame>")};
  const Leaderboard board = make_leaderboard(plan, log);
  const nlohmann::json j = leaderboard_json(board);
  CHECK(j["overall"][0]["entry"] == "x");
  CHECK(j["tracks"][0]["rows"][1]["runs"][0]["fault"] == "controller sent q_des[4] = nan, \"bad\" <frame>");
  CHECK(j["seeds"]["commitment"] == "abc123");
  CHECK(j["seeds"]["by_track"]["sprint"] == nlohmann::json::array({0}));
  CHECK(overall_csv(board) == "place,entry,points,sprint place\n1,x,1,1\n2,y,2,2\n");
  CHECK_THAT(track_csv(board.tracks[0]), Contains(",\"controller sent q_des[4] = nan, \"\"bad\"\" <frame>\","));
  const std::string html = leaderboard_html(board);
  CHECK_THAT(html, Contains("<a href=\"runs/x/sprint-0.replay\">replay</a>"));
  CHECK_THAT(html, Contains("nan, &quot;bad&quot; &lt;frame&gt;"));
  CHECK_THAT(html, Contains("<script>"));
  CHECK(html.find("http") == std::string::npos);  // self-contained: nothing fetched
}
