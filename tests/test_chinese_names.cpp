// Chinese as the course participants use it: entries and tracks named in
// Chinese run through a whole tournament (plan, sandboxed runs, run log,
// boards), the names come back in every published text, and the judge's
// locale (LANG=zh_CN.UTF-8, even with the locale not generated) gives the
// leaderboard page and the terminal summary in Chinese.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "simarena/base/input_error.h"
#include "simarena/tournament/tournament_plan.h"
#include "simarena/tournament/tournament_run_log.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

// A copy of the 2 s test track under another name.
fs::path renamed_track(const fs::path& folder, const std::string& name) {
  std::ifstream in(test::source_path("tests/fixtures/tournament/dash-2s.yaml"));
  std::ofstream out(folder / "track.yaml");
  std::string line;
  while (std::getline(in, line)) out << (line.starts_with("name:") ? "name: \"" + name + "\"" : line) << "\n";
  return folder / "track.yaml";
}

}  // namespace

TEST_CASE("a tournament of entries and a track named in Chinese completes and publishes the names", "[tournament]") {
  test::TempFolder dir;
  const fs::path entries = dir.path / "entries";
  fs::create_directories(entries / "机器狗队");
  fs::create_symlink(STAND_PLUGIN, entries / "队伍一.so");
  fs::create_symlink(STAND_PLUGIN, entries / "机器狗队" / "stand.so");
  const fs::path track = renamed_track(dir.path, "冲刺赛道");
  const fs::path out = dir.path / "out";
  // The judge's locale, whether or not zh_CN.UTF-8 is generated on this machine.
  const std::string command = "env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=zh_CN.UTF-8 " +
                              std::string(SIMARENA_EXECUTABLE) + " tournament " + entries.string() + " --tracks " +
                              track.string() + " --jobs 2 --out " + out.string() + " > " + (dir.path / "log").string() +
                              " 2>&1";
  const int status = std::system(command.c_str());
  const std::string log = test::file_bytes(dir.path / "log");
  INFO(log);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);

  const RunLog runs = read_run_log(out / "runs.jsonl");
  REQUIRE(runs.lines.size() == 2);
  for (const nlohmann::json& line : runs.lines) {
    CHECK(line["status"] == "scored");
    CHECK(line["track"] == "冲刺赛道");  // data stays data: JSON keys in English, names as written
  }
  CHECK(fs::exists(out / "runs" / "队伍一" / "冲刺赛道-0.replay"));
  CHECK(fs::exists(out / "runs" / "机器狗队" / "冲刺赛道-0.replay"));

  const std::string html = test::file_bytes(out / "leaderboard.html");
  CHECK_THAT(html, Contains("<html lang=\"zh-CN\">"));
  CHECK_THAT(html, Contains("<h1>排行榜</h1>"));
  CHECK_THAT(html, Contains("<td>队伍一</td>"));
  CHECK_THAT(html, Contains("<td>机器狗队</td>"));
  CHECK_THAT(html, Contains(">赛道 冲刺赛道</h2>"));
  CHECK_THAT(html, Contains("<th>名次</th>"));
  const std::string csv = test::file_bytes(out / "leaderboard.csv");
  CHECK_THAT(csv, Contains("队伍一"));
  CHECK_THAT(csv.substr(0, csv.find('\n')), !Contains("名次"));  // column names stay English
  CHECK(fs::exists(out / "leaderboard-冲刺赛道.csv"));
  const nlohmann::json board = nlohmann::json::parse(test::file_bytes(out / "leaderboard.json"));
  CHECK(board["runs"]["recorded"] == 2);
  CHECK_THAT(board.dump(), Contains("机器狗队"));
  // The terminal summary in the judge's language, names padded by the columns they take.
  CHECK_THAT(log, Contains("运行        已记录 2 / 2"));
  CHECK_THAT(log, Contains("  队伍一                 "));
}

TEST_CASE("a track whose name would name files outside the results folder is refused by a tournament plan",
          "[tournament]") {
  test::TempFolder dir;
  const std::vector<TournamentEntry> entries{{"a", STAND_PLUGIN, {}, {}, {}}};
  for (const std::string& name : {std::string("../../escape"), std::string("赛道/一"), std::string(".hidden")}) {
    INFO(name);
    const fs::path track = renamed_track(dir.path, name);
    try {
      plan_tournament(entries, {track.string()}, TournamentSeeds{}, TournamentSettings{});
      FAIL("planned");
    } catch (const InputError& e) {
      CHECK_THAT(e.what(), Contains(track.string()));
      CHECK_THAT(e.what(), Contains("must not hold '/'"));
    }
  }
  // Chinese, spaces and quotes are names, not paths.
  const fs::path track = renamed_track(dir.path, "冲刺 \\\"快\\\"");
  const auto jobs = plan_tournament(entries, {track.string()}, TournamentSeeds{}, TournamentSettings{});
  REQUIRE(jobs.size() == 1);
  CHECK(jobs[0].id == "a/冲刺 \"快\"/0");
}
