// The judge's whole promise in one event (issue 13): a tournament with an
// entry of each misbehaving kind beside two good entries finishes, names
// every fault in plain words from what simarena observed, ranks the good
// entries exactly as a tournament of the good entries alone does, and leaves
// nothing outside its results folder.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "simarena/base/untrusted_text.h"
#include "simarena/tournament/tournament_run_log.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
namespace fs = std::filesystem;

namespace {

void add_good_entries(const fs::path& entries) {
  fs::create_directories(entries);
  fs::create_symlink(STAND_PLUGIN, entries / "stand.so");
  fs::create_symlink(TROT_PLUGIN, entries / "trot.so");
}

void add_hostile(const fs::path& entries, const std::string& name, const std::string& plugin,
                 const std::string& params) {
  fs::create_directories(entries / name);
  fs::create_symlink(test::plugin_path(plugin), entries / name / (plugin + ".so"));
  std::ofstream(entries / name / "params") << params << "\n";
}

// Every file below `folder`, as paths relative to it.
std::set<std::string> listing(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& item : fs::recursive_directory_iterator(folder)) names.insert(fs::relative(item.path(), folder));
  return names;
}

// Runs the tournament with its own TMPDIR; returns runs.jsonl by entry.
std::map<std::string, nlohmann::json> tournament(const fs::path& entries, const fs::path& out, const fs::path& tmp) {
  fs::create_directories(tmp);
  const fs::path log = out.string() + ".log";
  const std::string command = "TMPDIR=" + tmp.string() + " " + SIMARENA_EXECUTABLE + " tournament " + entries.string() +
                              " --tracks " + test::source_path("tests/fixtures/tournament/dash-8s.yaml") +
                              " --jobs 2 --threads 16 --out " + out.string() + " > " + log.string() + " 2>&1";
  const int status = std::system(command.c_str());
  INFO(test::file_bytes(log));
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  std::map<std::string, nlohmann::json> runs;
  for (const nlohmann::json& line : read_run_log(out / "runs.jsonl").lines) runs[line["entry"]] = line;
  return runs;
}

std::string fault(const nlohmann::json& run) { return run["fault"].is_string() ? run["fault"].get<std::string>() : ""; }

}  // namespace

TEST_CASE("a tournament with every kind of misbehaving entry names each fault and ranks the good ones as alone",
          "[tournament][sandbox][judge]") {
  test::TempFolder dir;
  const fs::path good = dir.path / "good", all = dir.path / "all";
  add_good_entries(good);
  add_good_entries(all);
  add_hostile(all, "clock-patcher", "hostile", "patched:40");  // over 5 times the CPU budget: stopped at once
  add_hostile(all, "fake-fault", "hostile", "fake_fault");
  add_hostile(all, "memory-hog", "hostile", "oom");
  add_hostile(all, "sleeper", "hostile", "sleep:1500");
  add_hostile(all, "thread-bomb", "hostile", "threads:1000");
  add_hostile(all, "shadow-reader", "hostile", "read:/etc/shadow");
  add_hostile(all, "entry-reader", "hostile", "read:" + (all / "stand.so").string());
  add_hostile(all, "bad-text", "hostile_text", "error");
  const std::set<std::string> entries_before = listing(all);

  const auto alone = tournament(good, dir.path / "out-good", dir.path / "tmp-good");
  const auto with_bad = tournament(all, dir.path / "out-all", dir.path / "tmp-all");
  REQUIRE(with_bad.size() == 10);

  // Each fault in simarena's own words.
  CHECK_THAT(fault(with_bad.at("clock-patcher")),
             Contains("exceeded its CPU budget") && Contains("measured by simarena"));
  CHECK_THAT(fault(with_bad.at("fake-fault")), StartsWith("controller ended its process (exit status 92)"));
  CHECK_THAT(fault(with_bad.at("memory-hog")), StartsWith("controller ran out of memory"));
  CHECK_THAT(fault(with_bad.at("sleeper")), Contains("controller hung") && Contains("no answer within 1 s"));
  CHECK_THAT(fault(with_bad.at("thread-bomb")), Contains("started 15 threads, then: Resource temporarily unavailable"));
  CHECK_THAT(fault(with_bad.at("shadow-reader")), Contains("/etc/shadow: Permission denied"));
  CHECK_THAT(fault(with_bad.at("entry-reader")), Contains("stand.so: Permission denied"));
  CHECK_THAT(fault(with_bad.at("bad-text")), StartsWith("controller reported an error: "));
  for (const auto& [entry, run] : with_bad) {
    INFO(entry);
    CHECK(untrusted_text(fault(run), 100000) == fault(run));  // plain, printable UTF-8
  }

  // The good entries: the same runs bit for bit, so the same scores and order.
  for (const std::string entry : {"stand", "trot"}) {
    INFO(entry);
    CHECK(fault(with_bad.at(entry)).empty());
    CHECK(with_bad.at(entry)["final_state_hash"] == alone.at(entry)["final_state_hash"]);
    CHECK(with_bad.at(entry)["rank_key"] == alone.at(entry)["rank_key"]);
  }
  CHECK(alone.at("trot")["rank_key"] < alone.at("stand")["rank_key"]);  // trot covered ground, stand did not

  // Nothing outside the results folder: no scratch data in TMPDIR, the entries untouched.
  CHECK(listing(dir.path / "tmp-all").empty());
  CHECK(listing(all) == entries_before);
}
