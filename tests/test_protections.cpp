// Every err_flag bit and protection of the robot's motor-control mode,
// driven tick by tick on simulated time.
#include <array>
#include <catch2/catch.hpp>
#include <cmath>

#include "simarena/physics/protections.h"
#include "test_helpers.h"

using namespace simarena;

namespace {

constexpr double dt = 0.002;

SimarenaMotorCmd pose_frame(float hip, float knee, float kp, float kd) {
  SimarenaMotorCmd c{};
  for (int leg = 0; leg < 4; ++leg) {
    c.q_des[leg * 3 + 1] = hip;
    c.q_des[leg * 3 + 2] = knee;
    for (int j = 0; j < 3; ++j) {
      c.kp_des[leg * 3 + j] = kp;
      c.kd_des[leg * 3 + j] = kd;
    }
  }
  return c;
}

struct Rig {
  RobotSpec robot = test::cyberdog2();
  Protections protections{robot};
  std::array<float, 12> q{};
  double now = 0;
  Rig() {
    for (int leg = 0; leg < 4; ++leg) {
      q[leg * 3 + 1] = 0.8f;
      q[leg * 3 + 2] = -1.5f;
    }
  }
  void tick(const SimarenaMotorCmd* frame) {
    protections.apply(now, frame, q.data());
    now += dt;
  }
  // Zero frames through the start-up take-over until bit1 clears.
  void start() {
    const SimarenaMotorCmd zero{};
    while (protections.err_flag() & SIMARENA_ERR_CMD_LOST_500MS) tick(&zero);
  }
};

}  // namespace

TEST_CASE("start-up: bit1 set, damping for 2.5 s, cleared only by a zero frame once limp") {
  Rig rig;
  REQUIRE(rig.protections.err_flag() & SIMARENA_ERR_CMD_LOST_500MS);
  const SimarenaMotorCmd zero{};
  const SimarenaMotorCmd user = pose_frame(0.8f, -1.5f, 60, 2);

  // Zero frames during the damping phase do not clear it; the robot damps with kd = 4.
  for (int i = 0; i < 1250; ++i) rig.tick(&zero);  // 0 .. 2.498 s
  CHECK(rig.protections.err_flag() & SIMARENA_ERR_CMD_LOST_500MS);
  CHECK(rig.protections.takeover() == TakeoverPhase::damping);
  CHECK(rig.protections.command()[2].kd == Approx(4.0));
  CHECK(rig.protections.command()[2].kp == 0);

  // A non-zero frame after 2.5 s leaves the robot limp with bit1 set.
  rig.tick(&user);
  CHECK(rig.protections.takeover() == TakeoverPhase::limp);
  CHECK(rig.protections.err_flag() & SIMARENA_ERR_CMD_LOST_500MS);
  CHECK(rig.protections.command()[2].kd == 0);

  // One zero frame (q_des may be anything) clears it; that tick is still limp.
  SimarenaMotorCmd zero_gains{};
  zero_gains.q_des[1] = 0.3f;
  rig.tick(&zero_gains);
  CHECK_FALSE(rig.protections.err_flag() & SIMARENA_ERR_CMD_LOST_500MS);
  CHECK(rig.protections.command()[1].kp == 0);

  // The next frame is executed as sent.
  rig.tick(&user);
  CHECK(rig.protections.command()[1].kp == Approx(60));
  CHECK(rig.protections.command()[1].q_des == Approx(0.8));
  CHECK(rig.protections.err_flag() == 0);
}

TEST_CASE("gap over 10 ms: bit0, qd_des and tau_des faded by 10 ms / gap, cleared by the next frame") {
  Rig rig;
  rig.start();
  SimarenaMotorCmd frame = pose_frame(0.8f, -1.5f, 60, 2);
  frame.qd_des[1] = 2.0f;
  frame.tau_des[1] = 3.0f;
  rig.tick(&frame);
  for (int i = 0; i < 5; ++i) rig.tick(nullptr);  // frame is now 10 ms old: not yet late
  CHECK_FALSE(rig.protections.err_flag() & SIMARENA_ERR_CMD_GAP_10MS);
  rig.tick(nullptr);  // 12 ms
  CHECK(rig.protections.err_flag() & SIMARENA_ERR_CMD_GAP_10MS);
  CHECK(rig.protections.command()[1].qd_des == Approx(2.0 * 10.0 / 12.0));
  CHECK(rig.protections.command()[1].tau_des == Approx(3.0 * 10.0 / 12.0));
  CHECK(rig.protections.command()[1].kp == Approx(60));  // kp, kd, q_des are not faded
  CHECK(rig.protections.ms_since_command(rig.now) == Approx(14.0f));
  rig.tick(&frame);
  CHECK_FALSE(rig.protections.err_flag() & SIMARENA_ERR_CMD_GAP_10MS);
}

TEST_CASE("gap over 500 ms: bit1 latched and the robot takes over") {
  Rig rig;
  rig.start();
  const SimarenaMotorCmd frame = pose_frame(0.8f, -1.5f, 60, 2);
  rig.tick(&frame);
  for (int i = 0; i < 250; ++i) rig.tick(nullptr);  // 500 ms: not yet
  CHECK_FALSE(rig.protections.err_flag() & SIMARENA_ERR_CMD_LOST_500MS);
  rig.tick(nullptr);  // 502 ms
  CHECK(rig.protections.err_flag() & SIMARENA_ERR_CMD_LOST_500MS);
  CHECK(rig.protections.takeover() == TakeoverPhase::damping);
  CHECK(rig.protections.command()[0].kd == Approx(4.0));
  // Frames arriving again do not end it while damping.
  rig.tick(&frame);
  CHECK(rig.protections.err_flag() & SIMARENA_ERR_CMD_LOST_500MS);
  CHECK(rig.protections.command()[1].kp == 0);
}

TEST_CASE("jump clamp: q_des more than 8/10/12 degrees from the measured angle, bits 2/3/4") {
  Rig rig;
  rig.start();
  SimarenaMotorCmd frame = pose_frame(0.8f, -1.5f, 60, 2);
  frame.q_des[3] = 0.2f;  // FL abad: 11.5 deg from 0
  rig.tick(&frame);
  CHECK(rig.protections.err_flag() == SIMARENA_ERR_JUMP_ABAD);
  CHECK(rig.protections.command()[3].q_des == Approx(8.0 * M_PI / 180));

  frame = pose_frame(0.8f + 0.2f, -1.5f, 60, 2);  // hips 11.5 deg away
  rig.tick(&frame);
  CHECK(rig.protections.err_flag() == SIMARENA_ERR_JUMP_HIP);
  CHECK(rig.protections.command()[1].q_des == Approx(0.8 + 10.0 * M_PI / 180));

  frame = pose_frame(0.8f, -1.5f - 0.2f, 60, 2);  // knees 11.5 deg: inside 12
  rig.tick(&frame);
  CHECK(rig.protections.err_flag() == 0);
  frame = pose_frame(0.8f, -1.5f - 0.25f, 60, 2);  // 14.3 deg
  rig.tick(&frame);
  CHECK(rig.protections.err_flag() == SIMARENA_ERR_JUMP_KNEE);
  CHECK(rig.protections.command()[2].q_des == Approx(-1.5 - 12.0 * M_PI / 180));
}

TEST_CASE("joint limits: q_des clamped 0.04 rad inside each limit, before the jump clamp") {
  Rig rig;
  rig.start();
  rig.q[2] = -2.45f;  // knee near its lower limit -2.53
  SimarenaMotorCmd frame = pose_frame(0.8f, -1.5f, 60, 2);
  frame.q_des[2] = -3.0f;
  rig.tick(&frame);
  CHECK(rig.protections.command()[2].q_des == Approx(-2.53 + 0.04));
  CHECK_FALSE(rig.protections.err_flag() & SIMARENA_ERR_JUMP_KNEE);  // 0.04 rad from q: no jump
}

TEST_CASE("gains and torque are clamped to the motor's ranges") {
  Rig rig;
  rig.start();
  SimarenaMotorCmd frame = pose_frame(0.8f, -1.5f, 500, 50);
  frame.kp_des[0] = -5;
  frame.tau_des[1] = 40;
  frame.tau_des[2] = -40;
  rig.tick(&frame);
  CHECK(rig.protections.command()[1].kp == Approx(200));
  CHECK(rig.protections.command()[1].kd == Approx(10));
  CHECK(rig.protections.command()[0].kp == 0);
  CHECK(rig.protections.command()[1].tau_des == Approx(12));
  CHECK(rig.protections.command()[2].tau_des == Approx(-12));
}

TEST_CASE("zero frame test looks at kp, kd and tau only, within 0.001") {
  SimarenaMotorCmd c{};
  c.q_des[0] = 1.0f;
  c.qd_des[5] = -2.0f;
  c.kp_des[3] = 0.0009f;
  CHECK(is_zero_frame(c, 12));
  c.tau_des[11] = 0.002f;
  CHECK_FALSE(is_zero_frame(c, 12));
}
