// Bad robot, track and rule files: every message names the file (and the
// line where there is one), MuJoCo never waits on stdin or writes
// MUJOCO_LOG.TXT, unusable numbers and duplicated keys are refused, and
// names reach the generated MJCF escaped.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include "simarena/base/input_error.h"
#include "simarena/physics/world.h"
#include "simarena/track/rules.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_mjcf.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string replaced(std::string text, const std::string& find, const std::string& with) {
  const size_t at = text.find(find);
  REQUIRE(at != std::string::npos);
  return text.replace(at, find.size(), with);
}

// A copy of the CyberDog 2 robot in `dir` whose robot.yaml and MJCF are the
// shipped ones with `edit_yaml` and `edit_mjcf` applied.
struct RobotCopy {
  std::filesystem::path yaml;
  std::filesystem::path mjcf;
};
RobotCopy robot_copy(const std::filesystem::path& dir, const std::function<std::string(std::string)>& edit_yaml,
                     const std::function<std::string(std::string)>& edit_mjcf) {
  RobotCopy copy{dir / "robot.yaml", dir / "cyberdog2.xml"};
  std::ofstream(copy.yaml) << edit_yaml(read_file(test::source_path("models/cyberdog2/robot.yaml")));
  std::ofstream(copy.mjcf) << edit_mjcf(read_file(test::source_path("models/cyberdog2/cyberdog2.xml")));
  return copy;
}
std::string same(std::string text) { return text; }

std::string robot_error(const RobotCopy& copy) {
  try {
    World::build(load_robot_spec(copy.yaml), flat_arena());
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

std::string mjcf_error(const std::filesystem::path& dir, const std::function<std::string(std::string)>& edit_mjcf) {
  return robot_error(robot_copy(dir, same, edit_mjcf));
}

std::string yaml_error(const std::filesystem::path& dir, const std::function<std::string(std::string)>& edit_yaml) {
  const RobotCopy copy = robot_copy(dir, edit_yaml, same);
  try {
    load_robot_spec(copy.yaml);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

const char* kTrack = R"(format_version: 1
name: test
rules: standard
time_limit: 30
lane: {width: 1.0}
start: {x: -0.5, y: 0}
course:
  - flat: {length: 2}
  - slope: {length: 2, rise: 0.2}
)";

std::filesystem::path write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
  return path;
}

std::string track_error(const std::filesystem::path& path) {
  try {
    World::build(test::cyberdog2(), track_arena(load_track(path), 0));
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

std::string rules_error(const std::filesystem::path& path) {
  try {
    load_rules(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// Runs `body` in a child process with stdin on /dev/null and `folder` as its
// working folder; returns what it wrote to `out` and its exit status, or
// kills it after 60 s (a MuJoCo waiting for Enter would hang here).
struct ChildResult {
  std::string output;
  int status = -1;
  bool timed_out = false;
};
ChildResult run_child(const std::filesystem::path& folder, const std::function<std::string()>& body) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    const int null = open("/dev/null", O_RDONLY);
    if (null < 0 || dup2(null, STDIN_FILENO) < 0 || chdir(folder.c_str()) != 0) _exit(90);
    std::string text;
    try {
      text = body();
    } catch (...) {
      _exit(91);
    }
    const ssize_t written = ::write(fds[1], text.data(), text.size());
    _exit(written == static_cast<ssize_t>(text.size()) ? 0 : 92);
  }
  close(fds[1]);
  ChildResult result;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      result.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  char buffer[4096];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof(buffer))) > 0;) result.output.append(buffer, static_cast<size_t>(n));
  close(fds[0]);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace

TEST_CASE("an empty or garbage MJCF: an error naming the file, nothing read from stdin, no MUJOCO_LOG.TXT", "[input]") {
  test::TempFolder tmp;
  const std::filesystem::path work = tmp.path / "work";
  std::filesystem::create_directories(work);
  struct Case {
    std::string contents, message;
  };
  const std::vector<Case> cases = {
      {"", "the MJCF file is empty"},
      {"\n\n  \n", "the MJCF file is empty"},
      {"<mujoco>\n  <worldbody>\n    <body name=\"trunk\">\n  </worldbody>\n</mujoco>\n", "MuJoCo cannot compile"},
      {"\x01\x02 not xml at all \xff", "MuJoCo cannot compile"},
  };
  for (const Case& c : cases) {
    const RobotCopy copy = robot_copy(tmp.path, same, [&](std::string) { return c.contents; });
    const ChildResult child = run_child(work, [&] { return robot_error(copy); });
    INFO(child.output);
    CHECK_FALSE(child.timed_out);
    CHECK(child.status == 0);
    CHECK_THAT(child.output, StartsWith(copy.mjcf.string() + ":"));
    CHECK_THAT(child.output, Contains(c.message));
    CHECK_FALSE(std::filesystem::exists(work / "MUJOCO_LOG.TXT"));
  }
}

TEST_CASE("MuJoCo's errors carry the line and column in the robot's MJCF", "[input]") {
  test::TempFolder tmp;
  // A misspelt attribute on line 66 (a schema error).
  std::string error = mjcf_error(tmp.path, [](std::string s) {
    return replaced(s, R"(<geom name="trunk_geom" class="trunk")", R"(<geom name="trunk_geom" clas="trunk")");
  });
  CHECK_THAT(error, StartsWith(tmp.path.string() + "/cyberdog2.xml:66:"));
  CHECK_THAT(error, Contains("unrecognized attribute: 'clas'"));
  CHECK_THAT(error, !Contains("\n"));
  // A broken tag on line 85 (an XML syntax error).
  error = mjcf_error(tmp.path, [](std::string s) {
    return replaced(s, R"(<geom name="FR_foot" class="foot" pos="0 0 -0.1739"/>)", R"(<geom name="FR_foot" <)");
  });
  CHECK_THAT(error, StartsWith(tmp.path.string() + "/cyberdog2.xml:85"));
  // A compiler error on line 74: a joint naming a class that does not exist.
  error = mjcf_error(tmp.path, [](std::string s) {
    return replaced(s, R"(<joint name="FR_abad" class="abad"/>)",
                    R"(<joint name="FR_abad" class="abad" range="1 0"/>)");
  });
  INFO(error);
  CHECK_THAT(error, StartsWith(tmp.path.string() + "/cyberdog2.xml:74:"));
}

TEST_CASE("NaN, infinite and absurd numbers in the MJCF are refused at load", "[input]") {
  test::TempFolder tmp;
  const std::string file = tmp.path.string() + "/cyberdog2.xml";
  std::string error = mjcf_error(tmp.path, [](std::string s) {
    return replaced(s, R"(size="0.118 0.095 0.0545")", R"(size="nan 0.095 0.0545")");
  });
  CHECK_THAT(error, StartsWith(file + ":66:"));
  CHECK_THAT(error, Contains("NaN"));
  error = mjcf_error(tmp.path, [](std::string s) {
    return replaced(s, R"(<geom name="head_geom" class="head" pos="0.256 0 0.12")",
                    R"(<geom name="head_geom" class="head" pos="0.256 0 inf")");
  });
  CHECK_THAT(error, StartsWith(file + ":67:"));
  CHECK_THAT(error, Contains("geom_pos of 'head_geom' is NaN or infinite"));
  error = mjcf_error(tmp.path, [](std::string s) {
    return replaced(s, R"(mass="0.354")", R"(mass="1e30")");  // FR_abad, line 72
  });
  CHECK_THAT(error, StartsWith(file + ":72:"));
  CHECK_THAT(error, Contains("body_mass of 'FR_abad'"));
  CHECK_THAT(error, Contains("at most 1000 kg"));
  // Timestep and integrator are the simulator's (robot.yaml), so a NaN in <option> is refused too.
  error = mjcf_error(tmp.path, [](std::string s) {
    return replaced(s, R"(<option timestep="0.001")", R"(<option timestep="0.001" gravity="0 0 -inf")");
  });
  CHECK_THAT(error, StartsWith(file + ":"));
  CHECK_THAT(error, Contains("NaN or infinite"));
}

TEST_CASE("a robot whose model blows up by itself is refused at load", "[input]") {
  test::TempFolder tmp;
  // A knee spring of 10^12 N·m/rad on a shank of 10^-3 kg·m²: no 1 ms step can integrate it.
  const std::string error = mjcf_error(tmp.path, [](std::string s) {
    return replaced(s, R"(<joint name="FR_knee" class="knee"/>)",
                    R"(<joint name="FR_knee" class="knee" stiffness="1e12"/>)");
  });
  INFO(error);
  CHECK_THAT(error, StartsWith(tmp.path.string() + "/cyberdog2.xml:"));
  CHECK_THAT(error, Contains("unstable at load"));
}

TEST_CASE("duplicated keys are errors at the line of the second one", "[input]") {
  test::TempFolder tmp;
  const std::string robot = yaml_error(tmp.path, [](std::string s) {
    return replaced(s, "base_body: trunk\n", "base_body: trunk\nbase_body: FR_abad\n");
  });
  CHECK_THAT(robot, StartsWith((tmp.path / "robot.yaml").string() + ":"));
  CHECK_THAT(robot, Contains("key 'base_body' appears twice"));

  const auto track = write(tmp.path / "track.yaml", replaced(kTrack, "{length: 2}", "{length: 2, length: 30}"));
  CHECK_THAT(track_error(track), StartsWith(track.string() + ":8:23:"));
  CHECK_THAT(track_error(track), Contains("key 'length' appears twice"));

  const std::string rules_text = read_file(test::source_path("arenas/rules/standard.yaml"));
  const auto rules = write(tmp.path / "rules.yaml", rules_text + "course_info: next_gate\n");
  CHECK_THAT(rules_error(rules), Contains("key 'course_info' appears twice"));
  CHECK_THAT(rules_error(rules), StartsWith(rules.string() + ":"));
}

TEST_CASE("NaN, infinite, negative and absurd numbers in YAML are refused with file and line", "[input]") {
  test::TempFolder tmp;
  struct Case {
    std::string find, replace, where, message;
  };
  const std::vector<Case> robot_cases = {
      {"physics_timestep: 0.001", "physics_timestep: .nan", ":11:", "must be a finite number"},
      {"physics_timestep: 0.001", "physics_timestep: 1e-300", ":", "1e-5 <= physics_timestep"},
      {"control_period: 0.002", "control_period: 1e300", ":", "physics_timestep <= control_period <= 0.1"},
      {"physics_timestep: 0.001", "physics_timestep: -.inf", ":11:", "must be a finite number"},
  };
  for (const Case& c : robot_cases) {
    const std::string error = yaml_error(tmp.path, [&](std::string s) { return replaced(s, c.find, c.replace); });
    INFO(error);
    CHECK_THAT(error, StartsWith((tmp.path / "robot.yaml").string() + c.where));
    CHECK_THAT(error, Contains(c.message));
  }
  const auto track = write(tmp.path / "t.yaml", replaced(kTrack, "start: {x: -0.5, y: 0}", "start: {x: -1e300, y: 0}"));
  CHECK_THAT(track_error(track), StartsWith(track.string() + ":6:12:"));
  const std::string rules_text = read_file(test::source_path("arenas/rules/standard.yaml"));
  const auto rules =
      write(tmp.path / "r.yaml", replaced(rules_text, "lane_exit: {penalty_s: 5", "lane_exit: {penalty_s: 1e308"));
  CHECK_THAT(rules_error(rules), StartsWith(rules.string() + ":13:"));
  CHECK_THAT(rules_error(rules), Contains("between 0 and 1e6"));
}

TEST_CASE("names: any printable UTF-8 up to 64 bytes, escaped in the generated MJCF", "[input]") {
  test::TempFolder tmp;
  // Quotes, <, & and Chinese: all valid, and the world still compiles.
  const auto quoted =
      write(tmp.path / "q.yaml", replaced(kTrack, "name: test", R"(name: "Bob's \"fast\" <track> & 障碍赛")"));
  const Track track = load_track(quoted);
  CHECK(track.name == R"(Bob's "fast" <track> & 障碍赛)");
  const auto world = World::build(test::cyberdog2(), track_arena(track, 0));
  CHECK_THAT(world->world_xml(), Contains("Bob&apos;s &quot;fast&quot; &lt;track&gt; &amp; 障碍赛"));

  struct Case {
    std::string name, message;
  };
  const std::vector<Case> cases = {
      {"\"bell\\a\"", "without control characters"},
      {"\"tab\\tname\"", "must be printable UTF-8"},
      {"bad\xff\xfe", "must be UTF-8 text"},
      {std::string(65, 'x'), "is 65 bytes long; names are at most 64 bytes"},
      {"\"\"", "must not be empty"},
  };
  for (const Case& c : cases) {
    const auto path = write(tmp.path / "n.yaml", replaced(kTrack, "name: test", "name: " + c.name));
    const std::string error = track_error(path);
    INFO(error);
    CHECK_THAT(error, StartsWith(path.string() + ":2:7:"));
    CHECK_THAT(error, Contains(c.message));
  }
  const std::string robot =
      yaml_error(tmp.path, [](std::string s) { return replaced(s, "name: cyberdog2", "name: \"dog\\x1b[31m\""); });
  CHECK_THAT(robot, StartsWith((tmp.path / "robot.yaml").string() + ":"));
  CHECK_THAT(robot, Contains("without control characters"));
  CHECK_THAT(robot, !Contains("\x1b"));
  // Other text may hold line breaks and tabs, not other control characters.
  const auto description =
      write(tmp.path / "d.yaml", replaced(kTrack, "name: test", "name: test\ndescription: \"a\\x07b\""));
  CHECK_THAT(track_error(description), StartsWith(description.string() + ":3:"));
  CHECK_THAT(track_error(description), Contains("'description' must be UTF-8 text without control characters"));
  const auto lines =
      write(tmp.path / "l.yaml", replaced(kTrack, "name: test", "name: test\ndescription: \"a\\nb\\tc\""));
  CHECK(load_track(lines).description == "a\nb\tc");
}

TEST_CASE("over-long strings are refused naming the file, not as 'File name too long'", "[input]") {
  test::TempFolder tmp;
  const std::string huge(100'000, 'a');
  const std::string robot =
      yaml_error(tmp.path, [&](std::string s) { return replaced(s, "mjcf: cyberdog2.xml", "mjcf: " + huge); });
  CHECK_THAT(robot, StartsWith((tmp.path / "robot.yaml").string() + ":"));
  CHECK_THAT(robot, Contains("'mjcf' is 100000 bytes long"));
  CHECK(robot.size() < 400);
  const std::string component = yaml_error(
      tmp.path, [&](std::string s) { return replaced(s, "mjcf: cyberdog2.xml", "mjcf: " + std::string(300, 'b')); });
  CHECK_THAT(component, StartsWith((tmp.path / "robot.yaml").string() + ":"));
  CHECK_THAT(component, Contains("longer than 255 bytes"));

  const auto rules = write(tmp.path / "t.yaml", replaced(kTrack, "rules: standard", "rules: " + std::string(300, 'r')));
  CHECK_THAT(track_error(rules), StartsWith(rules.string() + ":3:"));
  CHECK_THAT(track_error(rules), Contains("longer than 255 bytes"));
  const auto description =
      write(tmp.path / "d.yaml", replaced(kTrack, "rules: standard", "rules: standard\ndescription: " + huge));
  CHECK_THAT(track_error(description), StartsWith(description.string() + ":4:"));
  CHECK_THAT(track_error(description), Contains("at most 4096 bytes"));
}

TEST_CASE("an error in the generated arena XML names the track file and element, not the robot's MJCF", "[input]") {
  test::TempFolder tmp;
  // An arena whose element from line 9 of its track file MuJoCo rejects.
  SceneMjcf arena = flat_arena();
  arena.name = "broken";
  arena.source = (tmp.path / "broken.yaml").string();
  arena.worldbody += R"(
    <geom name="terrain_1" type="box" size="1 1" pos="0 0 0"/>)";
  arena.source_lines["terrain_1"] = 9;
  std::string error = "no error";
  try {
    World::build(test::cyberdog2(), arena);
  } catch (const InputError& e) {
    error = e.what();
  }
  INFO(error);
  CHECK_THAT(error, StartsWith(arena.source + ":9: MuJoCo cannot compile the arena generated from this file"));
  CHECK_THAT(error, !Contains("cyberdog2.xml"));
}

TEST_CASE("a name the robot's MJCF shares with the arena is reported at its line in the MJCF", "[input]") {
  test::TempFolder tmp;
  const RobotCopy copy = robot_copy(tmp.path, same, [](std::string s) {
    return replaced(s, R"(<geom name="ears_geom")", R"(<geom name="terrain_1")");  // line 68
  });
  const auto track = write(tmp.path / "track.yaml", kTrack);
  std::string error = "no error";
  try {
    World::build(load_robot_spec(copy.yaml), track_arena(load_track(track), 0));
  } catch (const InputError& e) {
    error = e.what();
  }
  INFO(error);
  CHECK_THAT(error, StartsWith(copy.mjcf.string() + ":68: the name 'terrain_1' is also used by arena 'test'"));
  CHECK_THAT(error, Contains("rename it here"));
}

TEST_CASE("names robot.yaml gives that the MJCF lacks are reported at their line in robot.yaml", "[input]") {
  test::TempFolder tmp;
  const std::string sensor = robot_error(robot_copy(
      tmp.path, [](std::string s) { return replaced(s, "gyro_sensor: ", "gyro_sensor: x"); }, same));
  CHECK_THAT(sensor, StartsWith((tmp.path / "robot.yaml").string() + ":"));
  CHECK_THAT(sensor, !StartsWith((tmp.path / "robot.yaml").string() + ": "));
  CHECK_THAT(sensor, Contains("imu.gyro_sensor names sensor"));
  const std::string joint = robot_error(robot_copy(
      tmp.path, [](std::string s) { return replaced(s, "mjcf_joint: FR_knee", "mjcf_joint: FR_kne"); }, same));
  CHECK_THAT(joint, StartsWith((tmp.path / "robot.yaml").string() + ":50:"));
  CHECK_THAT(joint, Contains("no joint 'FR_kne'"));
  // A robot MJCF holding no body at all.
  CHECK_THAT(mjcf_error(tmp.path, [](std::string) { return "<mujoco/>"; }), Contains("the MJCF defines no body"));
}

TEST_CASE("a rule set that cannot be found is reported at the track's 'rules:' line", "[input]") {
  test::TempFolder tmp;
  const auto track = write(tmp.path / "t.yaml", replaced(kTrack, "rules: standard", "rules: no-such-rules"));
  std::string error = "no error";
  try {
    load_track_with_rules(track.string(), SearchPaths{{tmp.path}, {}});
  } catch (const InputError& e) {
    error = e.what();
  }
  CHECK_THAT(error, StartsWith(track.string() + ":3: rule set 'no-such-rules' not found"));
}
