// The log and announce extensions: what a plugin says during a step comes
// back with that step's outcome, bounded and cleaned, the same in-process
// and sandboxed; a plugin forging the shared buffer gets nothing past the
// bounds.
#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <vector>

#include "simarena/control/sandbox_controller.h"
#include "simarena/playback/replay_verify.h"
#include "simarena/replay/replay_reader.h"
#include "simarena/run/run_session.h"
#include "test_helpers.h"

using namespace simarena;
using test::copy_plugin;
using test::TempFolder;
using Kind = ControllerMessage::Kind;

namespace {

// The outcomes of `steps` control calls on a still robot.
std::vector<StepOutcome> run(Controller& controller, int steps) {
  std::vector<StepOutcome> outcomes;
  SimarenaRobotData data{};
  SimarenaMotorCmd cmd{};
  for (int i = 0; i < steps; ++i) outcomes.push_back(controller.step(i == 0, data, cmd));
  return outcomes;
}

// Both hosts, each with the plugin copied into the test's folder.
std::pair<std::vector<StepOutcome>, std::vector<StepOutcome>> both_hosts(const std::string& plugin,
                                                                         const std::string& params, int steps) {
  TempFolder folder;
  const std::filesystem::path path = copy_plugin(folder, plugin);
  const RobotSpec robot = test::cyberdog2();
  auto in_process = load_plugin(path, robot, params);
  SandboxController sandboxed(path, robot, params, test::plugin_limits());
  return {run(*in_process, steps), run(sandboxed, steps)};
}

void check_same(const std::vector<StepOutcome>& a, const std::vector<StepOutcome>& b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    INFO("step " << i);
    CHECK(a[i].kind == b[i].kind);
    CHECK(a[i].messages == b[i].messages);
    CHECK(a[i].messages_dropped == b[i].messages_dropped);
  }
}

}  // namespace

TEST_CASE("plugin ABI: log lines and announcements come back with their step, in-process and sandboxed") {
  const auto [in_process, sandboxed] = both_hosts("messages", "", 21);
  check_same(in_process, sandboxed);
  for (const auto& outcomes : {in_process, sandboxed}) {
    // attach's line arrives with the first step, before the step's own.
    REQUIRE(outcomes[0].messages.size() == 3);
    CHECK(outcomes[0].messages[0] == ControllerMessage{Kind::log, "attached to ABI 1"});
    CHECK(outcomes[0].messages[1] == ControllerMessage{Kind::log, "step 0"});
    CHECK(outcomes[0].messages[2] == ControllerMessage{Kind::announce, "target found at step 0"});
    REQUIRE(outcomes[7].messages.size() == 1);
    CHECK(outcomes[7].messages[0] == ControllerMessage{Kind::log, "step 7"});
    REQUIRE(outcomes[20].messages.size() == 2);
    CHECK(outcomes[20].messages[1] == ControllerMessage{Kind::announce, "target found at step 20"});
    for (const StepOutcome& o : outcomes) CHECK(o.messages_dropped == 0);
  }
}

TEST_CASE("plugin ABI: the C++ adapter's Log, Announce and Recognised reach the host") {
  const auto [in_process, sandboxed] = both_hosts("cxx_messenger", "", 7);
  check_same(in_process, sandboxed);
  REQUIRE(sandboxed[5].messages.size() == 3);
  CHECK(sandboxed[5].messages[0] == ControllerMessage{Kind::log, "user code 5"});
  CHECK(sandboxed[5].messages[1] == ControllerMessage{Kind::announce, "halfway"});
  CHECK(sandboxed[5].messages[2] == ControllerMessage{Kind::recognition, "识别到足球", SIMARENA_OBJECT_FOOTBALL});
  CHECK(sandboxed[6].messages == std::vector<ControllerMessage>{{Kind::log, "user code 6"}});
}

TEST_CASE("plugin ABI: too many or too long messages are bounded, cleaned and counted") {
  const auto [in_process, sandboxed] = both_hosts("messages", "flood", 3);
  check_same(in_process, sandboxed);
  for (const auto& outcomes : {in_process, sandboxed}) {
    // Step 0: attach's line + 20 from the step; 8 kept, 13 dropped.
    CHECK(outcomes[0].messages.size() == SIMARENA_MESSAGES_PER_STEP);
    CHECK(outcomes[0].messages_dropped == 13);
    const StepOutcome& o = outcomes[1];
    REQUIRE(o.messages.size() == SIMARENA_MESSAGES_PER_STEP);
    CHECK(o.messages_dropped == 12);
    // 1000 bytes cut to the bound, the cut marked with an ellipsis.
    CHECK(o.messages[0].kind == Kind::log);
    CHECK(o.messages[0].text.size() <= SIMARENA_MESSAGE_MAX_BYTES);
    CHECK(o.messages[0].text.size() >= SIMARENA_MESSAGE_MAX_BYTES - 3);
    CHECK(o.messages[0].text.substr(0, 200) == std::string(200, 'L'));
    CHECK(o.messages[0].text.ends_with("\xE2\x80\xA6"));
    // Control characters and invalid UTF-8 never pass.
    CHECK(o.messages[1] == ControllerMessage{Kind::announce, "bell   [31mred [0m \xEF\xBF\xBD\xEF\xBF\xBD end"});
    CHECK(o.messages[7].text == "flood 1.7");
  }
}

TEST_CASE("plugin ABI: a plugin forging the message buffer gets nothing past its bounds") {
  const auto [in_process, sandboxed] = both_hosts("message_forger", "", 2);
  check_same(in_process, sandboxed);
  for (const auto& outcomes : {in_process, sandboxed}) {
    const StepOutcome& o = outcomes[1];
    // count 1000 read as the 8 slots; the slot of kind 77 dropped and counted.
    REQUIRE(o.messages.size() == SIMARENA_MESSAGES_PER_STEP - 1);
    CHECK(o.messages_dropped == 6);
    // length 0xFFFFFFFF read as the slot's size, then cut to the bound.
    CHECK(o.messages[0].text.size() <= SIMARENA_MESSAGE_MAX_BYTES);
    CHECK(o.messages[0].text.starts_with(std::string(200, 'A')));
    CHECK(o.messages[1].text == "x");
  }
}

TEST_CASE("plugin ABI: messages become the run's events, recorded, and a replay re-creates them") {
  TempFolder folder;
  RunRequest request;
  request.controller = copy_plugin(folder, "messages").string();
  request.duration = 0.1;  // 50 steps
  request.sandbox = test::plugin_limits();
  request.replay = folder.path / "said.replay";
  const RunResult run = run_match(request, default_search_paths());
  std::vector<const MatchEvent*> logs, announcements;
  for (const MatchEvent& e : run.events) {
    if (e.type == MatchEventType::controller_log) logs.push_back(&e);
    if (e.type == MatchEventType::announcement) announcements.push_back(&e);
  }
  REQUIRE(logs.size() == 51);  // attach's line and one per step
  CHECK_THAT(logs[0]->detail, Catch::Matchers::StartsWith("attached to"));
  CHECK(logs[0]->time == 0.0);
  REQUIRE(announcements.size() == 5);  // steps 0, 10, ..., 40
  CHECK(announcements[1]->detail == "target found at step 10");
  CHECK(announcements[1]->time == Approx(0.020));

  // Verify re-creates each message on its tick from the recorded events alone.
  const Replay replay = read_replay(request.replay);
  CHECK(replay.events.size() == run.events.size());
  const VerifyOutcome out = verify_replay(replay, default_search_paths());
  INFO(out.message);
  CHECK(out.status == VerifyOutcome::Status::verified);

  SECTION("a flood is bounded per step, and the dropped ones are counted on the run") {
    request.params = "flood";
    request.replay = folder.path / "flood.replay";
    const RunResult flood = run_match(request, default_search_paths());
    uint32_t dropped = 0;
    size_t kept = 0;
    for (const MatchEvent& e : flood.events) {
      if (e.type == MatchEventType::messages_dropped) dropped += e.count;
      kept += e.type == MatchEventType::controller_log || e.type == MatchEventType::announcement;
    }
    CHECK(kept == 50 * SIMARENA_MESSAGES_PER_STEP);
    CHECK(dropped == 50 * (20 - SIMARENA_MESSAGES_PER_STEP) + 1);  // attach's line came with step 0
    CHECK(verify_replay(read_replay(request.replay), default_search_paths()).status == VerifyOutcome::Status::verified);
  }
}
