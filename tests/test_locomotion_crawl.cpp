// The probe crawl (locomotion gait 60): its foot probe on a simulated leg
// that follows its target until ground stops it, and the whole crawl walking
// on flat ground, refereed as `simarena run --track sprint` runs it.
#include <algorithm>
#include <catch2/catch.hpp>

#include "foot_probe.h"
#include "locomotion_command.h"
#include "locomotion_params.h"
#include "simarena/track/score.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_mjcf.h"
#include "simarena/track/track_referee.h"
#include "test_helpers.h"

using namespace locomotion;

namespace {

constexpr double kDt = 0.002;

// A foot that follows its target (PD tracking, a period late) and cannot go
// below the ground under it: `ground_at(x)` gives the ground height there,
// or none (a gap) as -infinity.
template <class Ground>
struct SimulatedFoot {
  Ground ground_at;
  Eigen::Vector3d position;

  void follow(const Eigen::Vector3d& target) {
    position = target;
    position.z() = std::max(position.z(), ground_at(position.x()));
  }
};

// Runs the probe until it lands or `seconds` pass; the hip stays at x = 0.
template <class Ground>
void run_probe(FootProbe& probe, SimulatedFoot<Ground>& foot, double seconds) {
  for (double t = 0.0; t < seconds && probe.stage() != FootProbe::Stage::kLanded; t += kDt)
    foot.follow(probe.update(foot.position, 0.0, false, kDt));
}

}  // namespace

TEST_CASE("probe crawl: a foot lowering onto ground lands on it, not below") {
  // Level ground 2 cm below where the foot stood (a small step down).
  auto ground = [](double) { return -0.02; };
  SimulatedFoot<decltype(ground)> foot{ground, Eigen::Vector3d(-0.05, 0.0, 0.0)};
  FootProbe probe;
  probe.begin(foot.position, Eigen::Vector2d(0.12, 0.0), 0.0);
  run_probe(probe, foot, 2.0);
  REQUIRE(probe.stage() == FootProbe::Stage::kLanded);
  CHECK(probe.gaps_felt() == 0);
  CHECK(probe.landed_ground() == Approx(-0.02).margin(0.005));
  CHECK(foot.position.x() == Approx(0.12).margin(1e-9));
}

TEST_CASE("probe crawl: a foot over a gap lifts and probes again farther on instead of stepping down") {
  // Ground at 0 except a gap from 0.05 to 0.14 m: the first aim (0.12)
  // finds nothing within the probe depth, the next (0.15) finds the far
  // side; having felt a gap it checks 3 cm farther on before it lands.
  const ProbeParams params;
  auto ground = [](double x) { return x > 0.05 && x < 0.14 ? -1e9 : 0.0; };
  SimulatedFoot<decltype(ground)> foot{ground, Eigen::Vector3d(-0.05, 0.0, 0.0)};
  FootProbe probe(params);
  probe.begin(foot.position, Eigen::Vector2d(0.12, 0.0), 0.0);
  double lowest_over_gap = 0.0;
  for (double t = 0.0; t < 3.0 && probe.stage() != FootProbe::Stage::kLanded; t += kDt) {
    foot.follow(probe.update(foot.position, 0.0, false, kDt));
    if (foot.position.x() > 0.05 && foot.position.x() < 0.14)
      lowest_over_gap = std::min(lowest_over_gap, foot.position.z());
  }
  REQUIRE(probe.stage() == FootProbe::Stage::kLanded);
  CHECK(probe.gaps_felt() == 1);
  // It went no deeper into the gap than the probe depth (and its lag).
  CHECK(lowest_over_gap >= -params.probe_depth - 0.01);
  CHECK(lowest_over_gap < -0.5 * params.probe_depth);
  CHECK(foot.position.x() == Approx(0.12 + params.retry_step + params.edge_margin).margin(1e-9));
  CHECK(probe.landed_ground() == Approx(0.0).margin(0.005));
}

TEST_CASE("probe crawl: a foot with ground nowhere ahead goes back short of its aim, then where it stood") {
  // Ground only behind x = 0.02: every aim ahead fails, the one short of
  // the first (0.12 - 0.03, 0.12 - 0.06) are still over the gap, then it
  // steps back where it lifted off.
  const ProbeParams params;
  auto ground = [](double x) { return x < 0.02 ? 0.0 : -1e9; };
  SimulatedFoot<decltype(ground)> foot{ground, Eigen::Vector3d(-0.05, 0.0, 0.0)};
  FootProbe probe(params);
  probe.begin(foot.position, Eigen::Vector2d(0.12, 0.0), 0.0);
  run_probe(probe, foot, 10.0);
  REQUIRE(probe.stage() == FootProbe::Stage::kLanded);
  CHECK(probe.gaps_felt() == 4);
  // Where it stood, and (ground after a gap may be its edge) 3 cm farther from the gap.
  CHECK(foot.position.x() == Approx(-0.05 - params.edge_margin).margin(1e-9));
}

TEST_CASE("probe crawl: gait 60 is a forward-only gait with its own parameters") {
  const LocomotionParams p = parse_locomotion_params("gait=60,probe_depth=0.05,crawl_step=0.1");
  CHECK(p.command.gait == GaitId::kProbeCrawl);
  CHECK(name_of(GaitId::kProbeCrawl) == "probe crawl");
  CHECK(p.crawl.probe.probe_depth == 0.05);
  CHECK(p.crawl.step == 0.1);
  // Crouched like the stair trot, so a foot reaches below its aim.
  CHECK(p.command.body_height == Approx(BodyHeights{}.stairs()));
  const LocomotionCommand limited_command = limited(p.command);
  CHECK(limited_command.forward_speed == limits_of(GaitId::kProbeCrawl).max_forward);
  CHECK(limits_of(GaitId::kProbeCrawl).max_backward == 0.0);
  CHECK_THROWS_AS(parse_locomotion_params("gait=60,probe_depth=0.5"), std::invalid_argument);
}

TEST_CASE("probe crawl: walks on flat ground, one foot at a time, without a fall and in its lane") {
  using namespace simarena;
  const TrackWithRules loaded = load_track_with_rules("sprint", default_search_paths());
  auto world = World::build(test::cyberdog2(), track_arena(loaded.track, 0));
  Match match(world, load_plugin(LOCOMOTION_PLUGIN, world->robot(), "gait=60,stand_time=0.5,settle_time=0.1"));
  TrackReferee referee(loaded.track, loaded.rules);
  referee.start(match);
  // 20 s: 2.5 s of motor start-up, 0.6 s to stand, the rest crawling.
  while (!referee.done() && match.time() < 20.0) {
    referee.before_tick(match);
    match.tick();
    referee.after_tick(match);
  }
  const auto& events = referee.referee().events();
  for (const RefereeEvent& e : events) UNSCOPED_INFO(e.time << " s " << event_name(e.type) << " " << e.detail);
  CHECK(std::none_of(events.begin(), events.end(), [](const RefereeEvent& e) {
    return e.type == RefereeEventType::fall || e.type == RefereeEventType::lane_exit;
  }));
  const double* trunk = match.data()->xpos + 3 * match.world().base_body();
  // About 0.11 m/s on flat ground: from -0.5 m, past 1.3 m in ~17 s of crawling.
  CHECK(trunk[0] > 1.3);
  CHECK(std::abs(trunk[1]) < 0.1);
}
