// Controller `locomotion`: the CyberDog 2's trot gaits (slow, medium, fast,
// stairs, stand) as a model-based controller, on any 12-joint quadruped the
// host's robot model describes (robot_geometry.h): gait schedule, stance forces
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
#include "robot_geometry.h"
#include "walker.h"

namespace {

using locomotion::kLegs;
constexpr double kMaxLaneSpeed = 0.15;  // m/s sideways while returning to the lane

// Legs, masses, motor limits and heights from the host's robot model.
locomotion::RobotGeometry robot_of(const simarena::ControllerContext& context) {
  if (!context.model)
    throw std::invalid_argument("locomotion: robot '" + context.robot_name +
                                "' does not suit this controller: the host gave no robot model (run it with the "
                                "simarena its SDK came from, or a newer one)");
  try {
    return locomotion::robot_geometry(*context.model);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string(e.what()) + " (robot '" + context.robot_name +
                                "'; see docs/robots.md, or use 'stand')");
  }
}

double ramp(double target, double current, double max_change) {
  return std::clamp(target, current - max_change, current + max_change);
}

class LocomotionController : public CustomInterface {
 public:
  explicit LocomotionController(const simarena::ControllerContext& context)
      : LocomotionController(context, robot_of(context)) {}

 private:
  LocomotionController(const simarena::ControllerContext& context, const locomotion::RobotGeometry& robot)
      : CustomInterface(1.0 / context.control_period),
        dt_(context.control_period),
        heights_(robot.heights),
        params_(locomotion::parse_locomotion_params(context.params, heights_)),
        walker_(params_, robot.legs, robot.body, robot.torque_limits) {
    ramped_ = locomotion::limited(params_.command, heights_);
    ramped_.forward_speed = ramped_.lateral_speed = ramped_.yaw_rate = 0.0;
  }

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
    const locomotion::LocomotionCommand target = locomotion::limited(wanted, heights_);
    const locomotion::LocomotionCommand gait_of_request = locomotion::limited(params_.command, heights_);
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
  locomotion::BodyHeights heights_;
  locomotion::LocomotionParams params_;
  locomotion::Walker walker_;
  locomotion::LocomotionCommand ramped_;
  Stage stage_ = Stage::kWaiting;
  double elapsed_ = 0.0;
  float start_pose_[3 * kLegs] = {};
};

}  // namespace

SIMARENA_EXPORT_CONTROLLER(LocomotionController, "locomotion")
