// The robot's high-level API from the simulator's side: a plugin that asks
// for simarena.high_level drives the robot through the robot's motion
// controller, in-process and sandboxed alike, with replays that verify
// without it; rule sets can refuse it.
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>

#include "simarena/base/input_error.h"
#include "simarena/control/high_level_controller.h"
#include "simarena/playback/replay_verify.h"
#include "simarena/replay/replay_reader.h"
#include "simarena/run/run_session.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;

namespace {

RunResult run_contest_walk(const std::filesystem::path& replay, bool sandboxed) {
  RunRequest request;
  request.controller = CONTEST_WALK_PLUGIN;
  request.params = "gait=3 vx=0.8";
  request.duration = 6.0;
  request.replay = replay;
  if (sandboxed) request.sandbox = SandboxLimits{};
  return test::run_match_untimed(request);
}

bool has_event(const std::vector<MatchEvent>& events, MatchEventType type) {
  for (const MatchEvent& e : events)
    if (e.type == type) return true;
  return false;
}

}  // namespace

TEST_CASE("high-level API: a plugin walks the robot through its motion controller, sandboxed or not, same replay",
          "[high_level]") {
  const test::TempFolder folder;
  const RunResult in_process = run_contest_walk(folder.path / "in_process.replay", false);
  const RunResult sandboxed = run_contest_walk(folder.path / "sandboxed.replay", true);

  CHECK(in_process.interface == CommandLevel::high_level);
  CHECK(in_process.report["interface"] == "high_level");
  // Stood up and trotted forward, upright, without a fault.
  CHECK(in_process.final.upright);
  CHECK(in_process.final.base_position_m[0] > 2.0);
  CHECK(std::abs(in_process.final.base_position_m[1]) < 0.3);
  CHECK_FALSE(has_event(in_process.events, MatchEventType::controller_error));
  // The motion controller drives the motors: no motor-SDK take-over or err bits.
  CHECK_FALSE(in_process.final.through_motor_sdk);
  CHECK(in_process.final.err_flag == 0);
  CHECK_FALSE(has_event(in_process.events, MatchEventType::takeover_damping));
  CHECK_FALSE(has_event(in_process.events, MatchEventType::err_bit_set));

  CHECK(test::first_difference(in_process.replay, sandboxed.replay) == "");
  const VerifyOutcome verified = verify_replay(read_replay(in_process.replay), default_search_paths());
  CHECK(verified.status == VerifyOutcome::Status::verified);
}

TEST_CASE("high-level API: a rule set allowing only joint commands refuses a high-level plugin, naming its file",
          "[high_level]") {
  RunRequest request;
  request.controller = CONTEST_WALK_PLUGIN;
  request.track = test::source_path("tests/fixtures/high_level/sprint-motor-only.yaml");
  request.duration = 1.0;
  try {
    run_match(request, default_search_paths());
    FAIL("the run started");
  } catch (const InputError& e) {
    const std::string message = e.what();
    CHECK_THAT(message, Contains("motor-only.yaml"));
    CHECK_THAT(message, Contains("does not allow"));
    CHECK_THAT(message, Contains("high-level locomotion API"));
  }
  // The same event runs a joint-level controller.
  request.controller = STAND_PLUGIN;
  CHECK_NOTHROW(run_match(request, default_search_paths()));

  const RuleSet rules = load_rules(test::source_path("tests/fixtures/high_level/motor-only.yaml"));
  CHECK(rules.interfaces.motor);
  CHECK_FALSE(rules.interfaces.high_level);
  CHECK_NOTHROW(check_interface_allowed(CommandLevel::motor, rules));
}
