// Controller `locomotion`: the CyberDog 2's trot gaits (slow, medium, fast,
// stairs, stand) as a model-based controller, on any 12-joint quadruped the
// host's robot model describes (robot_geometry.h): gait schedule, stance forces
// from a QP on a single rigid body, Raibert swing feet, J^T to the motors.
// It starts the robot's way (zero frames, a smooth stand-up, a settle), then
// runs the command from its parameter string (see README.md).
#include <algorithm>
#include <cmath>
#include <optional>
#include <simarena/custom_interface.hpp>
#include <stdexcept>
#include <string>

#include "jump.h"
#include "locomotion_command.h"
#include "locomotion_params.h"
#include "probe_crawl.h"
#include "robot_geometry.h"
#include "route_follower.h"
#include "walker.h"

namespace {

using locomotion::kLegs;
constexpr double kMaxLaneSpeed = 0.15;   // m/s sideways while returning to the lane
constexpr double kBodyHeightRate = 0.2;  // m/s: how fast the body rises or lowers
constexpr double kJumpFromEdge =
    0.28;  // m from the trunk to a step's edge where the jump down starts: front feet still on top
constexpr double kLyingHeight = 0.11;  // m: the trunk this low lies (a field course's finish: below 0.15)
constexpr int kJumpDownStep = 9;       // the robot's jump id: down a step, 0.5 m forward

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
        robot_(robot),
        walker_(params_, robot.legs, robot.body, robot.torque_limits),
        crawl_(params_, robot.legs, robot.body, robot.torque_limits),
        jump_(robot.legs, robot.body, params_.velocity_blend, params_.balance.attitude_kp,
              params_.balance.attitude_kd) {
    ramped_ = locomotion::limited(params_.command, heights_);
    ramped_.forward_speed = ramped_.lateral_speed = ramped_.yaw_rate = 0.0;
  }

  enum class Stage { kWaiting, kStandingUp, kWalking, kJumping, kLyingDown };

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
    if (stage_ == Stage::kWalking && locomotion::RouteFollower::route_done(course_info_)) {
      // A field course walked to its end (its finish circle): lie down there.
      stage_ = Stage::kLyingDown;
      elapsed_ = 0.0;
      for (int i = 0; i < 3 * kLegs; ++i) end_pose_[i] = robot_data_.q[i];
    }
    if (stage_ == Stage::kLyingDown) {
      // Feet kept under the hips, so the trunk goes straight down where it stands.
      const auto pose = walker_.stance_pose(kLyingHeight);
      double low[3 * kLegs];
      for (int leg = 0; leg < kLegs; ++leg)
        for (int j = 0; j < 3; ++j) low[leg * 3 + j] = pose[leg][j];
      blend_pose(end_pose_, low, elapsed_ / params_.stand_time);
      return;
    }
    if (stage_ == Stage::kJumping) {
      jump_.step(robot_data_, dt_, motor_cmd_);
      if (!jump_.settled()) return;
      // Landed and standing: walk on from rest with a fresh gait.
      stage_ = Stage::kWalking;
      walker_ = locomotion::Walker(params_, robot_.legs, robot_.body, robot_.torque_limits);
      ramped_.forward_speed = ramped_.lateral_speed = ramped_.yaw_rate = 0.0;
      return;  // this period's command is the jump's last; the walker starts with the next
    }
    walker_.see_course(course_info_);
    const locomotion::LocomotionCommand command = next_command();
    // Off the end of a deck too high to walk down (a field course's beam): jump down, as the robot does.
    if (const std::optional<double> edge = route_.step_down_ahead(); edge && *edge <= kJumpFromEdge) {
      stage_ = Stage::kJumping;
      locomotion::JumpGoal down = locomotion::jump_goal(kJumpDownStep);
      down.drop = route_.step_down_depth();  // the step the map shows, not the one the robot's table assumes
      jump_.begin(robot_data_, down);
      jump_.step(robot_data_, dt_, motor_cmd_);
      return;
    }
    if (crawling())
      crawl_.step(robot_data_, command, dt_, motor_cmd_);
    else
      walker_.step(robot_data_, command, dt_, motor_cmd_);
  }

  bool crawling() const { return params_.command.gait == locomotion::GaitId::kProbeCrawl; }

  // Cosine blend from the lying pose to the stance pose: zero speed at both
  // ends, far below the jump clamp (8-12 degrees per frame).
  void stand_up() {
    const auto pose = walker_.stance_pose(ramped_.body_height);
    double stance[3 * kLegs];
    for (int leg = 0; leg < kLegs; ++leg)
      for (int j = 0; j < 3; ++j) stance[leg * 3 + j] = pose[leg][j];
    blend_pose(start_pose_, stance, elapsed_ / params_.stand_time);
  }

  // Joint targets a cosine blend of the way from `from` to `to` (0..1), held stiffly.
  template <class To>
  void blend_pose(const float* from, const To* to, double way) {
    const double blend = 0.5 - 0.5 * std::cos(M_PI * std::min(1.0, way));
    for (int i = 0; i < 3 * kLegs; ++i) {
      motor_cmd_.q_des[i] = static_cast<float>(from[i] + blend * (static_cast<double>(to[i]) - from[i]));
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
    if (locomotion::RouteFollower::guided(course_info_)) {
      wanted = route_.follow(course_info_, wanted);
    } else if (wanted.yaw_rate == 0.0 && wanted.lateral_speed == 0.0) {
      // Straight ahead: hold the start line by dead reckoning.
      const double drift = crawling() ? crawl_.lane_offset() : walker_.lane_offset();
      wanted.lateral_speed = std::clamp(-params_.lane_gain * drift, -kMaxLaneSpeed, kMaxLaneSpeed);
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
    ramped_.body_height = ramp(target.body_height, ramped_.body_height, kBodyHeightRate * dt_);
    ramped_.step_height = target.step_height;
    return ramped_;
  }

  double dt_;
  locomotion::BodyHeights heights_;
  locomotion::LocomotionParams params_;
  locomotion::RobotGeometry robot_;
  locomotion::Walker walker_;
  locomotion::ProbeCrawl crawl_;  // gait 60 instead of the walker
  locomotion::RouteFollower route_{params_};
  locomotion::Jump jump_;
  locomotion::LocomotionCommand ramped_;
  Stage stage_ = Stage::kWaiting;
  double elapsed_ = 0.0;
  float start_pose_[3 * kLegs] = {};  // lying, as the robot started
  float end_pose_[3 * kLegs] = {};    // where lying down began
};

}  // namespace

SIMARENA_EXPORT_CONTROLLER(LocomotionController, "locomotion")
