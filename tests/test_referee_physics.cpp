// Referee scenarios on the compiled official tracks: the body is placed or
// driven along a path by setting its free joint each tick (no walking
// controller), and the probe's contacts and bar displacements feed the
// referee as in a real run.
#include <catch2/catch.hpp>

#include "simarena/track/score.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_mjcf.h"
#include "simarena/track/track_probe.h"
#include "simarena/track/track_referee.h"
#include "test_helpers.h"

using namespace simarena;
using T = RefereeEventType;

namespace {

struct Course {
  TrackWithRules setup;
  std::shared_ptr<const World> world;
  DataPtr data;

  Course(const std::string& track, const std::string& rules = "")
      : setup(load_track_with_rules(track, default_search_paths())) {
    if (!rules.empty()) setup.rules = load_rules(test::source_path("arenas/rules/" + rules + ".yaml"));
    world = World::build(test::cyberdog2(), track_arena(setup.track, 0));
    data.reset(mj_makeData(world->model()));
    world->reset(data.get());
  }

  // The robot in its lying start pose with its base at (x, y, z), state recomputed.
  Observation place(double x, double y, double z) {
    double* base = data->qpos + world->base_qpos_adr();
    base[0] = x;
    base[1] = y;
    base[2] = z;
    mj_forward(world->model(), data.get());
    TrackProbe probe(*world, setup.rules, setup.track.hurdle_bar_count());
    return probe.observe(world->model(), data.get(), 0, {});
  }
};

}  // namespace

TEST_CASE("probe: the lying start pose is no fall under standard rules, a thigh contact under strict") {
  Course standard("sprint");
  // Settled on the floor: feet and knees (thigh ends) 2-3 mm into it, the trunk clear.
  CHECK(standard.place(-0.5, 0, 0.097).fall_contact.empty());
  Course strict("sprint", "strict");
  CHECK_THAT(strict.place(-0.5, 0, 0.097).fall_contact, Catch::Matchers::Contains("thigh"));
  // Which is why nothing counts before the start line: see docs/rules.md.
}

TEST_CASE("probe: trunk on the ground, a foot in a pit, a leg on a wall") {
  Course sprint("sprint");
  CHECK(sprint.place(1, 0, 0.05).fall_contact == "trunk");
  Course beam("beam");
  const Observation in_pit = beam.place(4.1, 0.35, 0.0995);  // beside the beam, feet on the pit floor
  CHECK(in_pit.pit_contact);
  CHECK(in_pit.fall_contact.empty());
  CHECK_FALSE(beam.place(0.5, 0, 0.0995).pit_contact);  // on the floor before the ramp
  Course walls("obstacle-course");
  CHECK(walls.place(1, 0.5, 0.0995).wall_contact);
  CHECK_FALSE(walls.place(1, 0, 0.0995).wall_contact);
  CHECK_THROWS_WITH(TrackProbe(
                        *sprint.world,
                        [] {
                          RuleSet r = load_rules(test::source_path("arenas/rules/standard.yaml"));
                          r.fall.contact_bodies = {"tail"};
                          return r;
                        }(),
                        0),
                    Catch::Matchers::Contains("fall.contact 'tail' matches no body of robot 'cyberdog2'"));
}

TEST_CASE("driven through a hurdle: start, then that bar (and only it) knocked") {
  Course c("hurdles");
  const mjModel* m = c.world->model();
  Referee referee(c.setup.track, c.setup.rules);
  TrackProbe probe(*c.world, c.setup.rules, c.setup.track.hurdle_bar_count());
  double* base = c.data->qpos + c.world->base_qpos_adr();
  double* base_velocity = c.data->qvel + c.world->base_dof_adr();
  const std::vector<double> folded(c.data->qpos, c.data->qpos + m->nq);  // the lying start pose
  referee.observe(probe.observe(m, c.data.get(), 0, {}));
  const double speed = 0.5, dt = 0.002;
  for (int tick = 1; tick <= 6000 && !referee.over(); ++tick) {
    const double t = tick * dt;
    // Low enough that the folded legs sweep the first bar (top at 5 cm); the trunk stays clear of the floor.
    // The whole robot is set each tick: base on the path, legs folded, moving at `speed` in x.
    for (const JointBinding& j : c.world->joints()) {
      c.data->qpos[j.qpos_adr] = folded[j.qpos_adr];
      c.data->qvel[j.dof_adr] = 0;
    }
    std::copy(folded.begin() + c.world->base_qpos_adr(), folded.begin() + c.world->base_qpos_adr() + 7, base);
    base[0] = -0.5 + speed * t;
    base[2] = 0.11;
    for (int i = 0; i < 6; ++i) base_velocity[i] = i == 0 ? speed : 0;
    mj_step(m, c.data.get());
    mj_step(m, c.data.get());
    if (base[0] > 2.6) break;
    referee.observe(probe.observe(m, c.data.get(), t, {}));
  }
  auto count = [&](T type) {
    return std::count_if(referee.events().begin(), referee.events().end(),
                         [&](const RefereeEvent& e) { return e.type == type; });
  };
  REQUIRE(count(T::start) == 1);
  CHECK(referee.events()[0].time == Approx(1.0).margin(0.003));
  for (const RefereeEvent& e : referee.events()) UNSCOPED_INFO(e.time << " " << event_name(e.type) << " " << e.detail);
  REQUIRE(count(T::obstacle_knocked) == 1);
  const auto knocked = std::find_if(referee.events().begin(), referee.events().end(),
                                    [](const RefereeEvent& e) { return e.type == T::obstacle_knocked; });
  CHECK(knocked->index == 0);
  CHECK(knocked->progress > 1.5);  // at the first bar, x = 2.1, not before
  CHECK(count(T::fall) == 0);
  CHECK(score_run(referee.events(), c.setup.rules).penalty_seconds == Approx(3));
}

TEST_CASE("a refereed match: the stand controller never crosses the start line") {
  Course c("sprint");
  Track short_sprint = c.setup.track;
  short_sprint.time_limit = 6;
  auto world = World::build(test::cyberdog2(), track_arena(short_sprint, 0));
  Match match(world, load_plugin(STAND_PLUGIN, world->robot(), ""));
  TrackReferee referee(short_sprint, c.setup.rules);
  referee.start(match);
  while (!referee.done()) {
    referee.before_tick(match);
    match.tick();
    referee.after_tick(match);
  }
  CHECK(match.time() == Approx(6));
  REQUIRE(referee.referee().events().size() == 1);
  const Score score = score_run(referee.referee().events(), c.setup.rules);
  CHECK(score.result == Score::Result::timeout);
  CHECK_FALSE(score.started);
  CHECK(score.progress == 0);
}

TEST_CASE("course information reaches a C++ SDK controller, plugins without the entry are fine") {
  const RobotSpec robot = test::cyberdog2();
  auto echo = load_plugin(test::plugin_path("course_echo"), robot, "");
  SimarenaCourseInfo info{};
  info.struct_size = sizeof(info);
  info.available = 1;
  info.next_gate_index = 2;
  info.gate_count = 8;
  info.next_gate_body[0] = 1.5f;
  info.next_gate_body[1] = -0.25f;
  info.next_gate_heading = 0.3f;
  info.next_gate_width = 0.8f;
  echo->set_course_info(info);
  SimarenaRobotData data{};
  SimarenaMotorCmd cmd{};
  REQUIRE(echo->step(false, data, cmd).kind == StepOutcome::Kind::sent);
  CHECK(cmd.tau_des[0] == 1);
  CHECK(cmd.tau_des[1] == 2);
  CHECK(cmd.tau_des[2] == 8);
  CHECK(cmd.tau_des[3] == 1.5f);
  CHECK(cmd.tau_des[4] == -0.25f);
  CHECK(cmd.tau_des[5] == 0.3f);
  CHECK(cmd.tau_des[6] == 0.8f);

  auto c_plugin = load_plugin(test::plugin_path("scripted"), robot, "");  // no set_course_info entry
  c_plugin->set_course_info(info);
  CHECK(c_plugin->step(true, data, cmd).kind == StepOutcome::Kind::sent);
}
