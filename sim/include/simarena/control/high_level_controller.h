// A controller that drives the robot through its high-level locomotion API
// (a plugin requiring simarena.high_level, an LCM program on
// robot_control_cmd, the viewer's keyboard) runs under the robot's own
// motion controller, as on the real robot: each tick the program hears what
// the robot last published, sends frames, and the motion controller (modes,
// gaits, speed caps: controllers/locomotion/motion_firmware.h) turns them
// into the joint command the match executes and records. Replays therefore
// hold joint commands and verify without the program or the firmware.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "simarena/control/controller_interface.h"

namespace locomotion {
class MotionFirmware;
}

namespace simarena {

class HighLevelController final : public Controller {
 public:
  // `program` must speak the high level. Throws InputError naming the robot
  // file when the robot has no motion controller here (only the CyberDog 2).
  HighLevelController(std::unique_ptr<Controller> program, const RobotSpec& robot);
  ~HighLevelController() override;

  const std::string& name() const override { return program_->name(); }
  StepOutcome step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) override;
  void set_course_info(const SimarenaCourseInfo& info) override { program_->set_course_info(info); }
  void see(const SimulatorView& view) override;
  bool through_motor_sdk() const override { return false; }
  void robot_carried() override;

  Controller& program() { return *program_; }
  // What the robot published last (the program heard it before this tick).
  const HighLevelFeedback& feedback() const { return feedback_; }

 private:
  std::unique_ptr<Controller> program_;
  std::unique_ptr<locomotion::MotionFirmware> firmware_;
  SimulatorView view_;
  HighLevelFeedback feedback_;
  SimarenaMotorCmd program_cmd_{};  // what the program wrote (ignored)
};

// A program's controller wrapped for the robot's motion controller when it
// speaks the high level; returned as is otherwise.
std::unique_ptr<Controller> with_motion_controller(std::unique_ptr<Controller> controller, const RobotSpec& robot);

// What is wrong with a user gait schedule (a "# Gait Def" text for
// user_gait_file, which the robot's motion controller would answer 1:
// "line N: ..."), or nothing when it is one: for a front end that reads a
// schedule from a file and says what is wrong in it before sending it.
std::optional<std::string> user_gait_schedule_problem(std::string_view text);

}  // namespace simarena
