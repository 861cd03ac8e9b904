// The robot's cameras (simarena.camera, docs/cameras.md): a plugin sees a
// coloured ball where the camera geometry puts it and reads a wall's
// distance from the depth image within 1 cm; images are the same bytes run
// after run and in the sandbox; replays of runs with cameras stay identical.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "simarena/control/high_level_controller.h"
#include "simarena/control/sandbox_controller.h"
#include "simarena/match/match.h"
#include "simarena/physics/world.h"
#include "simarena/render/camera_renderer.h"
#include "simarena/run/run_session.h"
#include "test_helpers.h"

using namespace simarena;
using test::TempFolder;

namespace {

constexpr double kWallFront = 2.95;            // m: the wall's face, world x
constexpr double kBall[3] = {1.2, 0.25, 0.1};  // m: centre, radius 0.1
const char* const kBallColour = "1 0.45 0 1";  // orange

SceneMjcf ball_and_wall() {
  SceneMjcf scene = flat_arena();
  scene.name = "ball and wall";
  char ball[256];
  std::snprintf(ball, sizeof(ball),
                R"(<geom name="ball" type="sphere" size="0.1" pos="%g %g %g" rgba="%s" contype="1" conaffinity="1"/>)",
                kBall[0], kBall[1], kBall[2], kBallColour);
  scene.worldbody += ball;
  scene.worldbody += R"(<geom name="wall" type="box" size="0.05 3 1" pos="3 0 1" rgba="0.7 0.7 0.75 1"/>)";
  return scene;
}

struct CameraPose {
  double position[3];
  double axes[9];  // cam_xmat: columns are the camera's x (right), y (up), z (backwards) in the world
  CameraIntrinsics k;
};

// Where the camera is in the start state (what the first image shows).
CameraPose start_pose(const World& world, const std::string& name) {
  const mjModel* m = world.model();
  mjData* d = mj_makeData(m);
  world.reset(d);
  mj_forward(m, d);
  const int id = mj_name2id(m, mjOBJ_CAMERA, name.c_str());
  REQUIRE(id >= 0);
  CameraPose pose{};
  for (int i = 0; i < 3; ++i) pose.position[i] = d->cam_xpos[3 * id + i];
  for (int i = 0; i < 9; ++i) pose.axes[i] = d->cam_xmat[9 * id + i];
  for (const CameraSpec& camera : world.robot().cameras)
    if (camera.name == name) pose.k = camera_intrinsics(camera, m->cam_fovy[id]);
  mj_deleteData(d);
  return pose;
}

// The pixel (column, row) a world point lands on.
std::pair<int, int> project(const CameraPose& c, const double p[3]) {
  double local[3] = {0, 0, 0};
  for (int axis = 0; axis < 3; ++axis)
    for (int i = 0; i < 3; ++i) local[axis] += c.axes[3 * i + axis] * (p[i] - c.position[i]);
  const double forward = -local[2];
  return {static_cast<int>(std::lround(c.k.cx + c.k.fx * local[0] / forward)),
          static_cast<int>(std::lround(c.k.cy - c.k.fy * local[1] / forward))};
}

// Depth along the optical axis of the wall's face seen at pixel (u, v).
double wall_depth(const CameraPose& c, int u, int v) {
  const double ray_local[3] = {(u - c.k.cx) / c.k.fx, -(v - c.k.cy) / c.k.fy, -1.0};
  double ray[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i)
    for (int axis = 0; axis < 3; ++axis) ray[i] += c.axes[3 * i + axis] * ray_local[axis];
  return (kWallFront - c.position[0]) / ray[0];  // the ray's depth is 1 per unit of ray_local
}

std::vector<std::string> logs(const std::vector<MatchEvent>& events) {
  std::vector<std::string> lines;
  for (const MatchEvent& e : events)
    if (e.type == MatchEventType::controller_log) lines.push_back(e.detail);
  return lines;
}

std::vector<std::string> run_probe(const std::shared_ptr<const World>& world, std::unique_ptr<Controller> probe,
                                   double seconds) {
  Match match(world, std::move(probe));
  while (match.time() < seconds - 1e-9) match.tick();
  for (const MatchEvent& e : match.events())
    if (e.type == MatchEventType::controller_error) FAIL(e.detail);
  return logs(match.events());
}

SandboxLimits sandbox_limits() {
  SandboxLimits l;
  l.memory_cap_bytes = 512ull << 20;
  l.cpu_budget_per_call = 0.5;  // hashing two images byte by byte takes longer than a control period
  return l;
}

std::string field(const std::string& line, const std::string& key) {
  const size_t at = line.find(key + "=");
  REQUIRE(at != std::string::npos);
  const size_t from = at + key.size() + 1;
  return line.substr(from, line.find(' ', from) - from);
}

}  // namespace

TEST_CASE("cameras: the plugin sees the ball's colour where it is and the wall's distance within 1 cm",
          "[cameras][gl]") {
  TempFolder folder;
  const RobotSpec robot = test::cyberdog2();
  const auto world = World::build(robot, ball_and_wall());
  const CameraPose rgb = start_pose(*world, "rgb");
  const CameraPose depth = start_pose(*world, "depth");
  const auto [u, v] = project(rgb, kBall);
  const int du = 320, dv = 192;  // near the depth image's centre, on the wall
  INFO("ball at pixel " << u << "," << v);
  REQUIRE((u >= 0 && u < 640 && v >= 0 && v < 480));
  const std::string params =
      std::to_string(u) + " " + std::to_string(v) + " " + std::to_string(du) + " " + std::to_string(dv);
  const auto lines = run_probe(world, load_plugin(test::copy_plugin(folder, "camera_probe"), robot, params), 0.01);

  REQUIRE(lines.size() == 2);  // one image of each camera at t = 0, the next at 1/15 s
  const std::string& colour = lines[0];
  INFO(colour);
  REQUIRE(colour.rfind("rgb seq=1 t=0.0000 640x480 ", 0) == 0);
  int r = 0, g = 0, b = 0;
  REQUIRE(std::sscanf(field(colour, "px").c_str(), "%d,%d,%d", &r, &g, &b) == 3);
  CHECK(r > 120);  // orange: red strong, green about half of it, little blue
  CHECK(g > b + 20);
  CHECK(g < r * 0.8);
  CHECK(b < r / 3);
  char intrinsics[64];
  std::snprintf(intrinsics, sizeof(intrinsics), "%.3f,%.3f", rgb.k.fx, rgb.k.fy);
  CHECK(field(colour, "f") == intrinsics);
  CHECK(field(colour, "c") == "319.5,239.5");
  CHECK(std::abs(rgb.k.fx - 320.0 / std::tan(40.0 * M_PI / 180.0)) < 0.1);  // 80 deg horizontal

  const std::string& range = lines[1];
  INFO(range);
  REQUIRE(range.rfind("depth seq=1 t=0.0000 640x384 ", 0) == 0);
  const double expected = wall_depth(depth, du, dv);
  CHECK(expected > 2.5);
  CHECK(std::abs(std::stod(field(range, "z")) - expected) < 0.01);
}

TEST_CASE("cameras: images are the same bytes run after run, in-process and sandboxed, at 15 Hz of sim time",
          "[cameras][gl]") {
  TempFolder folder;
  const RobotSpec robot = test::cyberdog2();
  const auto world = World::build(robot, ball_and_wall());
  const auto plugin = test::copy_plugin(folder, "camera_probe");
  const std::string params = "320 240 320 192";
  const auto first = run_probe(world, load_plugin(plugin, robot, params), 0.4);
  const auto second = run_probe(world, load_plugin(plugin, robot, params), 0.4);
  const auto sandboxed =
      run_probe(world, std::make_unique<SandboxController>(plugin, robot, params, sandbox_limits()), 0.4);
  // Frames at 0, 1/15, ... 6/15 s: the first tick at or after each.
  REQUIRE(first.size() == 2 * 6);
  CHECK(first == second);
  CHECK(sandboxed == first);
  std::map<std::string, int> hashes;
  for (size_t i = 0; i < first.size(); i += 2) {
    const int frame = static_cast<int>(i / 2);
    CHECK(field(first[i], "seq") == std::to_string(frame + 1));
    char time[16];
    std::snprintf(time, sizeof(time), "%.4f", static_cast<long>(std::ceil(frame / 15.0 / 0.002 - 1e-9)) * 0.002);
    CHECK(field(first[i], "t") == time);
    hashes[field(first[i], "hash")]++;
  }
  CHECK(hashes.size() > 1);  // the robot sags under zero commands: the images change
}

TEST_CASE("cameras: a plugin that opens none gets the extension and no renderer, replays with cameras stay identical",
          "[cameras][gl]") {
  TempFolder folder;
  const RobotSpec robot = test::cyberdog2();
  const auto world = World::build(robot, ball_and_wall());
  const auto plugin = test::copy_plugin(folder, "camera_probe");
  const auto none = run_probe(world, load_plugin(plugin, robot, "none"), 0.01);
  CHECK(none == std::vector<std::string>{"camera extension served"});

  std::string bytes[2];
  for (int i = 0; i < 2; ++i) {
    RunRequest request;
    request.controller = plugin.string();
    request.params = "light 320 240 320 192";  // a hash would take longer than a control period: a deadline_miss
    request.duration = 0.3;
    request.replay = folder.path / ("run" + std::to_string(i) + ".replay");
    const RunResult result = run_match(request, default_search_paths());
    CHECK(logs(result.events).size() == 2 * 5);
    bytes[i] = test::file_bytes(request.replay);
  }
  CHECK(!bytes[0].empty());
  CHECK(bytes[0] == bytes[1]);
}

TEST_CASE("cameras: the example ball_chaser finds the orange ball and walks to it", "[cameras][gl]") {
  const RobotSpec robot = test::cyberdog2();
  // The ball off to the left, 2.5 m ahead: the robot must turn to it.
  SceneMjcf scene = flat_arena();
  scene.worldbody += R"(<geom name="ball" type="sphere" size="0.1" pos="2.5 0.8 0.1" rgba="1 0.45 0 1"/>)";
  const auto world = World::build(robot, scene);
  Match match(world, with_motion_controller(load_plugin(BALL_CHASER_PLUGIN, robot, "verbose=1"), robot));
  bool reached = false;
  while (match.time() < 14.0 && !reached) {
    match.tick();
    for (const MatchEvent& e : match.events())
      reached = reached || (e.type == MatchEventType::announcement && e.detail == "ball reached");
  }
  const mjData* d = match.data();
  const double* trunk = d->xpos + 3 * world->base_body();
  const double distance = std::hypot(2.5 - trunk[0], 0.8 - trunk[1]);
  INFO("trunk at " << trunk[0] << ", " << trunk[1] << " after " << match.time() << " s");
  std::string said;
  for (const MatchEvent& e : match.events()) said += e.detail + "\n";
  INFO(said);
  REQUIRE_FALSE(match.controller_stopped());
  CHECK(reached);
  CHECK(distance < 1.0);   // the camera stops 0.5 m from the ball, 0.28 m ahead of the trunk
  CHECK(trunk[2] > 0.15);  // standing
}

TEST_CASE("cameras: seeded noise is off by default, the same for the same seed, different for another",
          "[cameras][gl]") {
  TempFolder folder;
  const auto plugin = test::copy_plugin(folder, "camera_probe");
  const auto robot_with_noise = [&](const std::string& name, const std::string& noise) {
    const std::filesystem::path dir = folder.path / name;
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(test::source_path("models/cyberdog2/cyberdog2.xml"), dir / "cyberdog2.xml");
    std::string yaml = test::file_bytes(test::source_path("models/cyberdog2/robot.yaml"));
    const std::string rgb = "  - name: rgb                  # RGB_camera_link: 640x480, 80 deg horizontal\n";
    REQUIRE(yaml.find(rgb) != std::string::npos);
    if (!noise.empty()) yaml.replace(yaml.find(rgb), rgb.size(), rgb + "    noise: " + noise + "\n");
    std::ofstream(dir / "robot.yaml") << yaml;
    return load_robot_spec(dir / "robot.yaml");
  };
  const auto hashes = [&](const RobotSpec& robot) {
    const auto world = World::build(robot, ball_and_wall());
    std::vector<std::string> out;
    for (const std::string& line : run_probe(world, load_plugin(plugin, robot, "320 240 320 192"), 0.1))
      out.push_back(line.substr(0, line.find(' ')) + " " + field(line, "hash"));
    return out;
  };
  const auto plain = hashes(robot_with_noise("plain", ""));
  const auto seven = hashes(robot_with_noise("seven", "{stddev: 3, seed: 7}"));
  const auto seven_again = hashes(robot_with_noise("seven_again", "{stddev: 3, seed: 7}"));
  const auto eight = hashes(robot_with_noise("eight", "{stddev: 3, seed: 8}"));
  REQUIRE(plain.size() == 4);
  CHECK(plain == hashes(test::cyberdog2()));  // no noise key: no noise
  CHECK(seven == seven_again);
  CHECK(seven[0] != plain[0]);  // rgb: noisy
  CHECK(seven[1] == plain[1]);  // depth: no noise declared
  CHECK(seven[0] != eight[0]);
  CHECK(seven[2] != seven[0]);  // each image its own noise
}

TEST_CASE("cameras: a Python controller reads the same images as a C plugin, in-process and sandboxed",
          "[cameras][gl][python]") {
  TempFolder folder;
  const RobotSpec robot = test::cyberdog2();
  const auto world = World::build(robot, ball_and_wall());
  const CameraPose rgb = start_pose(*world, "rgb");
  const auto [u, v] = project(rgb, kBall);  // the ball's orange
  const std::string at = std::to_string(u) + " " + std::to_string(v) + " 320 192";
  const std::string params = "u=" + std::to_string(u) + ",v=" + std::to_string(v) + ",du=320,dv=192";
  const std::string script = test::source_path("tests/fixtures/python/camera_probe.py");
  auto c_lines = run_probe(world, load_plugin(test::copy_plugin(folder, "camera_probe"), robot, at), 0.1);
  const auto in_process = run_probe(world, load_controller(script, robot, params, std::nullopt, nullptr), 0.1);
  SandboxLimits limits = sandbox_limits();
  limits.cpu_budget_per_call = 2.0;  // the interpreter's first call
  const auto sandboxed = run_probe(world, load_controller(script, robot, params, limits, nullptr), 0.1);
  for (std::string& line : c_lines) {  // the Python probe logs no hash
    const size_t hash = line.find(" hash=");
    REQUIRE(hash != std::string::npos);
    line.erase(hash, line.find(' ', hash + 1) - hash);
  }
  REQUIRE(c_lines.size() == 4);  // rgb and depth at 0 and 1/15 s
  INFO(c_lines[0]);
  CHECK(in_process == c_lines);
  CHECK(sandboxed == c_lines);
}
