// The extension mechanism's edges: a plugin needing an extension this
// simarena does not serve is refused at load, naming both; the C++
// adapter refuses host structs smaller than it reads; a plugin describes
// itself.
#include <dlfcn.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>

#include "simarena/base/input_error.h"
#include "simarena/control/plugin_description.h"
#include "simarena/control/sandbox_controller.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
using test::copy_plugin;
using test::TempFolder;

namespace {

// A plugin's table through dlopen, as a host of another version would see it.
struct RawPlugin {
  std::unique_ptr<void, int (*)(void*)> handle;
  const SimarenaControllerApi* api;
  explicit RawPlugin(const std::filesystem::path& path)
      : handle(dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL), dlclose), api(nullptr) {
    REQUIRE(handle != nullptr);
    auto entry = reinterpret_cast<SimarenaControllerEntry>(dlsym(handle.get(), SIMARENA_CONTROLLER_ENTRY));
    REQUIRE(entry != nullptr);
    api = entry();
  }
};

}  // namespace

TEST_CASE("plugin ABI: a plugin asking for an extension that is not served is refused at load") {
  TempFolder folder;
  const RobotSpec robot = test::cyberdog2();
  const auto unknown = copy_plugin(folder, "unknown_extension");
  const auto future = copy_plugin(folder, "future_extension_version");
  const auto unknown_words = Contains(
      "unknown_extension.so: controller 'unknown_extension' cannot run here: extension "
      "'simarena.teleport' (asked as 'simarena.teleport/1') is not served by this simarena "
      "(this simarena serves simarena.log/1, simarena.announce/2, simarena.high_level/2, simarena.script/1, "
      "simarena.camera/1)");
  const auto future_words = Contains(
      "future_extension_version.so: controller 'future_extension_version' cannot run here: extension "
      "'simarena.log' version 99 is asked for; this simarena serves up to version 1");
  // create() aborts: reaching it would end this test process.
  CHECK_THROWS_WITH(load_plugin(unknown, robot, ""), unknown_words);
  CHECK_THROWS_WITH(load_plugin(future, robot, ""), future_words);
  CHECK_THROWS_WITH(SandboxController(unknown, robot, "", test::plugin_limits()), unknown_words);
  CHECK_THROWS_WITH(SandboxController(future, robot, "", test::plugin_limits()), future_words);
}

TEST_CASE("plugin ABI: attach() refusing to start is a load error in its words, in-process and sandboxed") {
  TempFolder folder;
  const RobotSpec robot = test::cyberdog2();
  const auto path = copy_plugin(folder, "messages");
  const auto words = Contains("messages.so: controller refused to start: messages: refusing in attach as asked");
  CHECK_THROWS_WITH(load_plugin(path, robot, "refuse"), words);
  CHECK_THROWS_WITH(SandboxController(path, robot, "refuse", test::plugin_limits()), words);
}

TEST_CASE("plugin ABI: the C++ adapter refuses host structs smaller than it reads") {
  TempFolder folder;
  RawPlugin plugin(copy_plugin(folder, "cxx_messenger"));
  const SimarenaControllerApi& api = *plugin.api;
  REQUIRE(api.struct_size == sizeof(SimarenaControllerApi));
  const char* names[] = {"fr_abad"};
  char error[256] = "";

  // A robot info from a host that knew only its first two members.
  SimarenaRobotInfo short_info{8, "tiny", 1, names, 0.002, nullptr};
  CHECK(api.create(&short_info, "", error, sizeof(error)) == nullptr);
  CHECK_THAT(error, Contains("the host's SimarenaRobotInfo is 8 bytes, this controller reads 40"));

  SimarenaRobotInfo info{sizeof(SimarenaRobotInfo), "tiny", 1, names, 0.002, nullptr};
  void* instance = api.create(&info, "", error, sizeof(error));
  REQUIRE(instance != nullptr);
  std::unique_ptr<void, void (*)(void*)> guard(instance, api.destroy);

  SimarenaHost short_host{8, SIMARENA_CONTROLLER_ABI_VERSION, nullptr, nullptr};
  CHECK(api.attach(instance, &short_host, error, sizeof(error)) != 0);
  CHECK_THAT(error, Contains("the host's SimarenaHost is 8 bytes"));

  // A course info cut short: the next step says so instead of reading past it.
  SimarenaCourseInfo short_course{12, 1, 2, 5, {}, 0, 0, 0, {}, 0};
  api.set_course_info(instance, &short_course);
  SimarenaRobotData data{};
  SimarenaMotorCmd cmd{};
  CHECK(api.step(instance, 1, &data, &cmd, error, sizeof(error)) == SIMARENA_STEP_ERROR);
  CHECK_THAT(error, Contains("the host's SimarenaCourseInfo is 12 bytes"));
}

TEST_CASE("plugin ABI: a plugin describes its ABI, table size and required extensions") {
  TempFolder folder;
  const PluginDescription d = describe_plugin(copy_plugin(folder, "cxx_messenger"));
  CHECK(d.name == "cxx_messenger");
  CHECK(d.abi_version == SIMARENA_CONTROLLER_ABI_VERSION);
  CHECK(d.struct_size == sizeof(SimarenaControllerApi));
  CHECK(d.attaches);
  CHECK(d.extensions == std::vector<std::string>{"simarena.announce/1"});
  CHECK(d.problem.empty());
  const std::string text = describe_text(d);
  CHECK_THAT(text, Contains("name        cxx_messenger\n"));
  CHECK_THAT(text, Contains("extensions  simarena.announce/1 (served)\n"));
  CHECK_THAT(text, Contains("loads       yes\n"));

  const PluginDescription refused = describe_plugin(copy_plugin(folder, "unknown_extension"));
  CHECK(refused.extensions == std::vector<std::string>{"simarena.log/1", "simarena.teleport/1"});
  CHECK_THAT(describe_text(refused), Contains("simarena.teleport/1 (NOT served)") &&
                                         Contains("loads       no: controller 'unknown_extension' cannot run here"));
  const PluginDescription wrong = describe_plugin(test::plugin_path("wrong_abi"));
  CHECK(wrong.abi_version == 999);
  CHECK_THAT(describe_text(wrong), Contains("loads       no: built for plugin ABI version 999"));
}

TEST_CASE("plugin ABI: a plugin described from inside the sandbox reads as described in-process") {
  TempFolder folder;
  SandboxLimits limits;
  limits.memory_cap_bytes = 256ull << 20;
  for (const char* name : {"cxx_messenger", "unknown_extension", "stand_abi_v1", "wrong_abi"}) {
    INFO(name);
    const auto path = copy_plugin(folder, name);
    const PluginDescription in_process = describe_plugin(path);
    const PluginDescription sandboxed = describe_plugin_sandboxed(path, limits);
    CHECK(describe_text(sandboxed) == describe_text(in_process));
  }
  // unknown_extension's create() aborts: describing never creates an instance.
  CHECK_THROWS_WITH(describe_plugin_sandboxed(test::plugin_path("no_entry"), limits),
                    Contains("not a simarena controller: no exported symbol"));
}
