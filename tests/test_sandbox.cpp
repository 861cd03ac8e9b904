// The sandboxed controller host: the same plugin runs in a confined child
// process with the same result bit for bit, and every way a plugin can
// misbehave ends as a plain-words controller error while the match (and
// this process) carries on.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <vector>

#include "simarena/base/input_error.h"
#include "simarena/base/untrusted_text.h"
#include "simarena/control/sandbox_controller.h"
#include "simarena/match/match.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

using test::TempFolder;

SandboxLimits test_limits(const TempFolder&) {
  SandboxLimits limits;
  limits.memory_cap_bytes = 256ull << 20;
  return limits;
}

std::unique_ptr<Match> sandboxed_match(const std::string& plugin, const std::string& params,
                                       const SandboxLimits& limits) {
  const RobotSpec robot = test::cyberdog2();
  return std::make_unique<Match>(World::build(robot, flat_arena()),
                                 std::make_unique<SandboxController>(plugin, robot, params, limits));
}

// The recorded detail of the controller's error; the words the terminal
// shows translated are the same text in English, byte for byte.
std::string controller_error(const Match& match) {
  for (const MatchEvent& e : match.events())
    if (e.type == MatchEventType::controller_error) {
      REQUIRE(e.words);
      CHECK(e.words->english() == e.detail);
      return e.detail;
    }
  return {};
}

// Runs the misbehaving plugin until well after its act and returns the error.
std::string fault_of(const std::string& params, const SandboxLimits& limits, const std::string& plugin = "misbehaving",
                     int ticks = 100) {
  auto match = sandboxed_match(test::plugin_path(plugin), params, limits);
  for (int i = 0; i < ticks; ++i) match->tick();
  CHECK(match->controller_stopped());
  CHECK(match->ticks() == static_cast<uint64_t>(ticks));  // the match went on without the controller
  for (int i = 0; i < match->model()->nq; ++i) CHECK(std::isfinite(match->data()->qpos[i]));
  return controller_error(*match);
}

bool same_bits(const double* a, const double* b, int n) { return std::memcmp(a, b, sizeof(double) * n) == 0; }

// A match's events but its deadline misses: those are judged on this
// machine's CPU time (on a busy virtual machine a 5 us call of `stand`
// once took 5 ms), the rest on the simulation alone.
std::vector<MatchEvent> simulated_events(const Match& match) {
  std::vector<MatchEvent> events;
  for (const MatchEvent& e : match.events())
    if (e.type != MatchEventType::deadline_miss) events.push_back(e);
  return events;
}

}  // namespace

TEST_CASE("the stand controller stands in the sandbox with the in-process state, bit for bit") {
  TempFolder folder;
  const RobotSpec robot = test::cyberdog2();
  auto world = World::build(robot, flat_arena());
  Match in_process(world, load_plugin(STAND_PLUGIN, robot, ""));
  auto sandbox = std::make_unique<SandboxController>(STAND_PLUGIN, robot, "", test_limits(folder));
  const SandboxController& host = *sandbox;
  Match sandboxed(world, std::move(sandbox));
  CHECK(sandboxed.controller_name() == in_process.controller_name());
  for (int i = 0; i < 2500; ++i) {
    in_process.tick();
    sandboxed.tick();
  }
  const int nq = in_process.model()->nq, nv = in_process.model()->nv;
  CHECK(same_bits(in_process.data()->qpos, sandboxed.data()->qpos, nq));
  CHECK(same_bits(in_process.data()->qvel, sandboxed.data()->qvel, nv));
  CHECK(sandboxed.data()->qpos[2] > 0.2);  // standing
  CHECK(simulated_events(sandboxed).size() == simulated_events(in_process).size());
  CHECK_FALSE(sandboxed.controller_stopped());

  CHECK(host.confinement().seccomp);
  CHECK(host.confinement().user_namespace);
  CHECK(host.confinement().landlock_abi >= 1);
  INFO("confinement notes: " << host.confinement().notes);
  CHECK(host.call_stats().calls == 2500);
  // Far under the budget on average (its slowest call is the machine's as much as the plugin's).
  CHECK(host.call_stats().cpu_total / static_cast<double>(host.call_stats().calls) < 0.1 * host.cpu_budget_per_call());
  CHECK(host.report()["fault"].is_null());
}

TEST_CASE("a plugin that crashes, hangs or overruns is stopped with the fault in plain words") {
  TempFolder folder;
  const SandboxLimits limits = test_limits(folder);
  // at=11: the 11th call, at t = 10 x 2 ms.
  CHECK_THAT(fault_of("act=1,at=11", limits),
             StartsWith("controller crashed with SIGSEGV (Segmentation fault) at t = 0.020 s"));
  CHECK_THAT(fault_of("act=2,at=11", limits),
             StartsWith("controller exceeded its CPU budget at t = 0.020 s: the control call was still running"));
  // Over 5 times the budget (10 ms): stopped at its first overrun. Judged when the call returns, or while it
  // still runs: which comes first depends on the machine.
  CHECK_THAT(fault_of("act=9,at=11,ms=15", limits),
             StartsWith("controller exceeded its CPU budget at t = 0.020 s: the control call") &&
                 Contains("budget 2.00 ms per call") &&
                 Contains("calls over the budget allowed in a second of simulated time: 3, each up to 5 times it"));
  CHECK_THAT(fault_of("act=8,at=11", limits), StartsWith("controller hung at t = 0.020 s: no answer within 1 s"));
}

TEST_CASE(
    "three control calls a second may go over the CPU budget, as deadline misses, and a fourth within the "
    "second stops the controller") {
  TempFolder folder;
  SECTION("3 ms of CPU once: let through, recorded as a deadline miss, counted in the report") {
    auto sandbox = std::make_unique<SandboxController>(test::plugin_path("misbehaving"), test::cyberdog2(),
                                                       "act=9,at=11,ms=3", test_limits(folder));
    const SandboxController& host = *sandbox;
    Match match(World::build(test::cyberdog2(), flat_arena()), std::move(sandbox));
    for (int i = 0; i < 100; ++i) match.tick();
    CHECK_FALSE(match.controller_stopped());
    CHECK(host.call_stats().overruns == 1);
    CHECK(host.report()["cpu_per_call"]["overruns_let_through"] == 1);
    CHECK(host.report()["limits"]["cpu_overruns_per_second"] == 3);
    std::vector<MatchEvent> misses;
    for (const MatchEvent& e : match.events())
      if (e.type == MatchEventType::deadline_miss) misses.push_back(e);
    REQUIRE(misses.size() == 1);
    CHECK(misses[0].time == Approx(0.020));
    CHECK(misses[0].cpu_us >= 3000);
  }
  SECTION("3 ms every 10th call: the fourth, 60 ms after the first, stops it") {
    CHECK_THAT(
        fault_of("burn:3", test_limits(folder), "hostile"),
        StartsWith("controller exceeded its CPU budget at t = 0.080 s: the control call used") &&
            Contains("; calls over the budget in the second before: 3, the most allowed, the first at t = 0.020 s"));
  }
  SECTION("3 ms every 10th call, 1 allowed a second: the second stops it") {
    SandboxLimits one = test_limits(folder);
    one.cpu_overruns_per_second = 1;
    CHECK_THAT(
        fault_of("burn:3", one, "hostile"),
        StartsWith("controller exceeded its CPU budget at t = 0.040 s") &&
            Contains("; calls over the budget in the second before: 1, the most allowed, the first at t = 0.020 s"));
  }
  SECTION("with none allowed (--cpu-overruns 0) the first call over the budget stops it") {
    SandboxLimits strict = test_limits(folder);
    strict.cpu_overruns_per_second = 0;
    const std::string fault = fault_of("act=9,at=11,ms=3", strict);
    CHECK_THAT(fault, StartsWith("controller exceeded its CPU budget at t = 0.020 s: the control call"));
    CHECK_THAT(fault, !Contains("in the second before") && !Contains("allowed in a second"));
  }
}

TEST_CASE("sockets, new processes and exec are forbidden system calls") {
  TempFolder folder;
  const SandboxLimits limits = test_limits(folder);
  CHECK_THAT(fault_of("act=3,at=11", limits),
             StartsWith("controller attempted a forbidden system call (socket) at t = 0.020 s"));
  // system() starts its process with signals blocked, so the trapped call cannot name itself.
  CHECK_THAT(fault_of("act=4,at=11", limits),
             StartsWith("controller attempted a forbidden system call (made with signals blocked") &&
                 Contains("at t = 0.020 s"));
  CHECK_THAT(fault_of("act=5,at=11", limits),
             StartsWith("controller attempted a forbidden system call (clone: a new process) at t = 0.020 s"));
}

TEST_CASE("a plugin cannot allocate past its memory cap") {
  TempFolder folder;
  CHECK_THAT(fault_of("act=6,at=11", test_limits(folder)),
             StartsWith("controller ran out of memory at t = 0.020 s: an allocation failed under its 256 MiB cap"));
}

TEST_CASE("a plugin writes only inside its scratch directory") {
  TempFolder folder;
  const RobotSpec robot = test::cyberdog2();
  auto sandbox =
      std::make_unique<SandboxController>(test::plugin_path("misbehaving"), robot, "act=7,at=11", test_limits(folder));
  const bool landlock = sandbox->confinement().landlock_abi > 0;
  Match match(World::build(robot, flat_arena()), std::move(sandbox));
  for (int i = 0; i < 20; ++i) match.tick();
  REQUIRE(landlock);
  CHECK_THAT(controller_error(match),
             StartsWith("controller reported an error: writing outside the scratch directory: Permission denied"));
  CHECK_FALSE(std::filesystem::exists("/tmp/simarena-escaped-by-misbehaving.txt"));
}

TEST_CASE("sandboxed NaN commands and exceptions behave as in-process") {
  TempFolder folder;
  const RobotSpec robot = test::cyberdog2();
  auto world = World::build(robot, flat_arena());
  for (const char* params : {"fault=1,at=1", "fault=2,at=100"}) {
    Match in_process(world, load_plugin(test::plugin_path("faulty"), robot, params));
    Match sandboxed(
        world, std::make_unique<SandboxController>(test::plugin_path("faulty"), robot, params, test_limits(folder)));
    for (int i = 0; i < 1500; ++i) {
      in_process.tick();
      sandboxed.tick();
    }
    const auto sandboxed_events = simulated_events(sandboxed), in_process_events = simulated_events(in_process);
    REQUIRE(sandboxed_events.size() == in_process_events.size());
    for (size_t i = 0; i < in_process_events.size(); ++i) {
      CHECK(sandboxed_events[i].type == in_process_events[i].type);
      CHECK(sandboxed_events[i].detail == in_process_events[i].detail);
    }
    CHECK(sandboxed.controller_stats().rejected == in_process.controller_stats().rejected);
    CHECK(same_bits(in_process.data()->qpos, sandboxed.data()->qpos, in_process.model()->nq));
  }
}

TEST_CASE("plugin loading errors through the sandbox read as in-process ones") {
  TempFolder folder;
  const RobotSpec robot = test::cyberdog2();
  const SandboxLimits limits = test_limits(folder);
  auto load = [&](const std::string& path, const std::string& params) {
    SandboxController controller(path, robot, params, limits);
  };
  CHECK_THROWS_WITH(load("/no/such/plugin.so", ""), Contains("/no/such/plugin.so: controller plugin not found"));
  CHECK_THROWS_WITH(load(test::plugin_path("no_entry"), ""),
                    Contains("no_entry.so: not a simarena controller: no exported symbol"));
  CHECK_THROWS_WITH(load(test::plugin_path("wrong_abi"), ""), Contains("plugin ABI version 999"));
  CHECK_THROWS_WITH(load(test::plugin_path("faulty"), "fault=3"),
                    Contains("controller refused to start: faulty: refusing to start as asked"));
  CHECK_THROWS_AS(load(STAND_PLUGIN, "kpp=3"), InputError);
}
