// Controller `locomotion`: the CyberDog 2's trot gaits (slow, medium, fast,
// stairs, stand) as a model-based controller: gait schedule, stance forces
// from a QP on a single rigid body, Raibert swing feet, J^T to the motors.
// It starts the robot's way (zero frames, a smooth stand-up, a settle), then
// runs the command from its parameter string (see README.md).
#include <algorithm>
#include <cmath>
#include <simarena/custom_interface.hpp>
#include <stdexcept>
#include <string>

#include "locomotion_command.h"
#include "locomotion_params.h"
#include "walker.h"

namespace {

using locomotion::kLegs;
constexpr double kMaxLaneSpeed = 0.15;  // m/s sideways while returning to the lane

// The leg geometry and mass numbers are the CyberDog 2's; on another robot
// the controller would place feet for legs it does not have. Refuse instead.
trot::LegGeometry geometry_for(const simarena::ControllerContext& context) {
  constexpr const char* kJoints[] = {"FR_abad", "FR_hip", "FR_knee", "FL_abad", "FL_hip", "FL_knee",
                                     "RR_abad", "RR_hip", "RR_knee", "RL_abad", "RL_hip", "RL_knee"};
  const std::string suits =
      "; locomotion knows only the CyberDog 2's legs and masses (controllers/locomotion/walker.h): use "
      "'--robot cyberdog2', or 'stand' for other robots";
  if (context.robot_name != "cyberdog2")
    throw std::invalid_argument("locomotion: robot '" + context.robot_name + "' does not suit this controller" + suits);
  bool same = context.joint_names.size() == std::size(kJoints);
  for (size_t i = 0; same && i < context.joint_names.size(); ++i) same = context.joint_names[i] == kJoints[i];
  if (!same)
    throw std::invalid_argument(
        "locomotion: the robot's joints are not the CyberDog 2's 12 joints in API order (FR_abad, FR_hip, ... "
        "RL_knee)" +
        suits);
  return trot::LegGeometry{};
}

double ramp(double target, double current, double max_change) {
  return std::clamp(target, current - max_change, current + max_change);
}

class LocomotionController : public CustomInterface {
 public:
  explicit LocomotionController(const simarena::ControllerContext& context)
      : CustomInterface(1.0 / context.control_period),
        dt_(context.control_period),
        params_(locomotion::parse_locomotion_params(context.params)),
        walker_(params_, geometry_for(context)) {
    ramped_ = locomotion::limited(params_.command);
    ramped_.forward_speed = ramped_.lateral_speed = ramped_.yaw_rate = 0.0;
  }

 private:
  enum class Stage { kWaiting, kStandingUp, kWalking };

  void UserCode(bool first_run) override {
    if (first_run) {
      // The robot accepts commands only after all-zero frames; remember the pose.
      Zero_Cmd(motor_cmd_);
      for (int i = 0; i < 3 * kLegs; ++i) start_pose_[i] = robot_data_.q[i];
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
      if (elapsed_ >= params_.stand_time + params_.settle_time) stage_ = Stage::kWalking;
      return;
    }
    walker_.see_course(course_info_);
    walker_.step(robot_data_, next_command(), dt_, motor_cmd_);
  }

  // Cosine blend from the lying pose to the stance pose: zero speed at both
  // ends, far below the jump clamp (8-12 degrees per frame).
  void stand_up() {
    const double s = std::min(1.0, elapsed_ / params_.stand_time);
    const double blend = 0.5 - 0.5 * std::cos(M_PI * s);
    const auto pose = walker_.stance_pose(ramped_.body_height);
    for (int leg = 0; leg < kLegs; ++leg)
      for (int j = 0; j < 3; ++j) {
        const int i = leg * 3 + j;
        motor_cmd_.q_des[i] = static_cast<float>(start_pose_[i] + blend * (pose[leg][j] - start_pose_[i]));
        motor_cmd_.qd_des[i] = 0.0f;
        motor_cmd_.kp_des[i] = static_cast<float>(params_.kp_stand);
        motor_cmd_.kd_des[i] = static_cast<float>(params_.kd_stand);
        motor_cmd_.tau_des[i] = 0.0f;
      }
  }

  // The command this period: the user's (or, in guided events, toward the
  // next gate), limited to the gait, ramped at the robot's accelerations.
  locomotion::LocomotionCommand next_command() {
    locomotion::LocomotionCommand wanted = params_.command;
    if (course_info_.available && course_info_.next_gate_index >= 0) {
      const double bearing = std::atan2(course_info_.next_gate_body[1], course_info_.next_gate_body[0]);
      wanted.yaw_rate = std::clamp(params_.steer_gain * bearing, -params_.max_steer_rate, params_.max_steer_rate);
      wanted.forward_speed *= std::max(0.3, std::cos(bearing));  // slow into sharp turns
    } else if (wanted.yaw_rate == 0.0 && wanted.lateral_speed == 0.0) {
      // Straight ahead: hold the start line by dead reckoning.
      wanted.lateral_speed = std::clamp(-params_.lane_gain * walker_.lane_offset(), -kMaxLaneSpeed, kMaxLaneSpeed);
    }
    // The gait follows the user's command, not the ramp: an auto gait is
    // chosen once for the speed asked for, not changed while accelerating.
    const locomotion::LocomotionCommand target = locomotion::limited(wanted);
    const locomotion::LocomotionCommand gait_of_request = locomotion::limited(params_.command);
    ramped_.gait = gait_of_request.gait;
    const locomotion::GaitLimits caps = locomotion::limits_of(ramped_.gait);
    ramped_.forward_speed = ramp(std::clamp(target.forward_speed, -caps.max_backward, caps.max_forward),
                                 ramped_.forward_speed, params_.acceleration * dt_);
    ramped_.lateral_speed = ramp(std::clamp(target.lateral_speed, -caps.max_lateral, caps.max_lateral),
                                 ramped_.lateral_speed, params_.acceleration * dt_);
    ramped_.yaw_rate = ramp(std::clamp(target.yaw_rate, -caps.max_yaw_rate, caps.max_yaw_rate), ramped_.yaw_rate,
                            params_.yaw_acceleration * dt_);
    ramped_.body_height = target.body_height;
    ramped_.step_height = target.step_height;
    return ramped_;
  }

  double dt_;
  locomotion::LocomotionParams params_;
  locomotion::Walker walker_;
  locomotion::LocomotionCommand ramped_;
  Stage stage_ = Stage::kWaiting;
  double elapsed_ = 0.0;
  float start_pose_[3 * kLegs] = {};
};

}  // namespace

SIMARENA_EXPORT_CONTROLLER(LocomotionController, "locomotion")
