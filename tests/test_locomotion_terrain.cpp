// The locomotion controller on the gaps track, refereed as `simarena run
// --track gaps[-assisted] --controller locomotion` runs it. Assisted: the
// height map lets its swing feet land beside the gaps instead of in them
// (start-up shortened to keep the simulated time under half a minute).
// Blind: a foot that steps into a gap feels it sink below its aim and
// re-steps out over the far edge, so the robot gets across. And the stairs
// track in the stair trot, whose crouch lets a foot reach the step below,
// and the blind obstacle course at its reference point.
#include <algorithm>
#include <catch2/catch.hpp>

#include "simarena/track/score.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_mjcf.h"
#include "simarena/track/track_referee.h"
#include "test_helpers.h"

using namespace simarena;

namespace {

// The locomotion plugin on `track`, refereed, for at most `limit` s of
// simulated time; its events (logged on failure) and score.
struct RefereedRun {
  std::vector<RefereeEvent> events;
  Score score;
};

RefereedRun run_locomotion(const std::string& track, const std::string& params, double limit) {
  const TrackWithRules loaded = load_track_with_rules(track, default_search_paths());
  auto world = World::build(test::cyberdog2(), track_arena(loaded.track, 0));
  Match match(world, load_plugin(LOCOMOTION_PLUGIN, world->robot(), params));
  TrackReferee referee(loaded.track, loaded.rules);
  referee.start(match);
  while (!referee.done() && match.time() < limit) {
    referee.before_tick(match);
    match.tick();
    referee.after_tick(match);
  }
  RefereedRun run{referee.referee().events(), {}};
  for (const RefereeEvent& e : run.events) UNSCOPED_INFO(e.time << " s " << event_name(e.type) << " " << e.detail);
  run.score = score_run(run.events, loaded.rules);
  return run;
}

}  // namespace

TEST_CASE("locomotion: crosses the assisted gaps track on its height map without a fall") {
  // 30 s: past the expected ~16 s, well short of the track's 90 s.
  const RefereedRun run = run_locomotion("gaps-assisted", "stand_time=0.5,settle_time=0.1", 30.0);
  const std::vector<RefereeEvent>& events = run.events;
  const Score& score = run.score;
  CHECK(score.result == Score::Result::finished);
  CHECK(std::none_of(events.begin(), events.end(),
                     [](const RefereeEvent& e) { return e.type == RefereeEventType::fall; }));
  // No gap stepped into, no lane left: the only penalty a run may pay here is
  // a late answer, which a loaded test machine can cause.
  for (const PenaltyItem& p : score.penalties) {
    INFO(event_name(p.type) << " " << p.detail);
    CHECK(p.type == RefereeEventType::deadline_miss);
  }
}

TEST_CASE("locomotion: crosses the blind gaps track: a foot that steps into a gap climbs out, no fall at 0.65 m/s") {
  // The reference run (scripts/reference-results runs gaps at 0.65 m/s): a
  // foot still steps into gaps (pit touches) and climbs out over the far
  // edge (without that reflex it stays caught and the run times out), but
  // the two feet of one end never drop into the same gap, which is how the
  // 0.9 m/s run falls (locomotion README, "Blind gaps and stones").
  // Chaotic: a walker change that moves a footfall can break this; then
  // choose the track's speed again.
  // 30 s: past the expected ~21.5 s, well short of the track's 90 s.
  const RefereedRun run = run_locomotion("gaps", "vx=0.65", 30.0);
  CHECK(run.score.result == Score::Result::finished);
  CHECK(std::none_of(run.events.begin(), run.events.end(),
                     [](const RefereeEvent& e) { return e.type == RefereeEventType::fall; }));
}

TEST_CASE("locomotion: the stair trot goes down 8 cm steps blind without a fall") {
  // At the standing height a front foot stepping off the top of the 8 cm
  // flight hangs about 6 cm below its aim, short of the step, and the robot
  // rolls over; the stair trot's crouch (0.20 m) lets it reach the step.
  // 35 s: past the expected ~28 s (start-up included), short of the 150 s limit.
  const RefereedRun run = run_locomotion("stairs", "gait=50,vx=0.6,step_height=0.08", 35.0);
  CHECK(run.score.result == Score::Result::finished);
  CHECK(std::none_of(run.events.begin(), run.events.end(),
                     [](const RefereeEvent& e) { return e.type == RefereeEventType::fall; }));
}

TEST_CASE("locomotion: the blind obstacle course's reference run finishes without a fall") {
  // scripts/reference-results' parameters for the track (the stair trot at
  // 0.58 m/s, 0.22 m): blind over hurdles, stairs up, two gaps, stairs down,
  // rough ground and a ramp. Chaotic, as the gaps run above: a point of a
  // grid whose neighbours fall (locomotion README, "The blind obstacle
  // course"); a walker change that moves a footfall can break this, and
  // then the point must be chosen again, with the reference table.
  // 45 s: past the expected ~38 s (start-up included), short of the 240 s limit.
  const RefereedRun run = run_locomotion("obstacle-course", "gait=50,vx=0.58,body_height=0.22", 45.0);
  CHECK(run.score.result == Score::Result::finished);
  CHECK(std::none_of(run.events.begin(), run.events.end(),
                     [](const RefereeEvent& e) { return e.type == RefereeEventType::fall; }));
}
