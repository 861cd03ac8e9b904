// No entry stops the event: beside a good entry, plugins whose name, error
// messages and output are 100 kB of invalid UTF-8, terminal escapes and
// formulas, one that aborts after filling its log with such junk and one that
// sends its own process SIGTERM. The tournament records each as that run's
// fault in plain text, publishes valid boards, and a restart (the same
// command) has nothing left to do and exits 0.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "simarena/tournament/tournament_run_log.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
namespace fs = std::filesystem;

namespace {

fs::path hostile_entries(const fs::path& where, bool in_process) {
  const fs::path entries = where / "entries";
  fs::create_directories(entries);
  fs::create_symlink(STAND_PLUGIN, entries / "stand.so");
  const std::string hostile = test::plugin_path("hostile_text");
  test::add_entry(entries, "hostile-name", hostile, "");
  test::add_entry(entries, "hostile-error", hostile, "error");
  test::add_entry(entries, "hostile-refuse", hostile, "refuse");
  test::add_entry(entries, "hostile-die", hostile, "die");
  if (in_process) test::add_entry(entries, "hostile-raise", hostile, "raise");  // sandboxed, it cannot signal its run
  return entries;
}

int run_tournament(const fs::path& entries, const fs::path& out, const fs::path& log, bool in_process) {
  const std::string command = std::string(SIMARENA_EXECUTABLE) + " tournament " + entries.string() + " --tracks " +
                              test::source_path("tests/fixtures/tournament/dash-2s.yaml") + " --jobs 2 --out " +
                              out.string() + (in_process ? " --no-sandbox" : "") + " > " + log.string() + " 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Plain text: what nlohmann accepts as a JSON string, no terminal escapes.
void check_plain(const std::string& text, const std::string& what) {
  INFO(what);
  CHECK_NOTHROW((void)nlohmann::json(text).dump());
  CHECK(text.find('\x1b') == std::string::npos);
}

void check_survives(bool in_process) {
  test::TempFolder dir;
  const fs::path entries = hostile_entries(dir.path, in_process);
  const fs::path out = dir.path / "out";
  const size_t runs = in_process ? 6 : 5;

  const int code = run_tournament(entries, out, dir.path / "first.log", in_process);
  INFO(test::file_bytes(dir.path / "first.log").substr(0, 4000));
  REQUIRE(code == 0);

  // Every line of runs.jsonl and every board parses (nlohmann rejects invalid UTF-8 when parsing).
  const RunLog log = read_run_log(out / "runs.jsonl");
  CHECK(log.lines.size() == runs);
  CHECK(log.damaged == 0);
  const nlohmann::json board = nlohmann::json::parse(test::file_bytes(out / "leaderboard.json"));
  CHECK(board["runs"]["recorded"] == runs);
  CHECK(board["runs"]["missing"].empty());
  for (const char* file : {"leaderboard.html", "leaderboard.csv", "leaderboard-dash-2s.csv"})
    check_plain(test::file_bytes(out / file), file);
  CHECK_FALSE(test::file_bytes(out / "leaderboard.html").find("<script>alert") != std::string::npos);
  // Each scored run's pages (its HTML replay, its score sheet page) exist and hold the hostile text as text only.
  for (const nlohmann::json& track : board["tracks"])
    for (const nlohmann::json& row : track["rows"])
      for (const nlohmann::json& run : row["runs"]) {
        if (!run.contains("html_replay")) continue;  // not scored
        INFO(run.dump());
        REQUIRE(run["html_replay"].is_string());
        REQUIRE(run["score_page"].is_string());
        for (const std::string page : {run["html_replay"], run["score_page"]}) {
          const std::string html = test::file_bytes(out / page);
          check_plain(html, page);
          CHECK(html.find("<script>alert") == std::string::npos);
          CHECK(html.find("</script> ") == std::string::npos);  // only the page's own scripts close
        }
      }

  std::map<std::string, nlohmann::json> by_entry;
  for (const nlohmann::json& line : log.lines) by_entry[line["entry"]] = line;
  CHECK(by_entry.at("stand")["status"] == "scored");
  CHECK(by_entry.at("stand")["fault"].is_null());
  for (const auto& [entry, line] : by_entry) {
    if (line["fault"].is_string()) check_plain(line["fault"], entry + " fault");
    check_plain(line.value("reason", ""), entry + " reason");
  }
  // Named by the host, in plain words; what the plugin wrote is quoted made plain and short, or not at all.
  CHECK_THAT(by_entry.at("hostile-refuse")["reason"].get<std::string>(),
             StartsWith("hostile_text.so: controller refused to start: =HYPERLINK("));
  CHECK(by_entry.at("hostile-refuse")["reason"].get<std::string>().size() < 1200);
  if (in_process) {
    CHECK(by_entry.at("hostile-name")["status"] == "scored");
    CHECK_THAT(by_entry.at("hostile-name")["controller"]["name"].get<std::string>(), StartsWith("=HYPERLINK("));
    CHECK(by_entry.at("hostile-name")["controller"]["name"].get<std::string>().size() <= 400);
    CHECK(by_entry.at("hostile-error")["status"] == "scored");
    CHECK_THAT(by_entry.at("hostile-error")["fault"].get<std::string>(), Contains("\xEF\xBF\xBD"));  // U+FFFD
    CHECK_THAT(by_entry.at("hostile-die")["reason"].get<std::string>(),
               StartsWith("the run's process was killed by SIGABRT"));
    CHECK_THAT(by_entry.at("hostile-raise")["reason"].get<std::string>(),
               StartsWith("the run's process was killed by SIGTERM"));
  }

  // The same command again: nothing to do, the same boards, exit 0.
  const std::string before = test::file_bytes(out / "leaderboard.json");
  REQUIRE(run_tournament(entries, out, dir.path / "again.log", in_process) == 0);
  CHECK_THAT(test::file_bytes(dir.path / "again.log"), Contains(std::to_string(runs) + " already recorded, 0 to run"));
  CHECK(test::file_bytes(out / "leaderboard.json") == before);
  CHECK(read_run_log(out / "runs.jsonl").lines.size() == runs);
}

}  // namespace

TEST_CASE("a tournament with hostile text from in-process plugins records each fault and publishes valid boards") {
  check_survives(true);
}

TEST_CASE("a sandboxed tournament with hostile text from plugins completes and resumes with nothing to do") {
  check_survives(false);
}
