// The trot reference controller as a user runs it: start-up, stand, then
// walk on flat ground, blind, holding its lane.
#include <catch2/catch.hpp>
#include <cmath>

#include "simarena/match/match.h"
#include "simarena/run/run_report.h"
#include "test_helpers.h"

using namespace simarena;

namespace {

struct TrunkSample {
  double time, x, y, z, tilt;
};

TrunkSample sample(const Match& m) {
  const double* p = m.data()->xpos + 3 * m.world().base_body();
  return {m.time(), p[0], p[1], p[2], body_tilt(m)};
}

bool fallen(const TrunkSample& s) { return s.z < 0.15 || s.tilt > 0.5; }

}  // namespace

TEST_CASE("trot: stands up the robot's way, then walks 3 m on flat ground without falling") {
  const RobotSpec robot = test::cyberdog2();
  Match match(World::build(robot, flat_arena()), load_plugin(TROT_PLUGIN, robot, ""));
  auto run_until = [&](double t, bool& fell) {
    while (match.time() < t - 1e-9) {
      match.tick();
      if (match.time() > 4.0 && fallen(sample(match))) fell = true;
    }
  };
  bool fell = false;
  run_until(4.0, fell);  // start-up take-over (2.5 s), then the stand-up
  CHECK(match.err_flag() == 0);
  CHECK(sample(match).z == Approx(0.23).margin(0.02));
  CHECK(std::abs(sample(match).x) < 0.15);  // standing, not yet walking

  run_until(5.5, fell);  // accelerating
  const TrunkSample cruise_start = sample(match);
  run_until(11.5, fell);
  const TrunkSample end = sample(match);
  REQUIRE_FALSE(fell);
  CHECK(end.x > 3.0);
  const double speed = (end.x - cruise_start.x) / (end.time - cruise_start.time);
  INFO("average forward speed " << speed << " m/s");
  CHECK(speed >= 0.5);            // the default command is 0.55 m/s
  CHECK(std::abs(end.y) < 0.15);  // held its lane
  CHECK(end.tilt < 0.1);          // level trunk
  CHECK(match.controller_stats().sent == match.ticks());
  CHECK_FALSE(match.controller_stopped());
}

TEST_CASE("trot: rejects an unknown parameter with the list of known ones") {
  const RobotSpec robot = test::cyberdog2();
  CHECK_THROWS_WITH(load_plugin(TROT_PLUGIN, robot, "sped=0.5"),
                    Catch::Contains("unknown parameter 'sped'") && Catch::Contains("step_height"));
}
