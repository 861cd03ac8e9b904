// The bridge's wire conversions: an SDK program must read and write the
// same numbers over LCM that the robot gives it.
#include <catch2/catch.hpp>
#include <climits>
#include <cmath>

#include "simarena/base/input_error.h"
#include "simarena/bridge/wire_convention.h"
#include "simarena/physics/scene_mjcf.h"
#include "test_helpers.h"

using namespace simarena;

TEST_CASE("motor_ctrl: onboard signs on the wire, SDK signs at the user, both ways") {
  const RobotSpec robot = test::cyberdog2();
  motor_ctrl_lcmt wire{};
  for (int i = 0; i < 12; ++i) {
    wire.q_des[i] = 0.1f * static_cast<float>(i + 1);
    wire.qd_des[i] = -0.5f;
    wire.kp_des[i] = 80.0f;
    wire.kd_des[i] = 2.0f;
    wire.tau_des[i] = 1.5f;
  }
  const SimarenaMotorCmd cmd = command_from_wire(wire, robot);
  // FR abad keeps its sign; FR hip and knee (SDK sign -1) flip; gains never do.
  CHECK(cmd.q_des[0] == Approx(0.1f));
  CHECK(cmd.q_des[1] == Approx(-0.2f));
  CHECK(cmd.q_des[2] == Approx(-0.3f));
  CHECK(cmd.q_des[11] == Approx(-1.2f));
  CHECK(cmd.qd_des[4] == Approx(0.5f));
  CHECK(cmd.tau_des[5] == Approx(-1.5f));
  CHECK(cmd.tau_des[6] == Approx(1.5f));
  CHECK(cmd.kp_des[7] == 80.0f);
  CHECK(cmd.kd_des[8] == 2.0f);

  const motor_ctrl_lcmt back = command_to_wire(cmd, robot);
  for (int i = 0; i < 12; ++i) {
    CHECK(back.q_des[i] == wire.q_des[i]);
    CHECK(back.qd_des[i] == wire.qd_des[i]);
    CHECK(back.tau_des[i] == wire.tau_des[i]);
  }
}

TEST_CASE("state messages: per-leg spi_data, flags bit for bit, estimator in the robot's order") {
  const RobotSpec robot = test::cyberdog2();
  SimarenaRobotData data{};
  for (int i = 0; i < 12; ++i) {
    data.q[i] = i % 3 == 2 ? -1.5f : 0.01f * static_cast<float>(i);
    data.qd[i] = 0.5f;
    data.tau[i] = -2.0f;
    data.motor_flags[i] = 0x80000000u;
  }
  data.q[11] = -0.53f;  // RL knee 0.01 rad from its limit -0.52 (API): inside the spring zone
  data.quat[0] = 1.0f;
  data.rpy[2] = 0.25f;
  data.acc[2] = 9.81f;
  data.omega[0] = 0.125f;
  data.err_flag = 0x03;
  data.ctrl_topic_interval = 2.0f;
  BodyState body;
  body.position[2] = 0.3;
  body.velocity_world[0] = 0.4;
  body.acc_body[2] = 9.81;

  const WireState w = state_to_wire(data, body, robot, 1.5);
  CHECK(w.ctrl_state.err_flag == 0x03);
  CHECK(w.ctrl_state.ctrl_topic_interval == 2.0f);
  // Leg 2 (RR) = API joints 6, 7, 8; hip and knee negated.
  CHECK(w.spi_data.q_abad[2] == Approx(0.06f));
  CHECK(w.spi_data.q_hip[2] == Approx(-0.07f));
  CHECK(w.spi_data.q_knee[2] == Approx(1.5f));
  CHECK(w.spi_data.qd_hip[0] == Approx(-0.5f));
  CHECK(w.spi_data.tau_abad[3] == Approx(-2.0f));
  CHECK(w.spi_data.tau_knee[3] == Approx(2.0f));
  CHECK(w.spi_data.flags[0] == INT32_MIN);  // 0x80000000: motor mode 2, no error
  CHECK(w.leg_data.q[8] == Approx(1.5f));
  CHECK(w.leg_data.q_knee_limit[3] == -1);  // onboard knee 0.53 is near the lower limit 0.52
  CHECK(w.leg_data.q_knee_limit[0] == 0);
  CHECK(w.estimator.quat[0] == 1.0f);
  CHECK(w.estimator.rpy[2] == 0.25f);
  CHECK(w.estimator.aWorld[2] == 9.81f);
  CHECK(w.estimator.omegaWorld[0] == 0.125f);
  CHECK(w.estimator.aBody[2] == Approx(9.81f));
  CHECK(w.estimator.p[2] == Approx(0.3f));
  CHECK(w.estimator.vWorld[0] == Approx(0.4f));
  CHECK(w.estimator.timestamp == 1500000000);
}

TEST_CASE("body state: base velocity in world and body frames") {
  auto world = World::build(test::cyberdog2(), flat_arena());
  DataPtr d(mj_makeData(world->model()));
  world->reset(d.get());
  // Turn the base 90 degrees about z and move it along world x.
  mjtNum* qpos = d->qpos + world->base_qpos_adr();
  qpos[3] = std::sqrt(0.5);
  qpos[6] = std::sqrt(0.5);
  qpos[4] = qpos[5] = 0;
  d->qvel[world->base_dof_adr()] = 1.0;
  mj_forward(world->model(), d.get());
  const BodyState body = read_body_state(*world, d.get());
  CHECK(body.velocity_world[0] == Approx(1.0));
  CHECK(body.velocity_body[0] == Approx(0.0).margin(1e-9));
  CHECK(body.velocity_body[1] == Approx(-1.0));  // world +x is body -y after a +90 degree yaw
  CHECK(body.position[2] == Approx(qpos[2]));
}

TEST_CASE("a robot without the 4 x (abad, hip, knee) layout is refused for the wire") {
  CHECK_NOTHROW(check_wire_layout(test::cyberdog2()));
  CHECK_THROWS_WITH(check_wire_layout(test::minidog()),
                    Catch::Contains("minidog/robot.yaml") && Catch::Contains("carries 12 joints"));
}
