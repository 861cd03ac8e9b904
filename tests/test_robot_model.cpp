// The robot model the host gives controllers (SimarenaRobotModel): read
// from robot.yaml and the compiled MJCF, the same bits in process and
// through the sandbox, and what the locomotion controller makes of it.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <simarena/custom_interface.hpp>
#include <sstream>
#include <string>

#include "plugins/robot_model_digest.h"
#include "robot_geometry.h"
#include "simarena/base/input_error.h"
#include "simarena/control/controller_interface.h"
#include "simarena/control/sandbox_controller.h"
#include "simarena/physics/robot_model.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;

namespace {

RobotSpec pupdog() { return load_robot_spec(test::source_path("tests/robots/pupdog/robot.yaml")); }

void check_vector(const double* got, double x, double y, double z) {
  CHECK(got[0] == x);
  CHECK(got[1] == y);
  CHECK(got[2] == z);
}

// What a plugin says it was given (robot_model_echo refuses with it).
std::string echoed(const std::function<void()>& load) {
  try {
    load();
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("robot_model_echo started");
  return {};
}

}  // namespace

TEST_CASE("robot model: the CyberDog 2's legs come from its MJCF, exactly as written there") {
  const SimarenaRobotModel m = robot_model(test::cyberdog2());
  CHECK(m.struct_size == sizeof(SimarenaRobotModel));
  REQUIRE(m.num_joints == 12);
  REQUIRE(m.num_legs == 4);
  // Front right: abad 0.164 ahead and 0.042 right of the trunk origin, hip 0.094 further out.
  check_vector(m.legs[0].abad_origin, 0.164, -0.042, 0.0);
  check_vector(m.legs[0].hip_from_abad, 0.0, -0.094, 0.0);
  check_vector(m.legs[0].knee_from_hip, 0.0, 0.0, -0.12);
  check_vector(m.legs[0].foot_from_knee, 0.0, 0.0, -0.1739);
  CHECK(m.legs[0].foot_radius == 0.019);
  check_vector(m.legs[3].abad_origin, -0.164, 0.042, 0.0);  // rear left
  for (int leg = 0; leg < 4; ++leg)
    for (int j = 0; j < 3; ++j) CHECK(m.legs[leg].joints[j] == 3 * leg + j);
  // Joints: robot.yaml's limits, axes in API sign (abad about x, hip and knee about y).
  CHECK(m.joints[0].range_min == -0.68);
  CHECK(m.joints[7].range_max == 3.14);  // rear hip
  CHECK(m.joints[2].torque_limit == 12.0);
  CHECK(m.joints[2].zero_torque_speed == 29.3);
  CHECK(m.joints[2].kp_max == 200.0);
  check_vector(m.joints[0].axis, 1.0, 0.0, 0.0);
  check_vector(m.joints[1].axis, 0.0, 1.0, 0.0);
  // The planning body robot.yaml gives (the vendor's round numbers).
  CHECK(m.mass == 7.84);
  check_vector(m.centre_of_mass, 0.014, 0.0, -0.01);
  CHECK(m.inertia[0] == 0.10);
  CHECK(m.inertia[4] == 0.20);
  CHECK(m.inertia[8] == 0.22);
  CHECK(m.inertia[1] == 0.0);
  CHECK(m.standing_height == 0.23);
  CHECK(m.body_height_range[0] == 0.18);
  CHECK(m.body_height_range[1] == 0.28);
}

TEST_CASE("robot model: the locomotion controller reads the CyberDog 2 exactly as it had it built in") {
  // Same numbers bit for bit, so the CyberDog 2 walks as before.
  const locomotion::RobotGeometry robot = locomotion::robot_geometry(robot_model(test::cyberdog2()));
  const trot::LegGeometry built_in;
  CHECK(robot.legs.abad_x == built_in.abad_x);
  CHECK(robot.legs.abad_y == built_in.abad_y);
  CHECK(robot.legs.hip_offset == built_in.hip_offset);
  CHECK(robot.legs.thigh == built_in.thigh);
  CHECK(robot.legs.shank == built_in.shank);
  CHECK(robot.legs.foot_radius == built_in.foot_radius);
  const locomotion::RigidBody body;
  CHECK(robot.body.mass == body.mass);
  CHECK(robot.body.inertia == body.inertia);
  CHECK(robot.body.centre_of_mass == body.centre_of_mass);
  CHECK(robot.torque_limits == locomotion::kCyberDog2TorqueLimits);
  const locomotion::BodyHeights heights;
  CHECK(robot.heights.standing == heights.standing);
  CHECK(robot.heights.min == heights.min);
  CHECK(robot.heights.max == heights.max);
}

TEST_CASE("robot model: a robot without rigid_body gets its mass and inertia summed from the MJCF") {
  const SimarenaRobotModel m = robot_model(pupdog());
  REQUIRE(m.num_legs == 4);
  CHECK(m.mass == Approx(1.6 + 4 * (0.15 + 0.2 + 0.05)));
  // Legs straight down pull the centre of mass below the trunk origin; left and right balance.
  CHECK(m.centre_of_mass[2] < 0.0);
  CHECK(m.centre_of_mass[1] == Approx(0.0).margin(1e-12));
  // Parallel axes: far above the trunk's own inertia, symmetric, no roll-yaw product by symmetry.
  CHECK(m.inertia[0] > 0.0029);
  CHECK(m.inertia[4] > 0.0050);
  CHECK(m.inertia[8] > 0.0066);
  CHECK(m.inertia[1] == Approx(m.inertia[3]));
  CHECK(m.inertia[2] == Approx(m.inertia[6]));
  CHECK(m.inertia[1] == Approx(0.0).margin(1e-12));
  check_vector(m.legs[0].abad_origin, 0.12, -0.03, 0.0);
  CHECK(m.legs[2].foot_from_knee[2] == -0.11);
  CHECK(m.joints[0].torque_limit == 6.0);

  const locomotion::RobotGeometry robot = locomotion::robot_geometry(m);
  CHECK(robot.legs.hip_offset == 0.065);
  CHECK(robot.legs.thigh == 0.1);
  CHECK(robot.legs.shank == 0.11);
  CHECK(robot.torque_limits[5] == 6.0);
  CHECK(robot.heights.standing == 0.165);
}

TEST_CASE("robot model: a robot without legs gets its joints only, and locomotion refuses it") {
  const SimarenaRobotModel m = robot_model(test::minidog());
  CHECK(m.num_legs == 0);
  REQUIRE(m.num_joints == 8);
  CHECK(m.joints[1].range_max == -0.5);
  CHECK(m.joints[1].torque_limit == 5.0);
  // minidog's knee is built about -y with sign -1: in API sign it turns about +y.
  CHECK(m.joints[1].axis[1] == Approx(1.0));
  CHECK_THROWS_WITH(locomotion::robot_geometry(m), Contains("does not suit") && Contains("4 legs of 3 joints"));
}

TEST_CASE("robot model: locomotion refuses legs its leg model does not fit") {
  SimarenaRobotModel m = robot_model(test::cyberdog2());
  SECTION("asymmetric") {
    m.legs[2].abad_origin[0] = -0.15;
    CHECK_THROWS_WITH(locomotion::robot_geometry(m), Contains("does not suit") && Contains("leg RR: the abad axis"));
  }
  SECTION("a knee about another axis") {
    m.joints[5].axis[1] = -1.0;
    CHECK_THROWS_WITH(locomotion::robot_geometry(m), Contains("leg FL: the knee joint's axis"));
  }
  SECTION("legs on other joints") {
    std::swap(m.legs[0].joints[0], m.legs[0].joints[1]);
    CHECK_THROWS_WITH(locomotion::robot_geometry(m), Contains("leg FR's abad must be joint 0"));
  }
}

TEST_CASE("robot model: the plugin gets the same model in process and sandboxed") {
  const std::string plugin = test::plugin_path("robot_model_echo");
  SandboxLimits limits;
  limits.memory_cap_bytes = 256ull << 20;
  for (const RobotSpec& robot : {test::cyberdog2(), pupdog(), test::minidog()}) {
    INFO(robot.name);
    const std::string digest =
        "robot model: digest " + std::to_string(model_digest::robot_model_digest(robot_model(robot)));
    const std::string in_process = echoed([&] { load_plugin(plugin, robot, ""); });
    const std::string sandboxed = echoed([&] { SandboxController controller(plugin, robot, "", limits); });
    CHECK_THAT(in_process, Contains(digest));
    CHECK_THAT(sandboxed, Contains(digest));
  }
}

TEST_CASE("robot model: the SDK reads it only from a host whose structs hold it") {
  const SimarenaRobotModel model = robot_model(test::cyberdog2());
  const char* names[] = {"FR_abad"};
  SimarenaRobotInfo info{sizeof(SimarenaRobotInfo), "cyberdog2", 1, names, 0.002, &model};
  const auto read = simarena::detail::robot_model_of(info);
  REQUIRE(read);
  CHECK(model_digest::robot_model_digest(*read) == model_digest::robot_model_digest(model));
  // A host from before the model: its SimarenaRobotInfo ends at control_period.
  info.struct_size = simarena::detail::kRobotInfoSize;
  CHECK_FALSE(simarena::detail::robot_model_of(info));
  info.struct_size = sizeof(SimarenaRobotInfo);
  info.model = nullptr;
  CHECK_FALSE(simarena::detail::robot_model_of(info));
  // A model struct shorter than this SDK's is not read past its end.
  SimarenaRobotModel short_model = model;
  short_model.struct_size = 8;
  info.model = &short_model;
  CHECK_FALSE(simarena::detail::robot_model_of(info));
}

TEST_CASE("robot model: mistakes in robot.yaml's legs are reported at their line") {
  test::TempFolder tmp;
  SECTION("a joint robot.yaml does not list") {
    const auto path = test::cyberdog2_with(tmp.path, "knee: RR_knee,", "knee: RR_kne,");
    CHECK_THROWS_WITH(load_robot_spec(path),
                      Contains(path.string() + ":") && Contains("names joint 'RR_kne', which 'joints' does not list"));
  }
  SECTION("a joint in two legs") {
    const auto path = test::cyberdog2_with(tmp.path, "knee: RR_knee,", "knee: FR_knee,");
    CHECK_THROWS_WITH(load_robot_spec(path), Contains("joint 'FR_knee' belongs to more than one leg"));
  }
  SECTION("a standing height outside the range") {
    const auto path = test::cyberdog2_with(tmp.path, "standing_height: 0.23", "standing_height: 0.3");
    CHECK_THROWS_WITH(load_robot_spec(path), Contains("standing_height <= body_height_range[1]"));
  }
  SECTION("a foot that is not a sphere at the end of the leg") {
    const auto path = test::cyberdog2_with(tmp.path, "foot: FL_foot", "foot: FL_shank_geom");
    const RobotSpec robot = load_robot_spec(path);
    CHECK_THROWS_WITH(robot_model(robot),
                      Contains(path.string() + ":") && Contains("leg FL: foot 'FL_shank_geom' must be a sphere geom"));
  }
  SECTION("joints that are not a chain") {
    const auto path = test::cyberdog2_with(tmp.path, "{abad: RL_abad, hip: RL_hip, knee: RL_knee",
                                           "{abad: RL_abad, hip: RL_knee, knee: RL_hip");
    const RobotSpec robot = load_robot_spec(path);
    CHECK_THROWS_WITH(robot_model(robot), Contains("leg RL: joint 'RL_knee' must be a hinge on a child body"));
  }
}
