// Tournament building blocks a judge relies on: entries found as documented,
// hidden seeds reproducible from the documented derivation, and a run log
// that records each run exactly once, whatever appends at the same time.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "simarena/base/input_error.h"
#include "simarena/tournament/tournament_entries.h"
#include "simarena/tournament/tournament_run_log.h"
#include "simarena/tournament/tournament_seeds.h"
#include "simarena/track/track_spec.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("entries are plugins or folders with one plugin and a params file") {
  test::TempFolder dir;
  write(dir.path / "alpha.so", "x");
  write(dir.path / "beta" / "controller.so", "x");
  write(dir.path / "beta" / "params", "# tuned for the event\nkp=60, kd=2\n\nspeed=0.4  # m/s\n");
  write(dir.path / "beta" / "README.md", "ignored");
  fs::create_directories(dir.path / "gamma");  // no plugin
  write(dir.path / "delta" / "a.so", "x");
  write(dir.path / "delta" / "b.so", "x");
  write(dir.path / "notes.txt", "ignored");

  const auto entries = find_entries(dir.path);
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].name == "alpha");
  CHECK(entries[0].plugin == dir.path / "alpha.so");
  CHECK(entries[0].params.empty());
  CHECK(entries[1].name == "beta");
  CHECK(entries[1].plugin.filename() == "controller.so");
  CHECK(entries[1].params == "kp=60, kd=2,speed=0.4");
  CHECK(entries[2].name == "delta");
  CHECK(entries[2].problem == "the entry folder holds 2 .so plugins; an entry has exactly one");
  CHECK(entries[3].name == "gamma");
  CHECK(entries[3].problem == "the entry folder holds no .so plugin and no .py controller");
  CHECK(entries[3].plugin.empty());
}

TEST_CASE("entries may be Python controllers: a lone .py, or a folder's one .py or its controller.py") {
  test::TempFolder dir;
  write(dir.path / "solo.py", "x");
  write(dir.path / "single" / "walk.py", "x");
  write(dir.path / "modules" / "controller.py", "x");
  write(dir.path / "modules" / "gait.py", "x");
  write(dir.path / "unclear" / "a.py", "x");
  write(dir.path / "unclear" / "b.py", "x");
  write(dir.path / "compiled" / "ctrl.so", "x");
  write(dir.path / "compiled" / "tool.py", "x");  // a .so entry's helper script is not its controller

  const auto entries = find_entries(dir.path);
  REQUIRE(entries.size() == 5);
  CHECK(entries[0].name == "compiled");
  CHECK(entries[0].plugin.filename() == "ctrl.so");
  CHECK(entries[1].name == "modules");
  CHECK(entries[1].plugin == dir.path / "modules" / "controller.py");
  CHECK(entries[2].name == "single");
  CHECK(entries[2].plugin == dir.path / "single" / "walk.py");
  CHECK(entries[3].name == "solo");
  CHECK(entries[3].plugin == dir.path / "solo.py");
  CHECK(entries[3].folder.empty());
  CHECK(entries[4].name == "unclear");
  CHECK(entries[4].problem ==
        "the entry folder holds 2 .py files and none is named controller.py; name the controller's file controller.py");
}

TEST_CASE("entry folders that cannot make a tournament are refused with the reason") {
  test::TempFolder dir;
  CHECK_THROWS_WITH(find_entries(dir.path / "nope"), Contains("entries folder not found"));
  CHECK_THROWS_WITH(find_entries(dir.path), Contains("no entries"));
  write(dir.path / "a.so", "x");
  write(dir.path / "a" / "a.so", "x");
  CHECK_THROWS_WITH(find_entries(dir.path), Contains("two entries are named 'a'"));
  fs::remove_all(dir.path / "a");
  write(dir.path / "bad name.so", "x");
  CHECK_THROWS_AS(find_entries(dir.path), InputError);
}

TEST_CASE("hidden seeds come from a seed file or the documented passphrase derivation") {
  test::TempFolder dir;
  // printf 'simarena-seed:%d:%s' 1 "correct horse battery staple" | sha256sum | cut -c1-16
  CHECK(passphrase_seed("correct horse battery staple", 1) == 0xf5e0b0ebab138a26ull);
  CHECK(passphrase_seed("correct horse battery staple", 2) == 0xff75596ef26b5b93ull);
  write(dir.path / "pass", "correct horse battery staple\n");
  const TournamentSeeds derived = seeds_from_passphrase_file(dir.path / "pass", 2);
  CHECK(derived.seeds == std::vector<uint64_t>{17717355460309518886ull, 18407717384995167123ull});
  // printf 'correct horse battery staple' | sha256sum
  CHECK(derived.commitment == "c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a");
  write(dir.path / "short", "hunter2\n");
  CHECK_THROWS_WITH(seeds_from_passphrase_file(dir.path / "short", 2), Contains("at least 16 characters"));

  write(dir.path / "seeds.secret", "# event seeds\n9001\n0x10  # hex\n\n77\n");
  const TournamentSeeds file = seeds_from_file(dir.path / "seeds.secret", 0);
  CHECK(file.seeds == std::vector<uint64_t>{9001, 16, 77});
  CHECK(file.commitment == sha256_hex("# event seeds\n9001\n0x10  # hex\n\n77\n"));
  CHECK(seeds_from_file(dir.path / "seeds.secret", 2).seeds.size() == 2);
  CHECK_THROWS_WITH(seeds_from_file(dir.path / "seeds.secret", 4), Contains("holds 3 seeds; 4 were asked for"));
  write(dir.path / "bad", "12\n-3\n");
  CHECK_THROWS_WITH(seeds_from_file(dir.path / "bad", 0), Contains("bad:2:1: '-3' is not one unsigned integer"));

  CHECK(published_seeds(3).seeds == std::vector<uint64_t>{0, 1, 2});
  CHECK(published_seeds(3).commitment.empty());
}

TEST_CASE("only tracks whose ground changes with the seed run more than one seed") {
  CHECK_FALSE(track_is_randomized(load_track(test::source_path("arenas/sprint.yaml"))));
  CHECK(track_is_randomized(load_track(test::source_path("arenas/rough.yaml"))));
  CHECK_FALSE(track_is_randomized(load_track(test::source_path("tests/fixtures/tournament/sprint-3m.yaml"))));
}

TEST_CASE("the run log records each run once, from many processes at once") {
  test::TempFolder dir;
  const fs::path log = dir.path / "runs.jsonl";
  CHECK(read_run_log(log).lines.empty());
  CHECK(append_run_line(log, {{"id", "a/t/0"}, {"n", 1}}));
  CHECK_FALSE(append_run_line(log, {{"id", "a/t/0"}, {"n", 2}}));  // a repeated job records nothing

  // A torn last line (power loss) is skipped, and the next append starts a fresh line.
  std::ofstream(log, std::ios::app) << "{\"id\": \"b/t/0\", \"n\"";
  CHECK(append_run_line(log, {{"id", "c/t/0"}}));

  constexpr int kProcesses = 4, kLines = 40;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    const pid_t pid = fork();
    if (pid == 0) {
      // Every process tries every id: each must end up in the log exactly once.
      for (int i = 0; i < kLines; ++i) append_run_line(log, {{"id", "run/" + std::to_string(i)}, {"by", p}});
      _exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
  }
  const RunLog read = read_run_log(log);
  CHECK(read.damaged == 1);
  CHECK(read.repeated == 0);
  CHECK(read.lines.size() == 2 + kLines);
  CHECK(read.lines[0]["n"] == 1);
}
