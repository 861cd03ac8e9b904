// The locomotion controller as a user runs it, on flat ground: it trots at
// the commanded speed in each speed class, follows lateral and yaw commands,
// and recovers from a sideways push while trotting at 1 m/s. Start-up is
// shortened (stand_time, settle_time) and the ramp steepened to keep the
// simulated time small; the gait itself runs with its defaults.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "simarena/match/match.h"
#include "simarena/run/run_report.h"
#include "test_helpers.h"

using namespace simarena;

namespace {

constexpr const char* kQuickStart = "stand_time=0.5,settle_time=0.1,accel=2,yaw_accel=8";
constexpr double kWalkingFrom = 3.1;  // s: 2.5 s take-over + 0.6 s stand-up

struct Pose {
  double time, x, y, z, yaw, tilt;
};

Pose pose_of(const Match& m) {
  const int body = m.world().base_body();
  const double* p = m.data()->xpos + 3 * body;
  const double* q = m.data()->xquat + 4 * body;
  return {
      m.time(),    p[0], p[1], p[2], std::atan2(2 * (q[0] * q[3] + q[1] * q[2]), 1 - 2 * (q[2] * q[2] + q[3] * q[3])),
      body_tilt(m)};
}

// Runs `match` to time `until`, tracking whether the robot fell and the
// yaw turned (unwrapped) since `yaw_from`.
struct Runner {
  Match& match;
  bool fell = false;
  double turned = 0, max_y = 0;
  void run_until(double until) {
    double last_yaw = pose_of(match).yaw;
    while (match.time() < until - 1e-9) {
      match.tick();
      const Pose p = pose_of(match);
      if (match.time() > kWalkingFrom && (p.z < 0.15 || p.tilt > 0.5)) fell = true;
      turned += std::remainder(p.yaw - last_yaw, 2 * M_PI);
      last_yaw = p.yaw;
      max_y = std::max(max_y, std::abs(p.y));
    }
  }
};

std::unique_ptr<Match> start(const std::string& params) {
  const RobotSpec robot = test::cyberdog2();
  return std::make_unique<Match>(World::build(robot, flat_arena()),
                                 load_plugin(LOCOMOTION_PLUGIN, robot, params + "," + kQuickStart));
}

}  // namespace

TEST_CASE("locomotion: trots forward at the commanded speed in each speed class, with MPC or QP forces") {
  const auto [gait, speed, mpc] =
      GENERATE(table<int, double, int>({{27, 0.6, 1}, {3, 1.2, 1}, {10, 1.6, 1}, {10, 1.6, 0}}));
  INFO("gait " << gait << ", commanded " << speed << " m/s, mpc " << mpc);
  auto match = start("gait=" + std::to_string(gait) + ",vx=" + std::to_string(speed) + ",mpc=" + std::to_string(mpc));
  Runner run{*match};
  run.run_until(kWalkingFrom + speed / 2.0 + 1.0);  // ramp at 2 m/s², then 1 s to settle
  const Pose from = pose_of(*match);
  double max_tilt = 0;
  while (match->time() < from.time + 2.0 - 1e-9) {
    run.run_until(match->time() + 0.01);
    max_tilt = std::max(max_tilt, pose_of(*match).tilt);
  }
  const Pose to = pose_of(*match);
  REQUIRE_FALSE(run.fell);
  const double measured = (to.x - from.x) / (to.time - from.time);
  INFO("measured " << measured << " m/s, largest tilt " << max_tilt << " rad");
  CHECK(measured == Approx(speed).epsilon(0.05));
  CHECK(std::abs(to.y) < 0.1);  // held its lane
  CHECK(max_tilt < (mpc ? 0.06 : 0.15));
  CHECK(match->controller_stats().rejected == 0);
  CHECK(match->err_flag() == 0);
}

TEST_CASE("locomotion: follows a sideways command and a yaw-rate command") {
  SECTION("0.4 m/s to the left, medium trot") {
    auto match = start("gait=3,vx=0,vy=0.4");
    Runner run{*match};
    run.run_until(kWalkingFrom + 1.2);
    const Pose from = pose_of(*match);
    run.run_until(from.time + 2.0);
    const Pose to = pose_of(*match);
    REQUIRE_FALSE(run.fell);
    CHECK((to.y - from.y) / 2.0 == Approx(0.4).epsilon(0.1));
    CHECK(std::abs(to.x - from.x) < 0.1);
    CHECK(std::abs(to.yaw) < 0.1);
  }
  SECTION("2.5 rad/s in place, fast trot") {
    auto match = start("gait=10,vx=0,yaw_rate=2.5");
    Runner run{*match};
    run.run_until(kWalkingFrom + 1.0);
    run.turned = 0;
    const Pose from = pose_of(*match);
    run.run_until(from.time + 2.0);
    const Pose to = pose_of(*match);
    REQUIRE_FALSE(run.fell);
    CHECK(run.turned / 2.0 == Approx(2.5).epsilon(0.05));  // well past a half turn: the attitude law turns with it
    CHECK(std::hypot(to.x - from.x, to.y - from.y) < 0.2);
  }
}

TEST_CASE("locomotion: recovers from a 5 N·s sideways push while trotting at 1 m/s") {
  auto match = start("gait=3,vx=1.0");
  Runner run{*match};
  run.run_until(kWalkingFrom + 1.5);
  match->apply_push({0, 50, 0}, 0.1);  // 5 N·s to the left
  run.run_until(match->time() + 1.0);
  const Pose from = pose_of(*match);
  run.run_until(from.time + 1.5);
  const Pose to = pose_of(*match);
  REQUIRE_FALSE(run.fell);
  CHECK((to.x - from.x) / 1.5 == Approx(1.0).epsilon(0.1));  // back to speed
  CHECK(run.max_y < 0.3);                                    // knocked aside a little, not away
  CHECK(std::abs(to.yaw) < 0.15);                            // still facing down the course
}

// Held back for 3 s and released: the fastest the trunk then goes, m/s
// (mean over any 0.3 s), and whether it fell. The obstacle course's shape:
// caught in a gap while the velocity integral winds up, then free.
struct Release {
  double peak = 0;
  bool fell = false;
};

Release held_back_and_released(const std::string& params) {
  auto match = start(params);
  Runner run{*match};
  run.run_until(kWalkingFrom + 1.5);
  match->apply_push({-20, 0, 0}, 3.0);  // 20 N backward at the trunk (25 N tips it 0.5 rad)
  run.run_until(match->time() + 3.0);
  std::vector<double> xs;
  for (int i = 0; i < 1000; ++i) {  // 2 s after the release, at 2 ms
    run.run_until(match->time() + 0.002);
    xs.push_back(pose_of(*match).x);
  }
  Release r{0, run.fell};
  for (size_t i = 150; i < xs.size(); ++i) r.peak = std::max(r.peak, (xs[i] - xs[i - 150]) / 0.3);
  return r;
}

TEST_CASE("locomotion: held back and released, it does not run away (velocity integral anti-windup)") {
  // Held back, the speed error winds the velocity integral up (at its limit
  // it adds 0.6 m/s to the MPC's reference); released, it pushes the trunk
  // on past the command: here 0.95 m/s against 0.6, on the obstacle course
  // 1.5 m/s down the stairs after 7 s caught in a gap, nose over (README,
  // "Blind gaps and stones"). `velocity_overshoot` bleeds it: 0.81 m/s.
  const Release windup = held_back_and_released("gait=27,vx=0.6");
  const Release bled = held_back_and_released("gait=27,vx=0.6,velocity_overshoot=0.15");
  INFO("peak speed after the release: " << windup.peak << " m/s wound up, " << bled.peak << " m/s with the bleed");
  CHECK_FALSE(windup.fell);
  CHECK_FALSE(bled.fell);
  CHECK(bled.peak < 0.6 + 0.25);
  CHECK(windup.peak > bled.peak + 0.1);  // what the bleed is for
}

TEST_CASE("locomotion: refuses a robot whose legs it does not know, and unknown parameters") {
  CHECK_THROWS_WITH(load_plugin(LOCOMOTION_PLUGIN, test::minidog(), ""), Catch::Contains("does not suit"));
  CHECK_THROWS_WITH(load_plugin(LOCOMOTION_PLUGIN, test::cyberdog2(), "vxx=1"),
                    Catch::Contains("unknown parameter 'vxx'"));
}
