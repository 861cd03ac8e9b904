// Match::apply_push, the viewer's "push the body": a world-frame force on
// the trunk for whole ticks, logged, and the same push gives the same run.
#include <catch2/catch.hpp>
#include <cmath>

#include "simarena/match/match.h"
#include "test_helpers.h"

using namespace simarena;

namespace {

std::unique_ptr<Match> standing_match() {
  const RobotSpec robot = test::cyberdog2();
  auto match = std::make_unique<Match>(World::build(robot, flat_arena()), load_plugin(STAND_PLUGIN, robot, ""));
  for (int i = 0; i < 2500; ++i) match->tick();  // 5 s: standing
  return match;
}

void run_ticks(Match& match, int ticks) {
  for (int i = 0; i < ticks; ++i) match.tick();
}

double trunk_y(const Match& m) { return m.data()->qpos[m.world().base_qpos_adr() + 1]; }

}  // namespace

TEST_CASE("a push moves the trunk the way it points, for whole ticks, and is logged") {
  auto quiet = standing_match();
  auto pushed = standing_match();
  REQUIRE(trunk_y(*quiet) == trunk_y(*pushed));

  pushed->apply_push({0.0, 60.0, 0.0}, 0.0101);  // rounds up to 6 ticks of 2 ms
  const MatchEvent& logged = pushed->events().back();
  CHECK(logged.type == MatchEventType::push);
  CHECK(logged.time == Approx(5.0));
  CHECK(logged.detail == "trunk pushed with (0, 60, 0) N for 0.012 s");

  run_ticks(*pushed, 6);
  run_ticks(*quiet, 6);
  const int trunk = pushed->world().base_body();
  CHECK(pushed->data()->xfrc_applied[6 * trunk + 1] == 60.0);  // still on during the 6th tick
  CHECK(pushed->data()->qvel[pushed->world().base_dof_adr() + 1] > 0.05);

  run_ticks(*pushed, 1);
  CHECK(pushed->data()->xfrc_applied[6 * trunk + 1] == 0.0);  // off from the 7th
  pushed->apply_push({0.0, 100.0, 0.0}, 0.1);                 // a real shove: 10 N s on an 8.9 kg robot
  run_ticks(*pushed, 200);
  run_ticks(*quiet, 201);
  CHECK(trunk_y(*pushed) - trunk_y(*quiet) > 0.005);  // moved left (+y), the way it was pushed
}

TEST_CASE("the same push at the same tick gives the same run, bit for bit") {
  auto a = standing_match();
  auto b = standing_match();
  for (Match* m : {a.get(), b.get()}) {
    m->apply_push({-40.0, 25.0, 0.0}, 0.2);
    run_ticks(*m, 400);
  }
  const int nq = a->model()->nq;
  for (int i = 0; i < nq; ++i) CHECK(a->data()->qpos[i] == b->data()->qpos[i]);
}
