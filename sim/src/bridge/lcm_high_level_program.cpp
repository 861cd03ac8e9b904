#include "simarena/bridge/lcm_high_level_program.h"

#include <cstring>

namespace simarena {
namespace {

// Every URL checked before anything subscribes to the command channel.
lcm::LCM& opened(lcm::LCM& command, const HighLevelUrls& urls, const lcm::LCM& response, const lcm::LCM& localization) {
  check_lcm_open(command, urls.command);
  check_lcm_open(response, urls.response);
  check_lcm_open(localization, urls.localization);
  return command;
}

}  // namespace

// Field by field (the wire struct is generated C++, the ABI's is C): names
// and types are the same, so a missed field fails to compile nowhere but
// the fingerprint test catches a changed definition.
SimarenaHighLevelCmd command_from_wire(const robot_control_cmd_lcmt& w) {
  SimarenaHighLevelCmd c{};
  c.mode = w.mode;
  c.gait_id = w.gait_id;
  c.contact = w.contact;
  c.life_count = w.life_count;
  std::memcpy(c.vel_des, w.vel_des, sizeof(c.vel_des));
  std::memcpy(c.rpy_des, w.rpy_des, sizeof(c.rpy_des));
  std::memcpy(c.pos_des, w.pos_des, sizeof(c.pos_des));
  std::memcpy(c.acc_des, w.acc_des, sizeof(c.acc_des));
  std::memcpy(c.ctrl_point, w.ctrl_point, sizeof(c.ctrl_point));
  std::memcpy(c.foot_pose, w.foot_pose, sizeof(c.foot_pose));
  std::memcpy(c.step_height, w.step_height, sizeof(c.step_height));
  c.value = w.value;
  c.duration = w.duration;
  return c;
}

robot_control_response_lcmt response_to_wire(const SimarenaHighLevelResponse& r) {
  robot_control_response_lcmt w{};
  w.mode = r.mode;
  w.gait_id = r.gait_id;
  w.contact = r.contact;
  w.order_process_bar = r.order_process_bar;
  w.switch_status = r.switch_status;
  w.ori_error = r.ori_error;
  w.footpos_error = r.footpos_error;
  std::memcpy(w.motor_error, r.motor_error, sizeof(w.motor_error));
  return w;
}

localization_lcmt localization_to_wire(const SimarenaLocalization& l) {
  localization_lcmt w{};
  std::memcpy(w.xyz, l.xyz, sizeof(w.xyz));
  std::memcpy(w.vxyz, l.vxyz, sizeof(w.vxyz));
  std::memcpy(w.rpy, l.rpy, sizeof(w.rpy));
  std::memcpy(w.omegaBody, l.omegaBody, sizeof(w.omegaBody));
  std::memcpy(w.vBody, l.vBody, sizeof(w.vBody));
  w.timestamp = l.timestamp;
  return w;
}

LcmHighLevelProgram::LcmHighLevelProgram(const RobotSpec& robot, const BridgeOptions& options,
                                         const HighLevelUrls& urls)
    : robot_(robot),
      options_(options),
      urls_(urls),
      name_(std::string("lcm high-level program (") +
            (options.timing == BridgeTiming::lockstep ? "lockstep" : "real time") + ")"),
      command_lcm_(urls.command),
      response_lcm_(urls.response),
      localization_lcm_(urls.localization),
      inbox_(opened(command_lcm_, urls, response_lcm_, localization_lcm_), urls.command, "robot_control_cmd"),
      announcements_(options.announce_url),
      cameras_(options.cameras.empty()
                   ? nullptr
                   : std::make_unique<LcmCameraPublisher>(robot, options.cameras, options.camera_url)),
      pacer_(robot.control_period) {
  command_lcm_.subscribeFunction("user_gait_file", &LcmHighLevelProgram::on_gait_file, this);
}

void LcmHighLevelProgram::on_gait_file(const lcm::ReceiveBuffer*, const std::string&, const file_send_lcmt* file,
                                       LcmHighLevelProgram* self) {
  // Bounded: a program flooding the channel loses its oldest texts, not the simulator's memory.
  constexpr size_t kMaxPending = 16;
  if (self->gait_files_.size() >= kMaxPending) {
    self->gait_files_.pop_front();
    ++self->gait_files_dropped_;
  }
  self->gait_files_.push_back({self->inbox_.received(), file->data});
}

void LcmHighLevelProgram::take_gait_files(StepOutcome& outcome, uint64_t frames) {
  while (!gait_files_.empty() && gait_files_.front().frames_before < frames) {
    outcome.gait_files.push_back(std::move(gait_files_.front().text));
    gait_files_.pop_front();
  }
}

void LcmHighLevelProgram::answer_gait_files() {
  for (const int8_t result : feedback_.gait_file_results) {
    const file_recv_lcmt answer{result};
    if (command_lcm_.publish("user_gait_result", &answer) != 0)
      throw std::runtime_error("LCM: publishing user_gait_result failed");
  }
  feedback_.gait_file_results.clear();
}

BridgeStats LcmHighLevelProgram::stats() const {
  BridgeStats s = stats_;
  s.frames_received = inbox_.received();
  return s;
}

// The response first, then the odometry: a lockstep program answers the
// odometry with the response of the same tick. Repeats while waiting carry
// the odometry alone, so each response a program receives is a new tick's.
void LcmHighLevelProgram::publish(bool with_response) {
  const robot_control_response_lcmt response = response_to_wire(feedback_.response);
  const localization_lcmt localization = localization_to_wire(feedback_.localization);
  if ((with_response && response_lcm_.publish("robot_control_response", &response) != 0) ||
      localization_lcm_.publish("global_to_robot", &localization) != 0)
    throw std::runtime_error("LCM: publishing the robot's high-level state failed");
  published_timestamp_ = feedback_.localization.timestamp;
}

StepOutcome LcmHighLevelProgram::wait_for_frame() {
  const auto timeout = stats_.frames_used == 0 ? options_.first_frame_timeout : options_.frame_timeout;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  StepOutcome outcome;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (auto frame = inbox_.next(std::clamp(left, std::chrono::milliseconds(0), options_.resend_state_every))) {
      outcome.high_level_frames.push_back(command_from_wire(*frame));
      stats_.frames_used++;
      return outcome;
    }
    if (std::chrono::steady_clock::now() >= deadline)
      return {StepOutcome::Kind::error,
              stats_.frames_used == 0
                  ? "no robot_control_cmd frame on " + urls_.command + " within " + wall_seconds_text(timeout) +
                        ": is the program running, on the same LCM URL, answering each global_to_robot message?"
                  : "the program stopped sending robot_control_cmd (nothing for " + wall_seconds_text(timeout) +
                        " of wall time)"};
    publish(false);
    stats_.state_resent++;
  }
}

StepOutcome LcmHighLevelProgram::step(bool, const SimarenaRobotData&, SimarenaMotorCmd&) {
  StepOutcome outcome = take_frame();
  announcements_.take(outcome);
  return outcome;
}

StepOutcome LcmHighLevelProgram::take_frame() {
  const uint64_t tick = ticks_++;
  answer_gait_files();
  // Every tick, due or not for the program: images before the state that follows them.
  if (cameras_) cameras_->publish_due(view_);
  const bool fresh = feedback_.published && feedback_.localization.timestamp != published_timestamp_;
  if (options_.timing == BridgeTiming::lockstep) {
    // Frames sent before the first publication answer nothing.
    if (published_timestamp_ < 0) inbox_.discard_pending();
    if (!fresh) return {StepOutcome::Kind::skipped, {}};
    publish();
    StepOutcome outcome = wait_for_frame();
    // The texts that came before this frame, and none that came after it.
    take_gait_files(outcome, inbox_.consumed());
    return outcome;
  }
  // Real time: the robot's loop, tick k at k control periods on the wall clock.
  pacer_.wait_for_tick(tick, stats_);
  if (fresh) publish();
  StepOutcome outcome{StepOutcome::Kind::skipped, {}};
  if (auto frame = inbox_.latest()) {
    outcome.kind = StepOutcome::Kind::sent;
    outcome.high_level_frames.push_back(command_from_wire(*frame));
    stats_.frames_used++;
  }
  take_gait_files(outcome, UINT64_MAX);
  if (!outcome.gait_files.empty()) outcome.kind = StepOutcome::Kind::sent;
  return outcome;
}

}  // namespace simarena
