// Python controllers (docs/python.md): the python plugin runs a .py script
// on the same joint API, so a run, its replay, the sandbox and a tournament
// treat it like any plugin. The example stand.py stands the robot, in-process
// and sandboxed with the same replay; an exception, a syntax error and what
// the sandbox forbids are named in plain words.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "simarena/base/content_hash.h"
#include "simarena/control/controller_interface.h"
#include "simarena/control/sandbox_controller.h"
#include "simarena/match/match.h"
#include "simarena/physics/world.h"
#include "simarena/playback/replay_verify.h"
#include "simarena/replay/replay_reader.h"
#include "simarena/run/run_session.h"
#include "simarena/tournament/tournament_entries.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const std::string kStand = test::source_path("controllers/examples/python/stand.py");
std::string fixture(const std::string& name) { return test::source_path("tests/fixtures/python/" + name); }

RunResult run(const std::string& controller, const std::string& params, bool sandboxed, double duration,
              const std::filesystem::path& replay = {}) {
  RunRequest request;
  request.controller = controller;
  request.params = params;
  request.duration = duration;
  request.replay = replay;
  if (sandboxed) request.sandbox = SandboxLimits{};
  // A run with a replay is for a test of the same bits: run again if the CPU clock had a say.
  return replay.empty() ? run_match(request, default_search_paths()) : test::run_match_untimed(request);
}

std::string controller_error(const RunResult& result) {
  for (const MatchEvent& event : result.events)
    if (event.type == MatchEventType::controller_error) return event.detail;
  return {};
}

}  // namespace

TEST_CASE("python: stand.py stands the robot, in-process and sandboxed, with the same replay twice") {
  test::TempFolder folder;
  const auto in_process = run(kStand, "", false, 5, folder.path / "in-process.replay");
  const auto again = run(kStand, "", false, 5, folder.path / "again.replay");
  const auto sandboxed = run(kStand, "", true, 5, folder.path / "sandboxed.replay");
  for (const RunResult* result : {&in_process, &sandboxed}) {
    CHECK(result->controller_name == "stand");
    CHECK(result->final.base_position_m[2] > 0.2);
    CHECK(result->final.upright);
    CHECK(result->final.err_flag == 0);
    CHECK(result->final.startup_err_bit_cleared);
    CHECK(controller_error(*result).empty());
  }
  CHECK(sandboxed.sandbox_fault == "");
  const std::string replay = test::file_bytes(in_process.replay);
  REQUIRE(replay.size() > 10000);
  // A second script module in the same interpreter: the same bits.
  CHECK(test::first_difference(in_process.replay, again.replay) == "");
  CHECK(test::first_difference(in_process.replay, sandboxed.replay) == "");
  // The replay names the script and its content, as it names a plugin .so.
  const Replay recorded = read_replay(in_process.replay);
  CHECK(recorded.header["controller"]["file"] == "stand.py");
  CHECK(recorded.header["controller"]["hash"] == hash_file(kStand));
  // Verified without the controller, like any replay.
  CHECK(verify_replay(recorded, default_search_paths()).status == VerifyOutcome::Status::verified);
}

TEST_CASE("python: -p reaches the controller, and an unknown key is refused at load") {
  const RobotSpec robot = test::cyberdog2();
  CHECK_THROWS_WITH(load_plugin(kStand, robot, "kpp=3"),
                    StartsWith(kStand + ": controller refused to start:") && Contains("unknown parameter 'kpp'"));
  CHECK_THROWS_WITH(load_plugin(kStand, robot, "kp=300"), Contains("parameter kp=300 is outside [0, 200]"));
  // A softer stand sags lower: the parameter reached user_code.
  const auto soft = run(kStand, "kp=30", false, 4);
  const auto stiff = run(kStand, "kp=120", false, 4);
  CHECK(soft.final.base_position_m[2] < stiff.final.base_position_m[2] - 0.002);
}

TEST_CASE("python: an exception ends the run as a controller fault with the traceback's last lines") {
  for (const bool sandboxed : {false, true}) {
    INFO((sandboxed ? "sandboxed" : "in-process"));
    const auto result = run(fixture("raises.py"), "at=10", sandboxed, 0.5);
    const std::string words = controller_error(result);
    CHECK_THAT(words, StartsWith("controller reported an error: Python exception in user_code: ZeroDivisionError: "
                                 "float division by zero (at raises.py:7 in divide(): return a / b, called from "
                                 "raises.py:18 in user_code(): divide(1.0, 0.0))"));
    CHECK(result.sandbox_fault.empty());  // the plugin said so itself: not a sandbox fault
  }
}

TEST_CASE("python: a syntax error is reported at load with the file and line") {
  const RobotSpec robot = test::cyberdog2();
  const std::string script = fixture("syntax_error.py");
  const std::string words = script +
                            ": controller refused to start: syntax_error.py:6:24: SyntaxError: invalid "
                            "syntax: def user_code(self first_run):";
  CHECK_THROWS_WITH(load_plugin(script, robot, ""), StartsWith(words));
  CHECK_THROWS_WITH(SandboxController(script, robot, "", SandboxLimits{}), StartsWith(words));
  CHECK_THROWS_WITH(load_plugin(fixture("no_such.py"), robot, ""), Contains("controller script not found"));
}

TEST_CASE("python: the sandbox names an endless loop, a socket and a new process") {
  const auto fault = [](int act) {
    return run(fixture("misbehaves.py"), "at=10,act=" + std::to_string(act), true, 0.3).sandbox_fault;
  };
  CHECK_THAT(fault(1), StartsWith("controller exceeded its CPU budget at t = 0.018 s"));
  CHECK_THAT(fault(2), StartsWith("controller attempted a forbidden system call (socket) at t = 0.018 s"));
  CHECK_THAT(fault(3), StartsWith("controller attempted a forbidden system call"));
  // Files: only what a C plugin may read (the interpreter's own are under /usr).
  const auto reads = run(fixture("misbehaves.py"), "at=10,act=4", true, 0.3);
  CHECK(reads.sandbox_fault.empty());
  CHECK_THAT(controller_error(reads), Contains("PermissionError: [Errno 13] Permission denied: '/etc/hostname'"));
  CHECK(controller_error(run(fixture("misbehaves.py"), "at=10,act=4", false, 0.3)).empty());  // in-process: no sandbox
}

TEST_CASE("python: the python plugin alone, without a script, refuses to start and says how to run one") {
  CHECK_THROWS_WITH(load_plugin(PYTHON_PLUGIN, test::cyberdog2(), ""),
                    Contains("the python plugin runs a Python script: give the script as the controller"));
  CHECK_THAT(list_controllers(default_search_paths()), !Catch::Matchers::VectorContains(std::string("python")));
}

TEST_CASE("python: trot.py, the simplest gait of the reference trot, walks forward upright") {
  const auto result = run(test::source_path("controllers/examples/python/trot.py"), "", false, 10);
  CHECK(controller_error(result).empty());
  CHECK(result.final.upright);
  CHECK(result.final.base_position_m[0] > 1.0);
  CHECK(std::abs(result.final.base_position_m[1]) < 0.1);
}

TEST_CASE("python: a tournament with a Python and a C++ entry ranks both and names a raising entry's fault") {
  test::TempFolder dir;
  const std::filesystem::path entries = dir.path / "entries";
  std::filesystem::create_directories(entries / "py-raises");
  std::filesystem::copy_file(kStand, entries / "py-stand.py");
  std::filesystem::create_symlink(TROT_PLUGIN, entries / "cxx-trot.so");
  std::filesystem::copy_file(fixture("raises.py"), entries / "py-raises" / "raises.py");
  std::ofstream(entries / "py-raises" / "params") << "at=10\n";
  REQUIRE(find_entries(entries).size() == 3);

  const std::filesystem::path out = dir.path / "out";
  // A CPU budget no call reaches: a loaded machine's rare slow call (3.6 ms
  // under ASan) must not stop py-stand; the budget is not what this tests.
  const std::string command = std::string(SIMARENA_EXECUTABLE) + " tournament " + entries.string() + " --tracks " +
                              test::source_path("tests/fixtures/tournament/sprint-3m.yaml") +
                              " --jobs 2 --cpu-budget 50 --out " + out.string() + " > " + (dir.path / "log").string() +
                              " 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  INFO(test::file_bytes(dir.path / "log"));
  const nlohmann::json board = nlohmann::json::parse(test::file_bytes(out / "leaderboard.json"));
  CHECK(board["runs"]["recorded"] == 3);
  const auto& rows = board["tracks"][0]["rows"];
  REQUIRE(rows.size() == 3);
  CHECK(rows[0]["entry"] == "cxx-trot");  // it finishes the 3 m
  CHECK(rows[0]["place"] == 1);
  nlohmann::json stand;
  for (const auto& row : rows)
    if (row["entry"] == "py-stand") stand = row;
  CHECK(stand["place"] == 2);  // it stands, scored, behind the finisher
  CHECK(stand["runs"][0]["result"] == "timeout");
  REQUIRE(board["failed"].size() == 1);
  CHECK(board["failed"][0]["entry"] == "py-raises");
  CHECK_THAT(board["failed"][0]["faults"][0]["reason"].get<std::string>(),
             StartsWith("controller reported an error: Python exception in user_code: ZeroDivisionError") &&
                 Contains("raises.py:7 in divide()"));
}

TEST_CASE("python: the views carry each tick's data, course information and the previous command, log and announce") {
  const RobotSpec robot = test::cyberdog2();
  SimarenaCourseInfo info{};
  info.struct_size = sizeof(info);
  info.available = 1;
  info.next_gate_index = 2;
  info.gate_count = 8;
  info.next_gate_body[0] = 1.5f;
  info.next_gate_body[1] = -0.25f;
  info.next_gate_heading = 0.3f;
  info.next_gate_width = 0.8f;
  for (const bool sandboxed : {false, true}) {
    INFO((sandboxed ? "sandboxed" : "in-process"));
    std::unique_ptr<Controller> echo =
        sandboxed ? std::make_unique<SandboxController>(fixture("echo.py"), robot, "", SandboxLimits{})
                  : load_plugin(fixture("echo.py"), robot, "");
    CHECK(echo->name() == "echo");
    SimarenaRobotData data{};
    SimarenaMotorCmd cmd{};
    for (int tick = 0; tick < 3; ++tick) {
      data.q[0] = 0.1f * static_cast<float>(tick + 1);
      data.err_flag = static_cast<int16_t>(tick == 0 ? 0x02 : 0);
      data.ctrl_topic_interval = 2.0f;
      if (tick == 2) echo->set_course_info(info);
      const StepOutcome outcome = echo->step(tick == 0, data, cmd);
      REQUIRE(outcome.kind == StepOutcome::Kind::sent);
      CHECK(cmd.q_des[0] == data.q[0]);
      CHECK(cmd.q_des[1] == data.err_flag);
      CHECK(cmd.q_des[2] == 2.0f);
      CHECK(cmd.kp_des[5] == static_cast<float>(tick + 1));
      REQUIRE(outcome.messages.size() == (tick == 2 ? 3u : 2u));
      CHECK(outcome.messages[0] ==
            ControllerMessage{ControllerMessage::Kind::log, tick == 0 ? "first_run=True" : "first_run=False"});
      CHECK(outcome.messages[1] ==
            ControllerMessage{ControllerMessage::Kind::announce, tick == 2 ? "gate seen" : "no course"});
      if (tick == 2)
        CHECK(outcome.messages[2] ==
              ControllerMessage{ControllerMessage::Kind::recognition, "识别到限高杆", SIMARENA_OBJECT_LOW_BAR});
    }
    CHECK(cmd.tau_des[0] == 1);
    CHECK(cmd.tau_des[1] == 2);
    CHECK(cmd.tau_des[2] == 8);
    CHECK(cmd.tau_des[3] == 1.5f);
    CHECK(cmd.tau_des[4] == -0.25f);
    CHECK(cmd.tau_des[5] == 0.3f);
    CHECK(cmd.tau_des[6] == 0.8f);
  }
}

TEST_CASE("python: a high-level script walks through the robot's motion controller, sandboxed or not, same replay") {
  test::TempFolder folder;
  const std::string script = test::source_path("controllers/examples/python/high_level_walk.py");
  const auto in_process = run(script, "vx=0.5 walk=4", false, 10, folder.path / "in-process.replay");
  const auto sandboxed = run(script, "vx=0.5 walk=4", true, 10, folder.path / "sandboxed.replay");
  for (const RunResult* result : {&in_process, &sandboxed}) {
    INFO("x " << result->final.base_position_m[0] << " m, height " << result->final.base_position_m[2] << " m");
    CHECK(result->interface == CommandLevel::high_level);
    CHECK(result->report["interface"] == "high_level");
    CHECK(result->final.base_position_m[0] > 1.6);  // 4 s at 0.5 m/s, with the ramps
    CHECK(std::abs(result->final.base_position_m[1]) < 0.2);
    CHECK(result->final.base_position_m[2] < 0.13);  // then lay down
    CHECK(result->final.upright);
    CHECK_FALSE(result->final.through_motor_sdk);
    CHECK(controller_error(*result).empty());
  }
  CHECK(sandboxed.sandbox_fault == "");
  CHECK(test::first_difference(in_process.replay, sandboxed.replay) == "");
  CHECK(verify_replay(read_replay(in_process.replay), default_search_paths()).status ==
        VerifyOutcome::Status::verified);

  // A motor-level script is not given the interface: it says how to ask for it.
  const std::filesystem::path motor = folder.path / "motor_sends_frames.py";
  std::ofstream(motor) << "from simarena import CustomInterface, HighLevelCmd\n"
                          "class Ctrl(CustomInterface):\n"
                          "    def user_code(self, first_run):\n"
                          "        self.send_high_level(HighLevelCmd(mode=12, life_count=1))\n";
  const auto refused = run(motor.string(), "", false, 0.1);
  CHECK(refused.interface == CommandLevel::motor);
  CHECK_THAT(controller_error(refused), Contains("set interface = \"high_level\""));
  // An interface it does not know is refused at load.
  const std::filesystem::path unknown = folder.path / "unknown_interface.py";
  std::ofstream(unknown) << "from simarena import CustomInterface\n"
                            "class Ctrl(CustomInterface):\n"
                            "    interface = 'joints'\n"
                            "    def user_code(self, first_run):\n"
                            "        pass\n";
  CHECK_THROWS_WITH(load_plugin(unknown, test::cyberdog2(), ""), Contains("must be \"motor\" or \"high_level\""));
}

TEST_CASE("python: a high-level script plays a preset motion (mode 62) and reads the robot's answer, same replay") {
  test::TempFolder folder;
  const std::filesystem::path script = folder.path / "hi_five.py";
  std::ofstream(script)
      << "from simarena import CustomInterface, HighLevelCmd\n"
         "class HiFive(CustomInterface):\n"
         "    interface = 'high_level'\n"
         "    def __init__(self, context):\n"
         "        self.frame = HighLevelCmd(mode=12, life_count=1)\n"
         "        self.step = 'stand'\n"
         "        self.bars = []\n"
         "    def order(self, mode, gait_id=0):\n"
         "        self.frame = HighLevelCmd(mode=mode, gait_id=gait_id, life_count=self.frame.life_count + 1)\n"
         "    def user_code(self, first_run):\n"
         "        robot = self.read_high_level_response()\n"
         "        if robot and self.step == 'stand' and robot.mode == 12 and robot.order_process_bar >= 95:\n"
         "            self.order(62, 1)\n"
         "            self.step = 'hi five'\n"
         "        elif robot and self.step == 'hi five':\n"
         "            if robot.mode == 62:\n"
         "                if robot.gait_id != 1 or robot.switch_status != 0:\n"
         "                    raise RuntimeError(f'motion reported as gait {robot.gait_id}, status "
         "{robot.switch_status}')\n"
         "                self.bars.append(robot.order_process_bar)\n"
         "            elif self.bars:\n"
         "                self.log(f'hi five done: bar {min(self.bars)}..{max(self.bars)}, then "
         "{robot.mode}/{robot.gait_id}')\n"
         "                self.order(7, 1)\n"
         "                self.step = 'lie'\n"
         "        self.send_high_level(self.frame)\n";
  const auto in_process = run(script.string(), "", false, 15, folder.path / "in-process.replay");
  const auto sandboxed = run(script.string(), "", true, 15, folder.path / "sandboxed.replay");
  for (const RunResult* result : {&in_process, &sandboxed}) {
    std::string logged;
    for (const MatchEvent& event : result->events)
      if (event.type == MatchEventType::controller_log) logged += event.detail;
    INFO("logged: " << logged << "; height " << result->final.base_position_m[2] << " m");
    CHECK(controller_error(*result).empty());
    CHECK(logged == "hi five done: bar 1..100, then 21/3");  // the robot's bar, then its pose hold
    CHECK(result->final.upright);
    CHECK(result->final.base_position_m[2] < 0.13);  // then lay down
  }
  CHECK(test::first_difference(in_process.replay, sandboxed.replay) == "");
  CHECK(verify_replay(read_replay(in_process.replay), default_search_paths()).status ==
        VerifyOutcome::Status::verified);
}

TEST_CASE("python: a high-level script sends a crawl schedule and walks the user gait (11/110), sandboxed or not") {
  test::TempFolder folder;
  const std::filesystem::path script = folder.path / "crawl.py";
  std::ofstream(script)
      << "from simarena import CustomInterface, HighLevelCmd\n"
         "def section(contact, steps):\n"
         "    return f'[[section]]\\ncontact = {contact}\\nduration = {steps}\\n'\n"
         "CRAWL = '# Gait Def\\n' + section([1, 1, 1, 1], 12) + ''.join(\n"
         "    section(c, 6) + section([1, 1, 1, 1], 4)\n"
         "    for _ in range(6) for c in ([0, 1, 1, 1], [1, 1, 1, 0], [1, 0, 1, 1], [1, 1, 0, 1])\n"
         ") + section([1, 1, 1, 1], 30)\n"
         "class Crawl(CustomInterface):\n"
         "    interface = 'high_level'\n"
         "    def __init__(self, context):\n"
         "        self.frame = HighLevelCmd(mode=12, life_count=1)\n"
         "        self.step = 'send'\n"
         "        self.ticks = 0\n"
         "    def order(self, **fields):\n"
         "        self.frame = HighLevelCmd(life_count=self.frame.life_count + 1, **fields)\n"
         "        self.ticks = 0\n"
         "    def user_code(self, first_run):\n"
         "        robot = self.read_high_level_response()\n"
         "        self.ticks += 1\n"
         "        if self.step == 'send':\n"
         "            self.send_gait_file(CRAWL)\n"
         "            self.step = 'stand'\n"
         "        elif self.step == 'stand' and robot and robot.mode == 12 and robot.order_process_bar >= 95:\n"
         "            self.log(f'schedule answered {self.gait_file_result()}')\n"
         "            self.order(mode=11, gait_id=1)\n"
         "            self.step = 'loco stand'\n"
         "        elif self.step == 'loco stand' and self.ticks > 500:\n"
         "            self.order(mode=11, gait_id=110, vel_des=[0.15, 0, 0], step_height=[40040, 40040], contact=10)\n"
         "            self.step = 'crawl'\n"
         "        elif self.step == 'crawl' and self.ticks % 500 == 0 and robot:\n"
         "            self.log(f' {robot.mode}/{robot.gait_id}')\n"
         "        self.send_high_level(self.frame)\n";
  const auto in_process = run(script.string(), "", false, 16, folder.path / "in-process.replay");
  const auto sandboxed = run(script.string(), "", true, 16, folder.path / "sandboxed.replay");
  for (const RunResult* result : {&in_process, &sandboxed}) {
    std::string logged;
    for (const MatchEvent& event : result->events)
      if (event.type == MatchEventType::controller_log) logged += event.detail;
    INFO("logged: " << logged << "; at x " << result->final.base_position_m[0] << " m");
    CHECK(controller_error(*result).empty());
    CHECK_THAT(logged, StartsWith("schedule answered 0 11/110 11/110"));
    CHECK(result->final.upright);
    CHECK(result->final.base_position_m[0] > 1.0);  // 8.5 s of schedule at 0.15 m/s: 1.27 m
  }
  CHECK(test::first_difference(in_process.replay, sandboxed.replay) == "");
}
