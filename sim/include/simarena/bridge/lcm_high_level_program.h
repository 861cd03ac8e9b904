// A program on the robot's high-level LCM interface as a high-level
// controller: it receives robot_control_cmd frames (port 7671) and publishes
// what the robot publishes at that level, robot_control_response (7670) and
// the odometry on global_to_robot (7667), whenever the robot's motion
// controller has new ones (50 Hz, and on a switch_status change). It runs
// under a HighLevelController, which owns the motion controller.
//
// - lockstep: after each publication the simulator waits for one frame, and
//   the program answers each new global_to_robot timestamp with one frame
//   (its latest command, re-sent as the robot's heartbeat): simulated time
//   never runs ahead, and the run does not depend on timing.
// - real time: ticks on the wall clock; the newest frame since the last tick
//   is used, as the robot keeps only the latest.
//
// Texts on user_gait_file (the user gait's schedule, port 7671 as the
// commands) go to the motion controller at the tick of the first frame
// received after them (in real time: the next tick), and its answers go out
// on user_gait_result (7671) at the next tick, as the robot answers each.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <file_recv_lcmt.hpp>
#include <file_send_lcmt.hpp>
#include <lcm/lcm-cpp.hpp>
#include <localization_lcmt.hpp>
#include <memory>
#include <robot_control_cmd_lcmt.hpp>
#include <robot_control_response_lcmt.hpp>
#include <string>

#include "simarena/bridge/lcm_controller.h"
#include "simarena/bridge/lcm_inbox.h"
#include "simarena/bridge/real_time_pacer.h"

namespace simarena {

// The robot's defaults (shared facts, high-level API §1).
struct HighLevelUrls {
  std::string command = "udpm://239.255.76.67:7671?ttl=255";       // robot_control_cmd in
  std::string response = "udpm://239.255.76.67:7670?ttl=255";      // robot_control_response out
  std::string localization = "udpm://239.255.76.67:7667?ttl=255";  // global_to_robot out
};

// The wire and the ABI carry the same fields; these copy them.
SimarenaHighLevelCmd command_from_wire(const robot_control_cmd_lcmt& wire);
robot_control_response_lcmt response_to_wire(const SimarenaHighLevelResponse& response);
localization_lcmt localization_to_wire(const SimarenaLocalization& localization);

class LcmHighLevelProgram : public Controller {
 public:
  // Throws std::runtime_error when LCM cannot open a URL, InputError when
  // the robot lacks a camera asked for.
  LcmHighLevelProgram(const RobotSpec& robot, const BridgeOptions& options, const HighLevelUrls& urls);

  const std::string& name() const override { return name_; }
  CommandLevel command_level() const override { return CommandLevel::high_level; }
  void hear(const HighLevelFeedback& feedback) override { feedback_ = feedback; }
  void see(const SimulatorView& view) override { view_ = view; }
  StepOutcome step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) override;

  BridgeStats stats() const;
  const HighLevelUrls& urls() const { return urls_; }

 private:
  void publish(bool with_response = true);
  StepOutcome wait_for_frame();
  StepOutcome take_frame();  // this tick's frame (or none), as the timing says
  // The user_gait_file texts received before the `frames`-th frame (all in real time).
  void take_gait_files(StepOutcome& outcome, uint64_t frames);
  void answer_gait_files();
  static void on_gait_file(const lcm::ReceiveBuffer*, const std::string&, const file_send_lcmt* file,
                           LcmHighLevelProgram* self);

  const RobotSpec& robot_;
  BridgeOptions options_;
  HighLevelUrls urls_;
  std::string name_;
  lcm::LCM command_lcm_;
  lcm::LCM response_lcm_;
  lcm::LCM localization_lcm_;
  LcmInbox<robot_control_cmd_lcmt> inbox_;
  struct GaitFile {
    uint64_t frames_before = 0;  // robot_control_cmd frames received before it
    std::string text;
  };
  std::deque<GaitFile> gait_files_;
  uint64_t gait_files_dropped_ = 0;
  LcmAnnouncements announcements_;
  std::unique_ptr<LcmCameraPublisher> cameras_;  // with --cameras
  SimulatorView view_;                           // of the step being answered
  HighLevelFeedback feedback_;
  int64_t published_timestamp_ = -1;  // of the last publication (ns of simulated time)
  BridgeStats stats_;
  uint64_t ticks_ = 0;
  RealTimePacer pacer_;
};

}  // namespace simarena
