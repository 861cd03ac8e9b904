// Controller deadlines (docs/rules.md): a control call whose CPU time, as
// simarena measures it, exceeds the control period is a deadline_miss
// match event with its duration, in-process and sandboxed; the rule set's
// penalty applies to it, and a replay re-judges it the same.
#include <catch2/catch.hpp>
#include <filesystem>

#include "simarena/control/sandbox_controller.h"
#include "simarena/match/match.h"
#include "simarena/playback/replay_verify.h"
#include "simarena/replay/replay_reader.h"
#include "simarena/run/run_session.h"
#include "simarena/track/score.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_mjcf.h"
#include "simarena/track/track_referee.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

std::vector<MatchEvent> misses(const Match& match) {
  std::vector<MatchEvent> out;
  for (const MatchEvent& e : match.events())
    if (e.type == MatchEventType::deadline_miss) out.push_back(e);
  return out;
}

SandboxLimits generous_budget() {
  SandboxLimits limits;
  limits.cpu_budget_per_call = 0.05;  // over the control period, under the budget: a miss, not a stop
  return limits;
}

}  // namespace

TEST_CASE("a control call over the control period is a deadline miss, in-process and sandboxed") {
  const RobotSpec robot = test::cyberdog2();
  auto world = World::build(robot, flat_arena());
  // burn:3 burns 3 ms of CPU in calls 11, 21, 31: at t = 0.020, 0.040, 0.060 s.
  Match in_process(world, load_plugin(test::plugin_path("hostile"), robot, "burn:3"));
  Match sandboxed(
      world, std::make_unique<SandboxController>(test::plugin_path("hostile"), robot, "burn:3", generous_budget()));
  for (int i = 0; i < 40; ++i) {
    const TickReport here = in_process.tick();
    const TickReport there = sandboxed.tick();
    // The tick that missed says so itself: its one new event is the typed miss.
    for (const auto& [match, report] : {std::pair{&in_process, here}, std::pair{&sandboxed, there}})
      if (i == 10) {
        REQUIRE(report.new_events == 1);
        CHECK(match->events().back().type == MatchEventType::deadline_miss);
        CHECK(report.call == TickReport::Call::sent);
      }
  }
  for (const Match* match : {&in_process, &sandboxed}) {
    const auto found = misses(*match);
    REQUIRE(found.size() == 3);
    CHECK(found[0].time == Approx(0.020));
    CHECK(found[2].time == Approx(0.060));
    CHECK_THAT(found[0].detail,
               StartsWith("control call took 3.") && Contains("ms of CPU time, over the 2.000 ms control period"));
    CHECK(found[0].cpu_us >= 3000);
    CHECK_FALSE(match->controller_stopped());
  }
  SECTION("a controller within its period misses nothing") {
    Match quick(world, std::make_unique<SandboxController>(STAND_PLUGIN, robot, "", SandboxLimits{}));
    for (int i = 0; i < 500; ++i) quick.tick();
    CHECK(misses(quick).empty());
  }
}

TEST_CASE("the rule set's deadline_miss penalty applies to a real run") {
  TrackWithRules course = load_track_with_rules("sprint", default_search_paths());
  course.track.time_limit = 3;
  course.track.start.x = -0.02;  // a push carries the limp robot over the start line
  auto world = World::build(test::cyberdog2(), track_arena(course.track, 0));
  const auto shared_course = std::make_shared<const TrackWithRules>(course);
  const auto run = [&](const std::string& params, size_t& miss_events) {
    // The producer (the match's CPU clock) to the referee through the run's typed events.
    Run one(world, shared_course, load_plugin(test::plugin_path("hostile"), world->robot(), params));
    one.match().apply_push({150, 0, 0}, 0.2);
    while (!one.judged_over()) one.tick();
    miss_events = misses(one.match()).size();
    return one.referee()->referee().events();
  };
  size_t none = 0, some = 0;
  const auto clean = run("burn:0", none);
  const auto late = run("burn:3", some);
  const Score clean_score = score_run(clean, course.rules);
  const Score late_score = score_run(late, course.rules);
  REQUIRE(late_score.started);
  CHECK(none == 0);
  const auto counted = std::count_if(late.begin(), late.end(),
                                     [](const RefereeEvent& e) { return e.type == RefereeEventType::deadline_miss; });
  CHECK(counted > 100);
  CHECK(static_cast<size_t>(counted) <= some);  // those before the start line do not count
  CHECK(course.rules.deadline_miss.seconds == Approx(0.1));
  CHECK(late_score.penalty_seconds - clean_score.penalty_seconds ==
        Approx(static_cast<double>(counted) * course.rules.deadline_miss.seconds));
}

TEST_CASE("a run with deadline misses verifies from its replay") {
  test::TempFolder folder;
  SearchPaths paths = default_search_paths();
  RunRequest request;
  request.controller = test::plugin_path("hostile");
  request.params = "burn:3";
  request.duration = 1.0;
  request.replay = folder.path / "late.replay";
  run_match(request, paths, {});
  const Replay replay = read_replay(request.replay);
  size_t recorded = 0;
  for (const MatchEvent& e : replay.events)
    if (e.type == MatchEventType::deadline_miss) {
      ++recorded;
      CHECK(e.cpu_us >= 3000);  // the typed payload, read back from the record
    }
  CHECK(recorded == 49);  // calls 11, 21, ..., 491 of 500
  const VerifyOutcome out = verify_replay(replay, paths);
  INFO(out.message);
  CHECK(out.status == VerifyOutcome::Status::verified);
}
