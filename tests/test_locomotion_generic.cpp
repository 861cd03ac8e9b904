// The locomotion controller on a second quadruped, pupdog (tests/robots/pupdog:
// smaller legs, 3.2 kg, 6 N·m motors), added by files alone: the same plugin
// reads its legs, masses and limits from the host's robot model and trots.
#include <catch2/catch.hpp>
#include <cmath>

#include "simarena/match/match.h"
#include "simarena/run/run_report.h"
#include "test_helpers.h"

using namespace simarena;

TEST_CASE("locomotion: a second, smaller quadruped added by files alone trots 5 m") {
  const RobotSpec robot = load_robot_spec(test::source_path("tests/robots/pupdog/robot.yaml"));
  Match match(World::build(robot, flat_arena()),
              load_plugin(LOCOMOTION_PLUGIN, robot, "vx=0.8,stand_time=0.5,settle_time=0.1,accel=2"));
  const int body = match.world().base_body();
  const auto x = [&] { return match.data()->xpos[3 * body]; };
  const auto height = [&] { return match.data()->xpos[3 * body + 2]; };
  constexpr double kWalkingFrom = 3.1;  // s: 2.5 s take-over + 0.6 s stand-up
  constexpr double kLimit = 12.0;       // s of simulated time
  double lowest = 1.0, most_tilt = 0.0, widest = 0.0;
  while (x() < 5.0 && match.time() < kLimit) {
    match.tick();
    if (match.time() < kWalkingFrom) continue;
    lowest = std::min(lowest, height());
    most_tilt = std::max(most_tilt, body_tilt(match));
    widest = std::max(widest, std::abs(match.data()->xpos[3 * body + 1]));
  }
  INFO("reached x = " << x() << " m at t = " << match.time() << " s; lowest trunk " << lowest << " m, most tilt "
                      << most_tilt << " rad, farthest from the lane " << widest << " m");
  CHECK(x() >= 5.0);     // trotted 5 m within the limit
  CHECK(lowest > 0.11);  // upright at its own height (standing 0.165 m), no fall
  CHECK(most_tilt < 0.3);
  CHECK(widest < 0.3);
  CHECK(match.controller_stats().rejected == 0);
  CHECK(match.err_flag() == 0);
}
