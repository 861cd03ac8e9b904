// Whole runs: the loop, RobotData as the robot fills it, gain extremes, and
// a second robot defined by files alone.
#include <catch2/catch.hpp>
#include <cmath>

#include "simarena/match/match.h"
#include "simarena/run/run_report.h"
#include "test_helpers.h"

using namespace simarena;

namespace {

std::unique_ptr<Match> make_match(const RobotSpec& robot, const std::string& plugin, const std::string& params) {
  auto world = World::build(robot, flat_arena());
  return std::make_unique<Match>(world, load_plugin(plugin, robot, params));
}

void run_for(Match& match, double seconds) {
  const auto ticks = std::llround(seconds / match.world().robot().control_period);
  for (long long i = 0; i < ticks; ++i) match.tick();
}

double trunk_height(const Match& m) { return m.data()->xpos[3 * m.world().base_body() + 2]; }

bool all_finite(const Match& m) {
  for (int i = 0; i < m.model()->nq; ++i)
    if (!std::isfinite(m.data()->qpos[i])) return false;
  for (int i = 0; i < m.model()->nv; ++i)
    if (!std::isfinite(m.data()->qvel[i])) return false;
  return true;
}

}  // namespace

TEST_CASE("stand: zero frames through the start-up, then rises and holds") {
  auto match = make_match(test::cyberdog2(), STAND_PLUGIN, "");
  run_for(*match, 1.0);
  CHECK(match->err_flag() & SIMARENA_ERR_CMD_LOST_500MS);  // still in the start-up take-over
  CHECK(trunk_height(*match) < 0.12);                      // lying
  run_for(*match, 4.0);
  CHECK(match->err_flag() == 0);
  CHECK(trunk_height(*match) == Approx(0.23).margin(0.02));
  CHECK(body_tilt(*match) < 0.05);
  const SimarenaRobotData& rd = match->robot_data();
  CHECK(rd.q[1] == Approx(0.8).margin(0.03));
  CHECK(rd.q[2] == Approx(-1.5).margin(0.05));
  CHECK(match->controller_stats().sent == match->ticks());
}

TEST_CASE("RobotData is filled like the robot's: units, order, frames, gravity in acc") {
  auto match = make_match(test::cyberdog2(), STAND_PLUGIN, "");
  run_for(*match, 5.0);  // standing still
  const SimarenaRobotData& rd = match->robot_data();
  // w, x, y, z with w ~ 1 when level.
  CHECK(rd.quat[0] == Approx(1.0).margin(0.01));
  CHECK(std::sqrt(rd.quat[0] * rd.quat[0] + rd.quat[1] * rd.quat[1] + rd.quat[2] * rd.quat[2] +
                  rd.quat[3] * rd.quat[3]) == Approx(1.0).margin(1e-5));
  CHECK(rd.acc[2] == Approx(9.81).margin(0.1));  // world frame, gravity included
  CHECK(std::abs(rd.acc[0]) < 0.1);
  CHECK(std::abs(rd.rpy[2]) < 0.01);  // yaw starts at zero
  CHECK(std::abs(rd.omega[0]) + std::abs(rd.omega[1]) + std::abs(rd.omega[2]) < 0.05);
  CHECK(rd.ctrl_topic_interval == Approx(2.0f));  // sampled one period after the last frame
  for (int i = 0; i < 12; ++i) CHECK(rd.motor_flags[i] == 0x80000000u);
  // Joint values come from the right MJCF joints.
  const mjModel* m = match->model();
  const int knee = mj_name2id(m, mjOBJ_JOINT, "RL_knee");
  CHECK(rd.q[11] == Approx(match->data()->qpos[m->jnt_qposadr[knee]]).margin(1e-4));
}

TEST_CASE("stable at the gain extremes kp 200, kd 10 with 1 ms physics") {
  auto match = make_match(test::cyberdog2(), test::plugin_path("scripted"), "200 10 0.8 -1.5");
  run_for(*match, 5.0);
  REQUIRE(all_finite(*match));
  CHECK(match->err_flag() == 0);
  CHECK(trunk_height(*match) == Approx(0.23).margin(0.02));
  // Settled: no oscillation left at the joints.
  double max_speed = 0;
  for (int i = 0; i < 12; ++i) max_speed = std::max<double>(max_speed, std::abs(match->robot_data().qd[i]));
  CHECK(max_speed < 0.05);

  // A lighter inertia check: kd 10 with kp 0 (pure damping) from the stand.
  auto damped = make_match(test::cyberdog2(), test::plugin_path("scripted"), "0 10 0.8 -1.5");
  run_for(*damped, 5.0);
  CHECK(all_finite(*damped));
}

TEST_CASE("a silent controller trips bit0 then bit1 and the robot takes over") {
  // Sends its pose, then nothing from tick 3000 (6 s) to 3400 (6.8 s).
  auto match = make_match(test::cyberdog2(), test::plugin_path("scripted"), "80 2 0.8 -1.5 3000 3400");
  run_for(*match, 6.0);
  CHECK(match->err_flag() == 0);
  run_for(*match, 0.02);
  CHECK(match->robot_data().err_flag & SIMARENA_ERR_CMD_GAP_10MS);
  CHECK(match->robot_data().ctrl_topic_interval > 10.0f);
  run_for(*match, 0.6);
  CHECK(match->err_flag() & SIMARENA_ERR_CMD_LOST_500MS);
  bool saw_takeover = false;
  for (const MatchEvent& e : match->events())
    if (e.type == MatchEventType::takeover_damping && e.time > 6.0)
      saw_takeover = e.time == Approx(6.502).margin(0.003);
  CHECK(saw_takeover);
}

TEST_CASE("a second robot is addable with files alone (8 joints, other MJCF order, signs)") {
  const RobotSpec robot = test::minidog();
  REQUIRE(robot.num_joints() == 8);
  CHECK(robot.joints[0].name == "FR_hip");
  CHECK(robot.control_period == 0.004);
  auto match = make_match(robot, STAND_PLUGIN, "hip=0.8,knee=-1.5");
  run_for(*match, 6.0);
  CHECK(match->err_flag() == 0);
  CHECK(body_tilt(*match) < 0.1);
  const SimarenaRobotData& rd = match->robot_data();
  CHECK(rd.q[1] == Approx(-1.5).margin(0.1));  // API knee negative although the MJCF's is positive
  const mjModel* m = match->model();
  const int fr_knee = mj_name2id(m, mjOBJ_JOINT, robot.joints[1].mjcf_joint.c_str());
  CHECK(match->data()->qpos[m->jnt_qposadr[fr_knee]] == Approx(1.5).margin(0.1));
  // xyzw order: w last.
  CHECK(rd.quat[3] == Approx(1.0).margin(0.02));
  // Unused joint slots stay zero.
  for (int i = 8; i < SIMARENA_MAX_JOINTS; ++i) CHECK(rd.q[i] == 0.0f);
}

TEST_CASE("same inputs, same bits") {
  auto a = make_match(test::cyberdog2(), STAND_PLUGIN, "");
  auto b = make_match(test::cyberdog2(), STAND_PLUGIN, "");
  run_for(*a, 4.0);
  run_for(*b, 4.0);
  const mjModel* m = a->model();
  CHECK(std::memcmp(a->data()->qpos, b->data()->qpos, sizeof(mjtNum) * m->nq) == 0);
  CHECK(std::memcmp(a->data()->qvel, b->data()->qvel, sizeof(mjtNum) * m->nv) == 0);
}
