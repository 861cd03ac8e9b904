// Reference controller `trot`: a blind trotting gait for CyberDog 2, written
// against the public SDK like any student's plugin. It starts the robot's
// way: zero frames until the robot accepts commands, a smooth stand-up,
// a short settle, then trotting (see README.md for the method).
#include <algorithm>
#include <cmath>
#include <simarena/custom_interface.hpp>
#include <stdexcept>
#include <string>

#include "leg_kinematics.h"
#include "locomotion.h"
#include "trot_params.h"

namespace {

using trot::kNumLegs;
constexpr double kMaxLaneSpeed = 0.15;  // m/s sideways while returning to the lane

// The gait, the kinematics and every gain are tuned for the CyberDog 2's
// legs (trot::LegGeometry). On another robot the controller would compute
// footholds for legs it does not have and fall over; refuse instead, saying why.
trot::LegGeometry geometry_for(const simarena::ControllerContext& context) {
  constexpr const char* kJoints[] = {"FR_abad", "FR_hip", "FR_knee", "FL_abad", "FL_hip", "FL_knee",
                                     "RR_abad", "RR_hip", "RR_knee", "RL_abad", "RL_hip", "RL_knee"};
  const std::string suits =
      "; trot knows only the CyberDog 2's leg geometry (controllers/trot/leg_kinematics.h): use "
      "'--robot cyberdog2', or 'stand' for other robots";
  if (context.robot_name != "cyberdog2")
    throw std::invalid_argument("trot: robot '" + context.robot_name + "' does not suit this controller" + suits);
  bool same = context.joint_names.size() == std::size(kJoints);
  for (size_t i = 0; same && i < context.joint_names.size(); ++i) same = context.joint_names[i] == kJoints[i];
  if (!same)
    throw std::invalid_argument(
        "trot: the robot's joints are not the CyberDog 2's 12 joints in API order (FR_abad, "
        "FR_hip, ... RL_knee)" +
        suits);
  return trot::LegGeometry{};
}

class TrotController : public CustomInterface {
 public:
  explicit TrotController(const simarena::ControllerContext& context)
      : CustomInterface(1.0 / context.control_period),
        dt_(context.control_period),
        params_(trot::parse_trot_params(context.params)),
        locomotion_(params_, geometry_for(context)) {}

 private:
  enum class Stage { kWaiting, kStandingUp, kWalking };

  void UserCode(bool first_run) override {
    if (first_run) {
      // The robot only accepts us after all-zero frames; remember the pose.
      Zero_Cmd(motor_cmd_);
      for (int i = 0; i < 3 * kNumLegs; ++i) start_pose_[i] = robot_data_.q[i];
      stage_ = Stage::kWaiting;
      return;
    }
    if (stage_ == Stage::kWaiting) {
      stage_ = Stage::kStandingUp;
      elapsed_ = 0.0;
    }
    elapsed_ += dt_;
    if (stage_ == Stage::kStandingUp) {
      stand_up();
      if (elapsed_ >= params_.stand_time + params_.settle_time) {
        stage_ = Stage::kWalking;
        elapsed_ = 0.0;
      }
      return;
    }
    walk();
  }

  // Cosine blend from the lying pose to the stance pose: zero speed at both
  // ends and far slower than the jump clamp (8-12 degrees per frame).
  void stand_up() {
    const double s = std::min(1.0, elapsed_ / params_.stand_time);
    const double blend = 0.5 - 0.5 * std::cos(M_PI * s);
    const auto pose = locomotion_.stance_pose();
    for (int leg = 0; leg < kNumLegs; ++leg)
      for (int j = 0; j < 3; ++j) {
        const int i = leg * 3 + j;
        motor_cmd_.q_des[i] = static_cast<float>(start_pose_[i] + blend * (pose[leg][j] - start_pose_[i]));
        motor_cmd_.qd_des[i] = 0.0f;
        motor_cmd_.kp_des[i] = static_cast<float>(params_.kp_stand);
        motor_cmd_.kd_des[i] = static_cast<float>(params_.kd_stand);
        motor_cmd_.tau_des[i] = 0.0f;
      }
  }

  void walk() {
    // Ramp the speed so the gait starts in place and accelerates gently.
    const double max_change = params_.acceleration * dt_;
    speed_ = std::clamp(params_.speed, speed_ - max_change, speed_ + max_change);
    locomotion_.step(robot_data_, motion_command(), dt_, motor_cmd_);
  }

  // Where to go: toward the next gate when the event tells us where it is
  // (the guided rules), otherwise straight along the start heading, holding
  // the lane by dead reckoning.
  trot::MotionCommand motion_command() const {
    trot::MotionCommand command;
    command.forward_speed = speed_;
    if (course_info_.available && course_info_.next_gate_index >= 0) {
      const double bearing = std::atan2(course_info_.next_gate_body[1], course_info_.next_gate_body[0]);
      command.yaw_rate = std::clamp(params_.steer_gain * bearing, -params_.max_yaw_rate, params_.max_yaw_rate);
      command.forward_speed = speed_ * std::max(0.3, std::cos(bearing));  // slow into sharp turns
      return command;
    }
    command.yaw_rate = params_.yaw_rate;
    if (params_.yaw_rate == 0.0) {
      command.lateral_speed = std::clamp(-params_.lane_gain * locomotion_.lane_offset(), -kMaxLaneSpeed, kMaxLaneSpeed);
    }
    return command;
  }

  double dt_;
  trot::TrotParams params_;
  trot::Locomotion locomotion_;
  Stage stage_ = Stage::kWaiting;
  double elapsed_ = 0.0;
  double speed_ = 0.0;
  float start_pose_[3 * kNumLegs] = {};
};

}  // namespace

SIMARENA_EXPORT_CONTROLLER(TrotController, "trot")
