// Driving the robot yourself (simarena view --drive): the viewer's keyboard
// driver sends the robot's high-level frames, and the robot's motion
// controller stands the robot up, trots it at the gait's speed while a key is
// held, and lies it down.
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <string>

#include "keyboard_driver.h"
#include "simarena/control/high_level_controller.h"
#include "simarena/run/run.h"
#include "simarena/run/run_session.h"
#include "test_helpers.h"

using namespace simarena;

TEST_CASE("high-level API: the viewer's keyboard driver stands the robot up and walks it", "[high_level][viewer]") {
  auto input = std::make_shared<gui::DriveInput>();
  auto status = std::make_shared<gui::DriveStatus>();
  const RobotSpec robot = test::cyberdog2();
  auto world = build_world("cyberdog2", nullptr, 0, default_search_paths());
  Run run(world, nullptr, with_motion_controller(std::make_unique<gui::KeyboardDriver>(input, status), world->robot()));
  const auto run_for = [&](double seconds) {
    for (int i = 0; i < std::lround(seconds / robot.control_period); ++i) run.tick();
  };
  run_for(0.5);
  CHECK((!status->heard || status->robot.mode == 0));  // nothing pressed: the robot stays off
  input->stand_up = true;
  run_for(3.0);
  CHECK(status->robot.mode == 12);
  CHECK(status->robot.order_process_bar == 100);
  const double x0 = run.match().data()->qpos[world->base_qpos_adr()];
  input->forward = 1.0;  // W held: the slow trot's top speed, 0.6 m/s
  run_for(4.0);
  CHECK(status->robot.mode == 11);
  CHECK(status->robot.gait_id == 27);
  const double walked = run.match().data()->qpos[world->base_qpos_adr()] - x0;
  CHECK(walked > 1.6);
  CHECK(walked < 2.6);
  input->forward = 0;
  input->lie_down = true;
  run_for(3.0);
  CHECK(status->robot.mode == 7);
  CHECK(run.match().data()->qpos[world->base_qpos_adr() + 2] < 0.15);
}

TEST_CASE("high-level API: with a user gait schedule, the keyboard driver sends it and G reaches gait 110",
          "[high_level][viewer]") {
  // Two cycles of a crawl, one leg at a time, as controllers/examples/user_gait/crawl.toml.
  std::string schedule = "# Gait Def\n[[section]]\ncontact = [1, 1, 1, 1]\nduration = 12\n";
  for (int cycle = 0; cycle < 2; ++cycle)
    for (const char* legs : {"0, 1, 1, 1", "1, 1, 1, 0", "1, 0, 1, 1", "1, 1, 0, 1"})
      schedule += std::string("[[section]]\ncontact = [") + legs +
                  "]\nduration = 6\n[[section]]\ncontact = [1, 1, 1, 1]\nduration = 4\n";
  auto input = std::make_shared<gui::DriveInput>();
  auto status = std::make_shared<gui::DriveStatus>();
  const RobotSpec robot = test::cyberdog2();
  auto world = build_world("cyberdog2", nullptr, 0, default_search_paths());
  Run run(world, nullptr,
          with_motion_controller(std::make_unique<gui::KeyboardDriver>(input, status, schedule), world->robot()));
  const auto run_for = [&](double seconds) {
    for (int i = 0; i < std::lround(seconds / robot.control_period); ++i) run.tick();
  };
  CHECK(status->user_gait);
  input->stand_up = true;
  run_for(3.0);
  CHECK(status->user_gait_answer == 0);  // the robot took the schedule
  REQUIRE(status->robot.mode == 12);
  for (int press = 0; press < 3; ++press) {  // G three times: medium, fast trot, then the user gait
    input->next_gait = true;
    run_for(0.1);
  }
  CHECK(status->gait_id == 110);
  const double x0 = run.match().data()->qpos[world->base_qpos_adr()];
  input->forward = 1.0;  // W held: the crawl at 0.15 m/s, for the schedule's 2.8 s
  run_for(3.5);
  CHECK(status->robot.mode == 11);
  CHECK(status->robot.gait_id == 110);
  const double walked = run.match().data()->qpos[world->base_qpos_adr()] - x0;
  CHECK(walked > 0.3);
  CHECK(walked < 0.6);
  // Played once: it stands when the schedule ends, W still held.
  const double x1 = run.match().data()->qpos[world->base_qpos_adr()];
  run_for(1.5);
  CHECK(std::abs(run.match().data()->qpos[world->base_qpos_adr()] - x1) < 0.05);
  CHECK(run.match().data()->qpos[world->base_qpos_adr() + 2] > 0.2);  // upright
}
