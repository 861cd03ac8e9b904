// A Controller whose commands come over the robot's LCM wire protocol, so an
// unmodified program written against the CyberDog 2 motor SDK drives a Match
// (same loop, protections and result as a plugin run). Each tick it
// publishes what the robot publishes and takes a motor_ctrl frame:
//
// - lockstep: waits for the next frame before every tick, so simulated time
//   never runs ahead of the program and the result does not depend on
//   timing. The wall clock only detects a client that stopped answering.
// - real time: ticks on the wall clock at the control rate, like the robot,
//   and uses the newest frame that arrived since the last tick; a tick with
//   no new frame is a real gap for the protections (StepOutcome::skipped).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "simarena/bridge/lcm_announcements.h"
#include "simarena/bridge/lcm_camera_publisher.h"
#include "simarena/bridge/lcm_transport.h"
#include "simarena/bridge/real_time_pacer.h"
#include "simarena/control/controller_interface.h"

namespace simarena {

class Match;

enum class BridgeTiming { lockstep, real_time };

struct BridgeOptions {
  BridgeTiming timing = BridgeTiming::lockstep;
  LcmUrls urls;
  // Lockstep only: how long to wait for the first frame (a client may start
  // after the simulator) and for every later one before declaring the client
  // gone, and how often to repeat the state while waiting.
  std::chrono::milliseconds first_frame_timeout{60000};
  std::chrono::milliseconds frame_timeout{2000};
  std::chrono::milliseconds resend_state_every{100};
  // --cameras: the robot's cameras whose images go on the bus (none: no
  // rendering, no GL), and where (lcm_camera_publisher.h).
  std::vector<std::string> cameras;
  std::string camera_url = kDefaultCameraUrl;
  // Where the program's announcements come in (lcm_announcements.h).
  std::string announce_url = kDefaultAnnounceUrl;
};

// Wall-clock facts about a bridged run: informational, never scored.
struct BridgeStats {
  uint64_t frames_received = 0;  // motor_ctrl frames seen on the bus
  uint64_t frames_used = 0;      // frames the simulator executed
  uint64_t state_resent = 0;     // lockstep: state repeated while waiting
  uint64_t late_ticks = 0;       // real time: ticks started more than a period late
  double max_lateness_s = 0;     // real time: worst tick start delay
};

class LcmController : public Controller {
 public:
  // Throws InputError when the robot does not fit the wire layout or lacks
  // a camera asked for, and std::runtime_error when LCM cannot open a URL.
  LcmController(const RobotSpec& robot, const BridgeOptions& options);

  const std::string& name() const override { return name_; }
  StepOutcome step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) override;
  // The state it publishes beyond RobotData (body velocity, raw IMU, time).
  void see(const SimulatorView& view) override { view_ = view; }

  BridgeStats stats() const;
  const BridgeOptions& options() const { return options_; }

 private:
  void publish_state(const SimarenaRobotData& data);
  StepOutcome step_lockstep(const SimarenaRobotData& data, SimarenaMotorCmd& cmd);
  StepOutcome step_real_time(const SimarenaRobotData& data, SimarenaMotorCmd& cmd);
  StepOutcome use(const motor_ctrl_lcmt& frame, SimarenaMotorCmd& cmd);

  const RobotSpec& robot_;
  BridgeOptions options_;
  std::string name_;
  LcmTransport transport_;
  LcmAnnouncements announcements_;
  std::unique_ptr<LcmCameraPublisher> cameras_;  // with --cameras
  SimulatorView view_;                           // of the step being answered
  BridgeStats stats_;
  uint64_t ticks_ = 0;
  RealTimePacer pacer_;
};

}  // namespace simarena
