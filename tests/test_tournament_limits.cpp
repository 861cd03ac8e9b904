// A tournament confines every entry with the limits the judge gives on its
// command line (recorded in each plan line; here the strict CPU budget, no
// call over it let through), and a folder entry's plugin may
// read its own folder but not another entry's.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "simarena/tournament/tournament_plan.h"
#include "simarena/tournament/tournament_run_log.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

void add_entry(const fs::path& entries, const std::string& name, const std::string& params) {
  const std::string plugin = test::plugin_path("hostile");
  fs::create_directories(entries / name);
  fs::create_symlink(plugin, entries / name / fs::path(plugin).filename());
  std::ofstream(entries / name / "params") << params << "\n";
}

}  // namespace

TEST_CASE("a tournament applies the judge's sandbox limits and lets a folder entry read only its own folder",
          "[tournament][sandbox]") {
  test::TempFolder dir;
  const fs::path entries = dir.path / "entries";
  add_entry(entries, "reader", "read:" + (entries / "reader" / "data.txt").string());
  std::ofstream(entries / "reader" / "data.txt") << "the entry's own data\n";
  add_entry(entries, "peeker", "read:" + (entries / "reader" / "data.txt").string());
  add_entry(entries, "sleeper", "sleep:400");  // 0.4 s per call: over --wall-per-call 0.2, under the 1 s default
  add_entry(entries, "burner", "burn:3");      // 3 ms of CPU in calls 11, 21, ...: by default 11 to 31 pass
  const fs::path out = dir.path / "out", log = dir.path / "tournament.log";

  const std::string command = std::string(SIMARENA_EXECUTABLE) + " tournament " + entries.string() + " --tracks " +
                              test::source_path("tests/fixtures/tournament/dash-2s.yaml") +
                              " --jobs 2 --wall-per-call 0.2 --threads 8 --cpu-overruns 0 --out " + out.string() +
                              " > " + log.string() + " 2>&1";
  const int status = std::system(command.c_str());
  INFO(test::file_bytes(log));
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);

  for (const TournamentJob& job : read_plan(out / "plan.jsonl")) {
    CHECK(job.settings.limits.wall_per_call_s == 0.2);
    CHECK(job.settings.limits.threads == 8);
    CHECK(job.settings.limits.cpu_overruns_per_second == 0);
    CHECK(job.entry_folder == (entries / job.entry).string());
  }
  std::map<std::string, std::string> fault;
  for (const nlohmann::json& line : read_run_log(out / "runs.jsonl").lines)
    fault[line["entry"]] = line["fault"].is_string() ? line["fault"].get<std::string>() : "";
  REQUIRE(fault.size() == 4);
  CHECK_THAT(fault["reader"], Contains("data.txt: succeeded"));
  CHECK_THAT(fault["peeker"], Contains("data.txt: Permission denied"));
  CHECK_THAT(fault["sleeper"], Contains("hung"));
  CHECK_THAT(fault["burner"], Contains("exceeded its CPU budget at t = 0.020 s") && !Contains("second before"));
}
