// Plugins built against the SDK from before the ABI's extensions existed
// (a frozen copy in tests/plugins/abi_v1) keep loading and running unrebuilt,
// in-process and sandboxed, with the same bits as when rebuilt.
#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>

#include "simarena/control/plugin_description.h"
#include "simarena/control/sandbox_controller.h"
#include "simarena/match/match.h"
#include "test_helpers.h"

using namespace simarena;
using test::copy_plugin;
using test::TempFolder;

namespace {

bool same_bits(const double* a, const double* b, int n) { return std::memcmp(a, b, sizeof(double) * n) == 0; }

}  // namespace

TEST_CASE("plugin ABI: the frozen v1 headers build a table without the extension entries") {
  TempFolder folder;
  const PluginDescription old = describe_plugin(copy_plugin(folder, "stand_abi_v1"));
  // The table ended at set_course_info then: 3 words + 4 function pointers.
  CHECK(old.struct_size == offsetof(SimarenaControllerApi, extensions));
  CHECK(old.struct_size < sizeof(SimarenaControllerApi));
  CHECK(old.abi_version == 1);
  CHECK(old.name == "stand");
  CHECK(old.takes_course_info);
  CHECK_FALSE(old.attaches);
  CHECK(old.extensions.empty());
  CHECK(old.problem.empty());
  const PluginDescription c_plugin = describe_plugin(copy_plugin(folder, "scripted_abi_v1"));
  CHECK(c_plugin.struct_size == offsetof(SimarenaControllerApi, extensions));
  CHECK(c_plugin.problem.empty());
}

TEST_CASE("plugin ABI: stand built against the v1 SDK stands as the rebuilt one, in-process and sandboxed") {
  TempFolder folder;
  const std::filesystem::path old_stand = copy_plugin(folder, "stand_abi_v1");
  const RobotSpec robot = test::cyberdog2();
  auto world = World::build(robot, flat_arena());
  Match rebuilt(world, load_plugin(STAND_PLUGIN, robot, "kp=70"));
  Match old_in_process(world, load_plugin(old_stand, robot, "kp=70"));
  Match old_sandboxed(world, std::make_unique<SandboxController>(old_stand, robot, "kp=70", test::plugin_limits()));
  for (int i = 0; i < 2000; ++i) {
    rebuilt.tick();
    old_in_process.tick();
    old_sandboxed.tick();
  }
  const int nq = rebuilt.model()->nq;
  CHECK(rebuilt.data()->qpos[2] > 0.2);  // standing
  CHECK(same_bits(rebuilt.data()->qpos, old_in_process.data()->qpos, nq));
  CHECK(same_bits(rebuilt.data()->qpos, old_sandboxed.data()->qpos, nq));
  CHECK_FALSE(old_in_process.controller_stopped());
  CHECK_FALSE(old_sandboxed.controller_stopped());
  // An old parameter error still reads as before.
  CHECK_THROWS_WITH(load_plugin(old_stand, robot, "kpp=3"), Catch::Matchers::Contains("unknown parameter 'kpp'"));
}

TEST_CASE("plugin ABI: a C plugin built against the v1 header runs in-process and sandboxed alike") {
  TempFolder folder;
  const std::filesystem::path old_scripted = copy_plugin(folder, "scripted_abi_v1");
  const RobotSpec robot = test::cyberdog2();
  auto in_process = load_plugin(old_scripted, robot, "60 2 0.8 -1.5 3 5");
  SandboxController sandboxed(old_scripted, robot, "60 2 0.8 -1.5 3 5", test::plugin_limits());
  CHECK(in_process->name() == "scripted");
  CHECK(sandboxed.name() == "scripted");
  SimarenaRobotData data{};
  for (int tick = 0; tick < 8; ++tick) {
    SimarenaMotorCmd a{}, b{};
    const StepOutcome x = in_process->step(tick == 0, data, a);
    const StepOutcome y = sandboxed.step(tick == 0, data, b);
    INFO("tick " << tick);
    CHECK(x.kind == (tick >= 3 && tick < 5 ? StepOutcome::Kind::skipped : StepOutcome::Kind::sent));
    CHECK(y.kind == x.kind);
    CHECK(std::memcmp(&a, &b, sizeof(a)) == 0);
    CHECK(x.messages.empty());
    CHECK(y.messages.empty());
  }
}
