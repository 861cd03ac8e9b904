// The robot's motor-control-mode protections, applied once per control tick
// to the frame the controller sent (or did not send): command-gap scaling and
// take-over, the start-up err bit, the jump clamp, joint-limit and gain and
// torque clamps. Produces the command the motors execute until the next tick
// and the err_flag the controller reads next.
#pragma once

#include <simarena/controller.h>

#include <array>
#include <cstdint>

#include "simarena/physics/motor_model.h"
#include "simarena/physics/robot_spec.h"

namespace simarena {

// A frame that may clear err bit 0x02.
bool is_zero_frame(const SimarenaMotorCmd& cmd, int num_joints);

enum class TakeoverPhase { none, damping, limp };

// Everything the protections remember between ticks: copy it to snapshot.
struct ProtectionsState {
  SimarenaMotorCmd last_frame{};
  bool have_frame = false;
  double last_frame_time = 0;
  double takeover_start = 0;
  TakeoverPhase takeover = TakeoverPhase::none;
  int16_t err_flag = 0;
  std::array<JointCommand, SIMARENA_MAX_JOINTS> command{};
};

class Protections {
 public:
  // `motor_sdk`: the commands come through the motor SDK (a motor-level
  // program), which starts in take-over; false for the robot's own motion
  // controller (see pass_through).
  explicit Protections(const RobotSpec& robot, bool motor_sdk = true);

  // One control tick at simulated time `now`. `received` is the frame that
  // arrived this tick, or nullptr. `q` holds the measured joint angles (API).
  void apply(double now, const SimarenaMotorCmd* received, const float* q);
  // The robot's own motion controller drives the motors without the motor
  // SDK's checks: the frame is used as sent, within the motors' gain and
  // torque ranges, and no err bit is ever set.
  void pass_through(double now, const SimarenaMotorCmd* received);

  const std::array<JointCommand, SIMARENA_MAX_JOINTS>& command() const { return s_.command; }
  int16_t err_flag() const { return s_.err_flag; }
  TakeoverPhase takeover() const { return s_.takeover; }
  const ProtectionsState& state() const { return s_; }
  void restore(const ProtectionsState& state) { s_ = state; }
  // Milliseconds since the last frame arrived, as the robot reports it.
  float ms_since_command(double now) const;

 private:
  void take_over(double now);

  const RobotSpec& robot_;
  ProtectionsState s_;
};

}  // namespace simarena
