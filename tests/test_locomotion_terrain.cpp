// The locomotion controller on the gaps track, refereed as `simarena run
// --track gaps[-assisted] --controller locomotion` runs it. Assisted: the
// height map lets its swing feet land beside the gaps instead of in them
// (start-up shortened to keep the simulated time under half a minute).
// Blind: a foot that steps into a gap feels it sink below its aim and
// re-steps out over the far edge, so the robot gets across.
#include <algorithm>
#include <catch2/catch.hpp>

#include "simarena/track/score.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_mjcf.h"
#include "simarena/track/track_referee.h"
#include "test_helpers.h"

using namespace simarena;

TEST_CASE("locomotion: crosses the assisted gaps track on its height map without a fall") {
  const TrackWithRules gaps = load_track_with_rules("gaps-assisted", default_search_paths());
  auto world = World::build(test::cyberdog2(), track_arena(gaps.track, 0));
  Match match(world, load_plugin(LOCOMOTION_PLUGIN, world->robot(), "stand_time=0.5,settle_time=0.1"));
  TrackReferee referee(gaps.track, gaps.rules);
  referee.start(match);
  constexpr double kSimulatedLimit = 30.0;  // s: past the expected ~16 s, well short of the track's 90 s
  while (!referee.done() && match.time() < kSimulatedLimit) {
    referee.before_tick(match);
    match.tick();
    referee.after_tick(match);
  }
  const std::vector<RefereeEvent>& events = referee.referee().events();
  for (const RefereeEvent& e : events) UNSCOPED_INFO(e.time << " s " << event_name(e.type) << " " << e.detail);
  const Score score = score_run(events, gaps.rules);
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

TEST_CASE("locomotion: crosses the blind gaps track: a foot that steps into a gap climbs out over its far edge") {
  const TrackWithRules gaps = load_track_with_rules("gaps", default_search_paths());
  auto world = World::build(test::cyberdog2(), track_arena(gaps.track, 0));
  Match match(world, load_plugin(LOCOMOTION_PLUGIN, world->robot(), ""));
  TrackReferee referee(gaps.track, gaps.rules);
  referee.start(match);
  constexpr double kSimulatedLimit = 40.0;  // s: past the expected ~27 s, well short of the track's 90 s
  while (!referee.done() && match.time() < kSimulatedLimit) {
    referee.before_tick(match);
    match.tick();
    referee.after_tick(match);
  }
  const std::vector<RefereeEvent>& events = referee.referee().events();
  for (const RefereeEvent& e : events) UNSCOPED_INFO(e.time << " s " << event_name(e.type) << " " << e.detail);
  const Score score = score_run(events, gaps.rules);
  // Blind it steps into gaps (lane exits) and may fall, but it finishes:
  // without the reflex a foot stays caught and the run times out.
  CHECK(score.result == Score::Result::finished);
}
