// The sandbox changes where a controller runs and how the turn is passed
// (shared core, spinning or sleeping), never what the match computes: a
// refereed run writes the same replay, byte for byte, with the controller
// in-process and in the sandboxed host.
#include <catch2/catch.hpp>

#include "simarena/control/sandbox_controller.h"
#include "simarena/run/run_session.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_referee.h"
#include "test_helpers.h"

using namespace simarena;

TEST_CASE("a sandboxed run writes the same replay, byte for byte, as the run in-process") {
  test::TempFolder folder;
  const auto replay_of = [&](const std::string& controller, bool sandboxed) {
    RunRequest request;
    request.controller = controller;
    request.track = "sprint";
    request.duration = 2;
    request.replay = folder.path / (controller + (sandboxed ? "-sandboxed" : "-in-process") + ".replay");
    if (sandboxed) request.sandbox = SandboxLimits{};
    const nlohmann::json result = test::run_match_untimed(request).report;
    CHECK(result["sandbox"]["enabled"] == sandboxed);
    return test::file_bytes(request.replay);
  };
  for (const std::string controller : {"trot", "stand"}) {
    INFO(controller);
    const std::string in_process = replay_of(controller, false);
    REQUIRE(in_process.size() > 10000);
    CHECK(replay_of(controller, true) == in_process);
  }
}
