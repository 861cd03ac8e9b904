// Driving the robot yourself (simarena view --drive): the viewer's keyboard
// driver sends the robot's high-level frames, and the robot's motion
// controller stands the robot up, trots it at the gait's speed while a key is
// held, and lies it down.
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>

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
