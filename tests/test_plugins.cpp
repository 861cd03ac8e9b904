// Plugin loading errors and misbehaving controllers: clear errors or a
// defined safe response, never a crash of the host.
#include <catch2/catch.hpp>
#include <cmath>

#include "simarena/base/input_error.h"
#include "simarena/match/match.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;

TEST_CASE("plugin loading errors name the file and say what to do") {
  const RobotSpec robot = test::cyberdog2();
  CHECK_THROWS_WITH(load_plugin("/no/such/plugin.so", robot, ""),
                    Contains("/no/such/plugin.so: controller plugin not found"));
  CHECK_THROWS_WITH(load_plugin(test::plugin_path("no_entry"), robot, ""),
                    Contains("no_entry.so: not a simarena controller: no exported symbol 'simarena_controller_api'"));
  CHECK_THROWS_WITH(load_plugin(test::plugin_path("wrong_abi"), robot, ""),
                    Contains("plugin ABI version 999") && Contains("rebuild it"));
  CHECK_THROWS_WITH(load_plugin(test::source_path("CMakeLists.txt"), robot, ""),
                    Contains("cannot load controller plugin"));
}

TEST_CASE("a constructor that throws or a bad parameter string is an error at load") {
  const RobotSpec robot = test::cyberdog2();
  CHECK_THROWS_WITH(load_plugin(test::plugin_path("faulty"), robot, "fault=3"),
                    Contains("controller refused to start: faulty: refusing to start as asked"));
  CHECK_THROWS_WITH(load_plugin(STAND_PLUGIN, robot, "kpp=3"), Contains("unknown parameter 'kpp'"));
  CHECK_THROWS_WITH(load_plugin(STAND_PLUGIN, robot, "kp=300"), Contains("kp=300") && Contains("outside"));
}

namespace {

std::unique_ptr<Match> faulty_match(const std::string& params) {
  const RobotSpec robot = test::cyberdog2();
  return std::make_unique<Match>(World::build(robot, flat_arena()),
                                 load_plugin(test::plugin_path("faulty"), robot, params));
}

}  // namespace

TEST_CASE("an exception in UserCode stops the controller and the robot takes over") {
  auto match = faulty_match("fault=2,at=100");
  for (int i = 0; i < 2000; ++i) match->tick();
  CHECK(match->controller_stopped());
  bool reported = false;
  for (const MatchEvent& e : match->events())
    if (e.type == MatchEventType::controller_error) reported = e.detail.find("boom at call 100") != std::string::npos;
  CHECK(reported);
  CHECK(match->err_flag() & SIMARENA_ERR_CMD_LOST_500MS);  // no more frames
}

TEST_CASE("NaN in a command drops the frame and says where") {
  auto match = faulty_match("fault=1,at=1");
  for (int i = 0; i < 1500; ++i) match->tick();
  REQUIRE(match->controller_stats().rejected > 0);
  const MatchEvent* rejected = nullptr;
  for (const MatchEvent& e : match->events())
    if (e.type == MatchEventType::command_rejected) rejected = &e;
  REQUIRE(rejected != nullptr);
  CHECK_THAT(rejected->detail, Contains("q_des[4] = nan"));
  for (int i = 0; i < match->model()->nq; ++i) CHECK(std::isfinite(match->data()->qpos[i]));
}
