// Driving the robot yourself: the viewer's keys (and a gamepad, where GLFW
// sees one) as a program on the robot's high-level API. It sends what a
// contest team's program sends (stand up, lie down, trot at a gait's speed,
// turn, sidestep), so the robot's motion controller moves the robot, the
// match records the joint commands, and the run is like any other.
#pragma once

#include <memory>
#include <string>

#include "simarena/base/messages.h"
#include "simarena/control/controller_interface.h"

namespace simarena::gui {

// What the person holds and taps, written by the viewer each frame and read
// by the driver each tick (same thread).
struct DriveInput {
  double forward = 0;     // -1..1: back .. forward
  double turn = 0;        // -1..1: right .. left
  double sideways = 0;    // -1..1: right .. left
  bool stand_up = false;  // taps, cleared when the driver takes them
  bool lie_down = false;
  bool next_gait = false;
  bool tap_keys_down[3] = {};  // U, L, G as last read: a tap is a change to pressed
};

// What the driver shows on screen.
struct DriveStatus {
  int gait_id = 27;
  const char* gait_name = "slow trot";
  bool heard = false;                 // the robot has answered
  SimarenaHighLevelResponse robot{};  // its last answer
  float speed[3] = {};                // the velocities sent, m/s and rad/s
  bool user_gait = false;             // a schedule was given (--user-gait): G reaches gait 110
  int user_gait_answer = -1;          // the robot's user_gait_result to it (0 taken, 1 not); -1 none yet
};

class KeyboardDriver final : public Controller {
 public:
  // `user_gait`: a user gait schedule ("# Gait Def" text) sent on
  // user_gait_file at the first tick, and gait 110 after the trots in G's
  // round; empty: the trots only.
  KeyboardDriver(std::shared_ptr<DriveInput> input, std::shared_ptr<DriveStatus> status, std::string user_gait = {});

  const std::string& name() const override { return name_; }
  CommandLevel command_level() const override { return CommandLevel::high_level; }
  void hear(const HighLevelFeedback& feedback) override;
  StepOutcome step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) override;

 private:
  std::shared_ptr<DriveInput> input_;
  std::shared_ptr<DriveStatus> status_;
  std::string name_ = "keyboard";
  SimarenaHighLevelCmd frame_{};
  int gait_index_ = 0;
  std::string user_gait_;  // the schedule, until it is sent
};

// Reads the keys (and the first gamepad) into `input`; ignored while a text
// field has the keyboard.
void read_drive_keys(DriveInput& input);

// The on-screen help and the robot's answer, in the left column from `top`
// down; returns its bottom edge.
float draw_drive_help(const DriveStatus& status, float scale, float top);

// The driving keys, for --help and the docs, in the language of the messages.
inline const char* drive_keys_help() {
  return tr(
      "Driving (--drive): U stand up, L lie down, W/S or Up/Down forward/back, A/D or Left/Right turn,\n"
      "      Z/X sidestep left/right, G next gait (slow, medium, fast trot; with --user-gait FILE then the\n"
      "      user gait 110, played once each time G selects it); a gamepad's left stick drives, its right\n"
      "      stick turns, A stands up, B lies down.");
}

}  // namespace simarena::gui
