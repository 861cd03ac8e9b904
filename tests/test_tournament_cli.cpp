// `simarena tournament` as a judge runs it: a walking entry, a standing one
// and entries that crash, hang, send NaN, open a socket, fork and allocate
// without bound, sandboxed, two at a time, on a 3 m sprint. Every misbehaving
// entry is listed with its fault in plain words, the walker ranks first, and
// a tournament killed mid-way and started again gives the same leaderboard
// with every run recorded exactly once.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "simarena/tournament/tournament_run_log.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
namespace fs = std::filesystem;

extern char** environ;

namespace {

fs::path make_entries(const fs::path& where) {
  const fs::path entries = where / "entries";
  fs::create_directories(entries);
  fs::create_symlink(TROT_PLUGIN, entries / "trot.so");
  fs::create_symlink(STAND_PLUGIN, entries / "stand.so");
  const std::string misbehaving = test::plugin_path("misbehaving");
  test::add_entry(entries, "segfault", misbehaving, "act=1,at=11");
  test::add_entry(entries, "endless-loop", misbehaving, "act=2,at=11");
  test::add_entry(entries, "socket", misbehaving, "act=3,at=11");
  test::add_entry(entries, "fork", misbehaving, "act=5,at=11");
  test::add_entry(entries, "allocate", misbehaving, "act=6,at=11");
  test::add_entry(entries, "nan", test::plugin_path("faulty"), "fault=1,at=11");
  fs::create_directories(entries / "empty");  // a submission without its plugin
  return entries;
}

// Starts `simarena tournament` with its output in `log`; the sandbox's scratch folders go under `tmp`.
pid_t start_tournament(const fs::path& entries, const fs::path& out, const fs::path& log, const fs::path& tmp) {
  const std::string track = test::source_path("tests/fixtures/tournament/sprint-3m.yaml");
  std::vector<std::string> args{
      SIMARENA_EXECUTABLE, "tournament", entries.string(), "--tracks", track, "--jobs", "2", "--out", out.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_text{"TMPDIR=" + tmp.string()};
  for (char** e = environ; *e; ++e)
    if (!std::string(*e).starts_with("TMPDIR=")) env_text.push_back(*e);
  std::vector<char*> env;
  for (auto& e : env_text) env.push_back(e.data());
  env.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &files, nullptr, argv.data(), env.data());
  posix_spawn_file_actions_destroy(&files);
  REQUIRE(rc == 0);
  return pid;
}

int wait_exit_code(pid_t pid) {
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

size_t line_count(const fs::path& path) {
  std::ifstream in(path);
  size_t n = 0;
  for (std::string line; std::getline(in, line);) n += line.empty() ? 0 : 1;
  return n;
}

// The leaderboard without what legitimately varies between runs: the CPU time
// an endless loop had used when the sandbox stopped it.
std::string comparable(const std::string& leaderboard) {
  return std::regex_replace(leaderboard, std::regex("after [0-9.]+ ms of CPU time"), "after X ms of CPU time");
}

std::map<std::string, std::string> faults_by_entry(const nlohmann::json& board) {
  std::map<std::string, std::string> faults;
  for (const auto& entry : board["failed"]) faults[entry["entry"]] = entry["faults"][0]["reason"];
  return faults;
}

}  // namespace

TEST_CASE("a tournament ranks the walker first and names every misbehaving entry's fault, and resumes after a kill") {
  test::TempFolder dir;
  const fs::path entries = make_entries(dir.path);
  constexpr size_t kRuns = 9;

  // Uninterrupted.
  const fs::path first = dir.path / "first";
  REQUIRE(wait_exit_code(start_tournament(entries, first, dir.path / "first.log", dir.path)) == 0);
  INFO(test::file_bytes(dir.path / "first.log"));
  const nlohmann::json board = nlohmann::json::parse(test::file_bytes(first / "leaderboard.json"));
  CHECK(board["runs"]["recorded"] == kRuns);
  CHECK(board["runs"]["missing"].empty());
  CHECK(board["overall"][0]["entry"] == "trot");
  CHECK(board["overall"][0]["place"] == 1);
  const auto& rows = board["tracks"][0]["rows"];
  CHECK(rows[0]["entry"] == "trot");
  CHECK(rows[0]["runs"][0]["result"] == "finished");
  int stand_place = 0;
  for (const auto& row : rows)
    if (row["entry"] == "stand") stand_place = row["place"];
  CHECK(stand_place > 1);
  CHECK(rows.back()["entry"] == "empty");  // did not run: after every scored run

  const auto faults = faults_by_entry(board);
  CHECK(faults.size() == 7);  // trot and stand ran cleanly
  CHECK_FALSE(faults.contains("trot"));
  CHECK_FALSE(faults.contains("stand"));
  CHECK_THAT(faults.at("segfault"), StartsWith("controller crashed with SIGSEGV (Segmentation fault) at t = 0.020 s"));
  CHECK_THAT(faults.at("endless-loop"), StartsWith("controller exceeded its CPU budget at t = 0.020 s"));
  CHECK_THAT(faults.at("socket"), StartsWith("controller attempted a forbidden system call (socket) at t = 0.020 s"));
  CHECK_THAT(faults.at("fork"), StartsWith("controller attempted a forbidden system call"));
  CHECK_THAT(faults.at("allocate"), StartsWith("controller ran out of memory at t = 0.020 s"));
  CHECK_THAT(faults.at("nan"), StartsWith("controller sent q_des[4] = nan at t = "));
  CHECK(faults.at("empty") == "the entry folder holds no .so plugin and no .py controller");

  // Every scored run kept its replay and score sheet, linked from the page.
  const std::string html = test::file_bytes(first / "leaderboard.html");
  CHECK_THAT(html, Contains("href=\"runs/trot/sprint-3m-0.replay\""));
  CHECK(fs::exists(first / "runs/trot/sprint-3m-0.replay"));
  CHECK(fs::exists(first / "runs/trot/sprint-3m-0.score.json"));
  CHECK(fs::exists(first / "leaderboard.csv"));
  CHECK(fs::exists(first / "leaderboard-sprint-3m.csv"));

  // Killed (SIGKILL) once a few runs are recorded, then started again.
  const fs::path second = dir.path / "second";
  const pid_t pid = start_tournament(entries, second, dir.path / "second.log", dir.path);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (line_count(second / "runs.jsonl") < 3 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  REQUIRE(kill(pid, SIGKILL) == 0);
  CHECK(wait_exit_code(pid) == 128 + SIGKILL);
  const size_t recorded_when_killed = line_count(second / "runs.jsonl");
  CHECK(recorded_when_killed >= 3);
  CHECK(recorded_when_killed < kRuns);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // its workers die with it (PR_SET_PDEATHSIG)
  CHECK(line_count(second / "runs.jsonl") == recorded_when_killed);

  REQUIRE(wait_exit_code(start_tournament(entries, second, dir.path / "resumed.log", dir.path)) == 0);
  CHECK_THAT(test::file_bytes(dir.path / "resumed.log"),
             Contains(std::to_string(recorded_when_killed) + " already recorded, " +
                      std::to_string(kRuns - recorded_when_killed) + " to run"));
  const RunLog log = read_run_log(second / "runs.jsonl");
  CHECK(log.lines.size() == kRuns);
  CHECK(log.repeated == 0);
  CHECK(log.damaged == 0);
  CHECK(line_count(second / "runs.jsonl") == kRuns);
  CHECK(comparable(test::file_bytes(second / "leaderboard.json")) ==
        comparable(test::file_bytes(first / "leaderboard.json")));
  CHECK(test::file_bytes(second / "leaderboard.csv") == test::file_bytes(first / "leaderboard.csv"));
}

TEST_CASE("a results folder holding another tournament is not mixed into") {
  test::TempFolder dir;
  const fs::path entries = dir.path / "entries";
  fs::create_directories(entries);
  fs::create_symlink(STAND_PLUGIN, entries / "stand.so");
  const std::string exe = SIMARENA_EXECUTABLE;
  const std::string out = (dir.path / "out").string();
  const std::string plan = exe + " tournament " + entries.string() + " --tracks sprint --out " + out + " --plan";
  REQUIRE(std::system((plan + " > " + (dir.path / "plan.txt").string()).c_str()) == 0);
  CHECK_THAT(test::file_bytes(dir.path / "plan.txt"), Contains("sbatch --array=0-0 --output="));
  CHECK(line_count(dir.path / "out" / "plan.jsonl") == 1);
  const std::string other = exe + " tournament " + entries.string() + " --tracks sprint,slope --out " + out +
                            " --plan 2> " + (dir.path / "error.txt").string();
  CHECK(std::system(other.c_str()) != 0);
  CHECK_THAT(test::file_bytes(dir.path / "error.txt"), Contains("holds another tournament's plan"));
}
