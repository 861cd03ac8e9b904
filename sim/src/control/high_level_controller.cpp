#include "simarena/control/high_level_controller.h"

#include <cmath>
#include <stdexcept>
#include <vector>

#include "motion_firmware.h"
#include "simarena/base/input_error.h"
#include "simarena/physics/body_state.h"
#include "simarena/physics/world.h"

namespace simarena {
namespace {

std::unique_ptr<locomotion::MotionFirmware> make_firmware(const RobotSpec& robot) {
  std::vector<const char*> names;
  for (const JointSpec& j : robot.joints) names.push_back(j.name.c_str());
  const SimarenaRobotInfo info{sizeof(SimarenaRobotInfo), robot.name.c_str(), robot.num_joints(), names.data(),
                               robot.control_period};
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
  if (!have_start_ && view.world != nullptr) {
    const BodyState body = read_body_state(*view.world, view.data);
    for (int i = 0; i < 3; ++i) start_position_[i] = body.position[i];
    const mjtNum* rot = view.data->xmat + 9 * view.world->base_body();
    start_yaw_ = std::atan2(rot[3], rot[0]);
    have_start_ = true;
  }
}

StepOutcome HighLevelController::step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
  program_->hear(feedback_);
  StepOutcome outcome = program_->step(first_run, data, program_cmd_);
  if (outcome.kind == StepOutcome::Kind::error) return outcome;
  for (const SimarenaHighLevelCmd& frame : outcome.high_level_frames) firmware_->receive(frame);
  // The robot's motion controller runs every tick, frame or not.
  firmware_->step(data, cmd);
  outcome.kind = StepOutcome::Kind::sent;
  if (firmware_->response_due() && view_.world != nullptr) {
    const BodyState body = read_body_state(*view_.world, view_.data);
    // Odometry frame: the start pose (origin at the start, x along the
    // heading at the start), as the robot's leg odometry starts at boot.
    const double c = std::cos(start_yaw_), s = std::sin(start_yaw_);
    const auto to_odometry = [&](const double* v, float* out, bool offset) {
      const double x = v[0] - (offset ? start_position_[0] : 0), y = v[1] - (offset ? start_position_[1] : 0);
      out[0] = static_cast<float>(c * x + s * y);
      out[1] = static_cast<float>(-s * x + c * y);
      out[2] = static_cast<float>(v[2] - (offset ? start_position_[2] : 0));
    };
    SimarenaLocalization& l = feedback_.localization;
    to_odometry(body.position, l.xyz, true);
    to_odometry(body.velocity_world, l.vxyz, false);
    for (int i = 0; i < 3; ++i) {
      l.rpy[i] = data.rpy[i];
      l.omegaBody[i] = static_cast<float>(body.omega_body[i]);
      l.vBody[i] = static_cast<float>(body.velocity_body[i]);
    }
    l.timestamp = std::llround(view_.time * 1e9);
    feedback_.response = firmware_->response();
    feedback_.published = true;
  }
  return outcome;
}

std::unique_ptr<Controller> with_motion_controller(std::unique_ptr<Controller> controller, const RobotSpec& robot) {
  if (controller->command_level() != CommandLevel::high_level) return controller;
  return std::make_unique<HighLevelController>(std::move(controller), robot);
}

}  // namespace simarena
