// The simulator's side of the controller ABI: a Controller is anything that
// turns RobotData into a MotorCmd once per control period. The in-process
// plugin host lives here; a sandboxed host implements the same interface.
#pragma once

#include <mujoco/mujoco.h>
#include <simarena/controller.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simarena/base/message.h"
#include "simarena/physics/robot_spec.h"

namespace simarena {

class World;

// What the simulator shows a controller of its own besides RobotData.
struct SimulatorView {
  double time = 0;  // s of match time
  const World* world = nullptr;
  const mjData* data = nullptr;
};

// What a plugin said through the host's message extensions (simarena.log,
// simarena.announce: a text, or version 2's recognition of an object) during one step: its own words, cleaned by
// untrusted_text() and cut at SIMARENA_MESSAGE_MAX_BYTES (an ellipsis marks
// a cut).
struct ControllerMessage {
  enum class Kind { log, announce, recognition } kind = Kind::log;
  std::string text;
  int object = 0;  // recognition: the SIMARENA_OBJECT_* kind recognised (1..SIMARENA_OBJECT_KIND_MAX)
  bool operator==(const ControllerMessage&) const = default;
};

// Which interface a controller drives the robot through: joint commands
// (MotorCmd), or the robot's high-level locomotion API (frames of
// robot_control_cmd, turned into joint commands by the robot's motion
// controller: see HighLevelController).
enum class CommandLevel { motor, high_level };
const char* command_level_name(CommandLevel level);  // "motor", "high_level"

// What the robot publishes at the high level, given to a high-level
// controller before each step.
struct HighLevelFeedback {
  bool published = false;  // false before the robot's first response
  SimarenaHighLevelResponse response{};
  SimarenaLocalization localization{};
  // The robot's answers on user_gait_result (0 accepted, 1 not) to the
  // user_gait_file texts of the last step, in order; given once.
  std::vector<int8_t> gait_file_results{};
};

struct StepOutcome {
  enum class Kind { sent, skipped, error } kind = Kind::sent;
  std::string message;  // for errors: what the controller said
  // CPU time of the call as the simulator measured it (the calling thread's
  // CPU clock in-process, the host process's CPU clock sandboxed), ns; -1
  // when not measured (replays without a deadline miss, the LCM bridge, an
  // in-process call that took less than half the control period of wall
  // time, which cannot have used a period of CPU time).
  int64_t cpu_ns = -1;
  // Messages sent during this step (and, for the first step, during
  // attach), in order, at most SIMARENA_MESSAGES_PER_STEP; the ones past
  // that bound are counted in messages_dropped, as the plugin's host saw.
  std::vector<ControllerMessage> messages{};
  uint32_t messages_dropped = 0;
  // High-level controllers: the frames sent during this step, in order (the
  // controller's bytes: the motion controller checks every field), at most
  // SIMARENA_HIGH_LEVEL_FRAMES_PER_STEP; the rest counted.
  std::vector<SimarenaHighLevelCmd> high_level_frames{};
  uint32_t high_level_frames_dropped = 0;
  // High-level controllers: the texts sent on user_gait_file during this
  // step (the user gait's schedule, docs/high-level-api.md), in order,
  // before this step's frames. Untrusted bytes: the motion controller parses them.
  std::vector<std::string> gait_files{};
  // For errors the simulator words: `message` as a Message, so that a person
  // reads it in their language while results keep `message`'s English.
  // Empty when only the English is known.
  std::optional<Message> words{};
};

class Controller {
 public:
  virtual ~Controller() = default;
  virtual const std::string& name() const = 0;
  // `cmd` arrives holding the previous command.
  virtual StepOutcome step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) = 0;
  // Course information for the next step (rule sets with course_info); a
  // controller that cannot take it ignores it.
  virtual void set_course_info(const SimarenaCourseInfo&) {}
  // The simulator's state before the next step, read-only and valid during
  // that step only: for a controller that speaks a wire protocol publishing
  // more than RobotData (the LCM bridge's body state). Plugins never see it.
  virtual void see(const SimulatorView&) {}
  // motor: step() writes `cmd`. high_level: step() sends frames in its
  // outcome and its `cmd` is ignored; it runs under a HighLevelController.
  virtual CommandLevel command_level() const { return CommandLevel::motor; }
  // High-level controllers: the robot's latest response before the next step.
  virtual void hear(const HighLevelFeedback&) {}
  // The referee picked the robot up and laid it down before the next step
  // (a restart, done in no time): the robot's own motion controller reacts
  // as its lifted protection would have during the carry.
  virtual void robot_carried() {}
  // Whether the commands go through the robot's motor-SDK protections
  // (err_flag, take-over, clamps), as a motor-level program's do; the robot's
  // own motion controller (HighLevelController) drives the motors directly.
  virtual bool through_motor_sdk() const { return true; }
};

// The outcome of a plugin's step() status and error text (the controller's
// own words, untrusted: cleaned by untrusted_text() and quoted as its words).
StepOutcome step_outcome(int status, std::string_view error);
// An error outcome in the simulator's words: English in `message`, the Message in `words`.
StepOutcome error_outcome(Message words);

// Nothing when the host serves every extension the plugin's table requires;
// else why not, in words naming the plugin and the extension.
std::optional<Message> unserved_extension_problem(const SimarenaControllerApi* api);
// Those words for a problem found elsewhere (the sandbox's host).
Message unserved_extension_words(const char* plugin_name, std::string_view problem);

// Loads a plugin .so in this process, creates one instance and attaches it
// to the host's services; a script (.py) is run by its runtime plugin
// (controller_files.h). Throws InputError naming the file for a missing
// file, a missing entry symbol, a wrong ABI version, an extension this
// simarena does not serve, or a create() or attach() that fails.
std::unique_ptr<Controller> load_plugin(const std::filesystem::path& controller, const RobotSpec& robot,
                                        const std::string& params);

}  // namespace simarena
