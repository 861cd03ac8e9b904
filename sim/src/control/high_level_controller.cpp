#include "simarena/control/high_level_controller.h"

#include <cmath>
#include <stdexcept>
#include <vector>

#include "motion_firmware.h"
#include "simarena/base/input_error.h"
#include "simarena/physics/world.h"
#include "user_gait.h"

namespace simarena {
namespace {

std::unique_ptr<locomotion::MotionFirmware> make_firmware(const RobotSpec& robot) {
  std::vector<const char*> names;
  for (const JointSpec& j : robot.joints) names.push_back(j.name.c_str());
  // The firmware is the CyberDog 2's own and uses its numbers: no robot model.
  const SimarenaRobotInfo info{
      sizeof(SimarenaRobotInfo), robot.name.c_str(), robot.num_joints(), names.data(), robot.control_period, nullptr};
  try {
    return std::make_unique<locomotion::MotionFirmware>(info);
  } catch (const std::invalid_argument& e) {
    throw InputError(robot.file.string(),
                     tr_noop("the high-level API needs the robot's motion controller, and simarena has one only for "
                             "the CyberDog 2: %s"),
                     e.what());
  }
}

}  // namespace

HighLevelController::HighLevelController(std::unique_ptr<Controller> program, const RobotSpec& robot)
    : program_(std::move(program)), firmware_(make_firmware(robot)) {}

HighLevelController::~HighLevelController() = default;

void HighLevelController::see(const SimulatorView& view) {
  view_ = view;
  program_->see(view);
}

void HighLevelController::robot_carried() { firmware_->carried(); }

StepOutcome HighLevelController::step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
  program_->hear(feedback_);
  feedback_.gait_file_results.clear();  // heard once
  StepOutcome outcome = program_->step(first_run, data, program_cmd_);
  if (outcome.kind == StepOutcome::Kind::error) return outcome;
  for (const std::string& text : outcome.gait_files)
    feedback_.gait_file_results.push_back(firmware_->receive_gait_file(text).result);
  for (const SimarenaHighLevelCmd& frame : outcome.high_level_frames) firmware_->receive(frame);
  // The robot's motion controller runs every tick, frame or not.
  firmware_->step(data, cmd);
  outcome.kind = StepOutcome::Kind::sent;
  if (firmware_->response_due()) {
    // The robot's leg odometry, from what its sensors report (not the
    // simulation's ground truth): it drifts as the robot's does.
    feedback_.localization = firmware_->odometry();
    feedback_.localization.timestamp = std::llround(view_.time * 1e9);
    feedback_.response = firmware_->response();
    feedback_.published = true;
  }
  return outcome;
}

std::unique_ptr<Controller> with_motion_controller(std::unique_ptr<Controller> controller, const RobotSpec& robot) {
  if (controller->command_level() != CommandLevel::high_level) return controller;
  return std::make_unique<HighLevelController>(std::move(controller), robot);
}

std::optional<std::string> user_gait_schedule_problem(std::string_view text) {
  try {
    locomotion::parse_user_gait(text);
    return std::nullopt;
  } catch (const locomotion::UserGaitError& e) {
    return e.what();
  }
}

}  // namespace simarena
