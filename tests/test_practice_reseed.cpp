// The viewer's "Restart with seed": the practice run restarts on the world
// built for another seed of the track's randomized parts.
#include <algorithm>
#include <catch2/catch.hpp>

#include "practice_session.h"
#include "simarena/run/run_session.h"
#include "test_helpers.h"

using namespace simarena;

TEST_CASE("restart with another seed rebuilds the rough ground and keeps the run going") {
  const SearchPaths paths = default_search_paths();
  const TrackWithRules rough = load_track_with_rules("rough", paths);
  auto rebuild = [paths, rough](uint64_t seed) { return build_world("cyberdog2", &rough, seed, paths); };
  gui::PracticeSession session(rebuild(0), rough, STAND_PLUGIN, "");
  session.allow_reseed(rebuild, 0);
  const mjModel* before = session.world().model();  // freed by the reseed: copy what is compared
  const int ground_size = before->nhfielddata;
  const std::vector<float> ground0(before->hfield_data, before->hfield_data + ground_size);
  for (int i = 0; i < 100; ++i) session.tick();

  REQUIRE(session.restart_with_seed("", 7));
  CHECK(session.seed() == 7);
  REQUIRE(session.match() != nullptr);
  CHECK(session.match()->ticks() == 0);
  const mjModel* after = session.world().model();
  REQUIRE(after->nhfielddata == ground_size);  // same structure: renderers copy it in place
  CHECK_FALSE(std::equal(ground0.begin(), ground0.end(), after->hfield_data));
  session.tick();
  CHECK(session.match()->ticks() == 1);

  // Back to seed 0: the published ground again, bit for bit.
  REQUIRE(session.restart_with_seed("", 0));
  CHECK(std::equal(ground0.begin(), ground0.end(), session.world().model()->hfield_data));
}
