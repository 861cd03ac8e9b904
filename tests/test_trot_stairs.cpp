// The trot reference controller on the official stairs track, refereed as
// `simarena run --track stairs --controller trot` runs it: blind, with its
// default parameters, up 4, 6 and 8 cm steps and down again.
#include <algorithm>
#include <catch2/catch.hpp>

#include "simarena/track/score.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_mjcf.h"
#include "simarena/track/track_referee.h"
#include "test_helpers.h"

using namespace simarena;

TEST_CASE("trot: climbs and descends the stairs track with its defaults, without a fall") {
  const TrackWithRules stairs = load_track_with_rules("stairs", default_search_paths());
  auto world = World::build(test::cyberdog2(), track_arena(stairs.track, 0));
  Match match(world, load_plugin(TROT_PLUGIN, world->robot(), ""));
  TrackReferee referee(stairs.track, stairs.rules);
  referee.start(match);
  while (!referee.done()) {
    referee.before_tick(match);
    match.tick();
    referee.after_tick(match);
  }
  const std::vector<RefereeEvent>& events = referee.referee().events();
  for (const RefereeEvent& e : events) UNSCOPED_INFO(e.time << " s " << event_name(e.type) << " " << e.detail);
  const Score score = score_run(events, stairs.rules);
  CHECK(score.result == Score::Result::finished);
  CHECK(std::none_of(events.begin(), events.end(),
                     [](const RefereeEvent& e) { return e.type == RefereeEventType::fall; }));
  CHECK(score.penalty_seconds == 0);
  CHECK(score.course_time < 60);  // well inside the 150 s limit
}
