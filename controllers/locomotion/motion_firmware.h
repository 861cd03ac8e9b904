// The robot's own motion controller as the high-level API sees it: the
// CyberDog 2's mode state machine (off, lie down, recovery stand, pose,
// locomotion) with its transitions and refusals, the life_count / duration
// queue / 0.5 s timeout rules of robot_control_cmd, the per-gait speed caps
// and rate limits, and the robot_control_response it publishes. It turns
// frames into motor commands with the locomotion Walker, so a high-level
// program (a plugin, an LCM client, the viewer's keyboard) drives the
// simulated robot as it drives the real one. Facts: docs/high-level-api.md.
#pragma once

#include <simarena/controller.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

namespace locomotion {

class MotionFirmware {
 public:
  // Throws std::invalid_argument when the robot is not one it knows.
  explicit MotionFirmware(const SimarenaRobotInfo& robot);
  ~MotionFirmware();
  MotionFirmware(const MotionFirmware&) = delete;
  MotionFirmware& operator=(const MotionFirmware&) = delete;

  // A frame that arrived before the next step, in arrival order. Untrusted:
  // NaN, unknown modes and out-of-range values are refused or clamped as the
  // robot does, never a crash.
  void receive(const SimarenaHighLevelCmd& frame);
  // A text that arrived on user_gait_file before the next step (untrusted).
  // "# Gait Def": the user gait's schedule (user_gait.h), used the next time
  // the robot enters mode 11 gait 110. result is what the robot answers on
  // user_gait_result: 0 accepted, 1 not; `error` says why (simarena parses
  // at once where the robot checks only the first characters: a text that
  // would not parse is answered 1 and the last good schedule stays).
  // "# Gait Params" (motion 110's per-step list) is answered 0, as on the
  // robot, even when it does not parse (then `error` says why, and motion
  // 110 is refused until a readable list comes).
  struct GaitFileReceipt {
    int8_t result = 1;
    std::string error;
  };
  GaitFileReceipt receive_gait_file(std::string_view text);
  // One control period: the current mode's motor command.
  void step(const SimarenaRobotData& data, SimarenaMotorCmd& cmd);
  // Someone picked the robot up and laid it down between two periods (the
  // referee's restart, which the simulation does in no time): what the
  // robot's lifted protection would have done during the carry. Walking or
  // in QP stand, it is then in the LIFTED state (mode 9, switch_status 4).
  void carried();

  // After step(): what the robot would publish on robot_control_response.
  const SimarenaHighLevelResponse& response() const;
  // True when the robot publishes the response after this period (every
  // 10th period, and when switch_status changed).
  bool response_due() const;
  // After step(): the robot's leg odometry (global_to_robot), from the joint
  // states and the IMU only: the trunk velocity from the feet on the ground
  // (blended with the accelerometer), integrated from the first period on,
  // in the frame of the start (x along the heading at the start). It drifts
  // as the robot's does. The host fills in the timestamp.
  const SimarenaLocalization& odometry() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace locomotion
