// Robot descriptions: everything robot-specific comes from files, and bad
// files are reported with file:line:column.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "simarena/base/input_error.h"
#include "simarena/physics/world.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {}  // namespace

TEST_CASE("CyberDog 2 description matches the real robot's joint API") {
  const RobotSpec robot = test::cyberdog2();
  REQUIRE(robot.num_joints() == 12);
  const char* expected[] = {"FR_abad", "FR_hip", "FR_knee", "FL_abad", "FL_hip", "FL_knee",
                            "RR_abad", "RR_hip", "RR_knee", "RL_abad", "RL_hip", "RL_knee"};
  for (int i = 0; i < 12; ++i) CHECK(robot.joints[i].name == expected[i]);
  CHECK(robot.control_period == 0.002);
  CHECK(robot.substeps() == 2);
  CHECK(robot.joints[2].range_min == -2.53);
  CHECK(robot.joints[1].range_max == 2.79);
  CHECK(robot.joints[7].range_max == 3.14);
  CHECK(robot.joints[1].wire_sign == -1);
  CHECK(robot.joints[0].motor.torque_limit == 12.0);
  CHECK(robot.joints[0].motor.kp_max == 200.0);
  CHECK(robot.imu.quaternion_order == QuatOrder::wxyz);
  CHECK(robot.protections.motor_flags_healthy == 0x80000000u);
}

TEST_CASE("the CyberDog 2 MJCF compiles with its physical parameters") {
  const auto world = World::build(test::cyberdog2(), flat_arena());
  const mjModel* m = world->model();
  CHECK(mj_getTotalmass(m) == Approx(7.8).margin(0.1));
  CHECK(m->opt.timestep == 0.001);
  CHECK(m->opt.integrator == mjINT_IMPLICIT);
  const int knee = mj_name2id(m, mjOBJ_JOINT, "FR_knee");
  CHECK(m->dof_armature[m->jnt_dofadr[knee]] == Approx(4.78e-5 * 7.75 * 7.75).epsilon(0.01));
  CHECK(m->dof_frictionloss[m->jnt_dofadr[knee]] == Approx(0.1));
}

TEST_CASE("malformed robot files give file:line:column and what is allowed") {
  simarena::test::TempFolder tmp;
  SECTION("misspelt key") {
    const auto path = test::cyberdog2_with(tmp.path, "  takeover_kd: 4.0", "  takeover_kdd: 4.0");
    CHECK_THROWS_WITH(load_robot_spec(path), StartsWith(path.string() + ":") &&
                                                 Contains("unknown key 'takeover_kdd'") && Contains("allowed here:"));
  }
  SECTION("not a number") {
    const auto path = test::cyberdog2_with(tmp.path, "  takeover_kd: 4.0", "  takeover_kd: four");
    CHECK_THROWS_WITH(load_robot_spec(path),
                      Contains("robot.yaml:") && Contains("'takeover_kd' must be a finite number"));
  }
  SECTION("YAML syntax") {
    const auto path = test::cyberdog2_with(tmp.path, "  takeover_kd: 4.0", "  takeover_kd: [4.0");
    CHECK_THROWS_WITH(load_robot_spec(path), Contains("YAML syntax error"));
  }
  SECTION("bad choice") {
    const auto path = test::cyberdog2_with(tmp.path, "quaternion_order: wxyz", "quaternion_order: zyxw");
    CHECK_THROWS_WITH(load_robot_spec(path), Contains("allowed: wxyz, xyzw"));
  }
  SECTION("joint missing from the MJCF") {
    const auto path = test::cyberdog2_with(tmp.path, "mjcf_joint: RL_knee", "mjcf_joint: RL_kneee");
    const RobotSpec robot = load_robot_spec(path);
    CHECK_THROWS_WITH(World::build(robot, flat_arena()), Contains("no joint 'RL_kneee' in cyberdog2.xml"));
  }
  SECTION("the error carries the right line and column") {
    const auto path = test::cyberdog2_with(tmp.path, "  takeover_kd: 4.0", "  takeover_kd: -4.0");
    try {
      load_robot_spec(path);
      FAIL("expected an error");
    } catch (const InputError& e) {
      CHECK_THAT(e.what(), Contains("protections must be >= 0") || Contains("must be >= 0"));
    }
  }
}

TEST_CASE("an MJCF MuJoCo rejects is reported against the MJCF file") {
  simarena::test::TempFolder tmp;
  const auto path = test::cyberdog2_with(tmp.path, "mjcf: cyberdog2.xml", "mjcf: broken.xml");
  std::ofstream(path.parent_path() / "broken.xml") << "<mujoco><worldbody><body><geom type='box'/></body></worldbody>";
  const RobotSpec robot = load_robot_spec(path);
  // tinyxml2 reports the unclosed <mujoco> on the line it starts.
  CHECK_THROWS_WITH(World::build(robot, flat_arena()), Contains("broken.xml:1: MuJoCo cannot compile"));
}
