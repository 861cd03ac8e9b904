#include "simarena/bridge/lcm_controller.h"

#include <algorithm>

#include "simarena/match/match.h"

namespace simarena {
namespace {

// Checks the robot fits the wire before any socket opens.
const LcmUrls& wire_urls(const RobotSpec& robot, const LcmUrls& urls) {
  check_wire_layout(robot);
  return urls;
}

}  // namespace

LcmController::LcmController(const RobotSpec& robot, const BridgeOptions& options)
    : robot_(robot),
      options_(options),
      name_(std::string("lcm bridge (") + (options.timing == BridgeTiming::lockstep ? "lockstep" : "real time") + ")"),
      transport_(wire_urls(robot, options.urls)),
      announcements_(options.announce_url),
      cameras_(options.cameras.empty()
                   ? nullptr
                   : std::make_unique<LcmCameraPublisher>(robot, options.cameras, options.camera_url)),
      pacer_(robot.control_period) {}

BridgeStats LcmController::stats() const {
  BridgeStats s = stats_;
  s.frames_received = transport_.frames_received();
  return s;
}

void LcmController::publish_state(const SimarenaRobotData& data) {
  transport_.publish(state_to_wire(data, read_body_state(*view_.world, view_.data), robot_, view_.time));
}

StepOutcome LcmController::use(const motor_ctrl_lcmt& frame, SimarenaMotorCmd& cmd) {
  cmd = command_from_wire(frame, robot_);
  stats_.frames_used++;
  return {};
}

StepOutcome LcmController::step(bool, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
  if (!view_.world) return {StepOutcome::Kind::error, "LcmController stepped outside a match"};
  // Images before the tick's state: a program reading the state has the
  // images up to it (once per tick, never with a repeated state).
  if (cameras_) cameras_->publish_due(view_);
  StepOutcome outcome =
      options_.timing == BridgeTiming::lockstep ? step_lockstep(data, cmd) : step_real_time(data, cmd);
  announcements_.take(outcome);
  ticks_++;
  return outcome;
}

// One frame per tick, in arrival order. Frames sent before the first state
// (a timer-driven program already running) answer nothing and are dropped.
// The state is repeated while waiting so a program that starts late, or
// loses a packet, still gets it; a program that answers each new
// state_estimator.timestamp once sees every tick exactly once.
StepOutcome LcmController::step_lockstep(const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
  if (ticks_ == 0) transport_.discard_pending();
  publish_state(data);
  const auto timeout = stats_.frames_used == 0 ? options_.first_frame_timeout : options_.frame_timeout;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (auto frame = transport_.next_frame(std::clamp(left, std::chrono::milliseconds(0), options_.resend_state_every)))
      return use(*frame, cmd);
    if (std::chrono::steady_clock::now() >= deadline)
      return {
          StepOutcome::Kind::error,
          stats_.frames_used == 0
              ? "no motor_ctrl frame on " + options_.urls.control + " within " + wall_seconds_text(timeout) +
                    ": is the program running, on the same LCM URL?"
              : "the program stopped sending motor_ctrl (nothing for " + wall_seconds_text(timeout) + " of wall time)"};
    publish_state(data);
    stats_.state_resent++;
  }
}

// The robot's loop: tick k starts at k control periods on the wall clock,
// executes the newest frame received since tick k-1, then publishes.
StepOutcome LcmController::step_real_time(const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
  pacer_.wait_for_tick(ticks_, stats_);
  const auto frame = transport_.latest_frame();
  publish_state(data);
  if (!frame) return {StepOutcome::Kind::skipped, {}};
  return use(*frame, cmd);
}

}  // namespace simarena
