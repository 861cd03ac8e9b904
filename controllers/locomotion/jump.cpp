#include "jump.h"

#include <algorithm>
#include <cmath>

#include "joint_command.h"

namespace locomotion {

namespace {

constexpr double kCrouchTime = 0.4;  // s to fold into the crouch
constexpr double kCrouchHeight = 0.13, kTakeoffHeight = 0.265, kLandHeight = 0.24, kJumpStandHeight = 0.25;  // m
// The jump up (gait 6) needs all the motors have: a deeper crouch, a stroke
// to nearly straight legs, and an upward acceleration asked for that no
// motor can give, so that every joint pushes at its torque limit (measured:
// 0.29 m of apex instead of 0.23 m with the aimed push). The legs stay
// stretched until the apex (folding them early lowers the trunk under the
// centre of mass), then take the landing pose.
constexpr double kUpCrouchHeight = 0.12, kUpTakeoffHeight = 0.30;  // m
constexpr double kFullEffort = 200.0;                              // m/s², far past what the legs reach
constexpr double kHopSpeed = 1.6;                // m/s upward at take-off when the jump does not ask for height
constexpr double kTouchdownLead = 0.06;          // s of horizontal speed the feet reach ahead to land (Raibert)
constexpr double kMaxLead = 0.09;                // m
constexpr double kLandKp = 40.0, kLandKd = 2.5;  // the robot's landing gains
constexpr double kStandKp = 80.0, kStandKd = 2.0;
constexpr double kStepDrop = 0.15;        // m: the step jump 9 expects
constexpr double kTouchdownPress = 0.01;  // m
constexpr double kMaxFlight = 1.0;        // s: land anyway (a jump into a pit)
constexpr double kSettleTime = 0.6;       // s from touch-down to the stiff stand
constexpr int kLandedPeriods = 150;       // the robot's touch_down_delay before the bar reads 100
constexpr double kStandingHeight = 0.2;   // m: the robot's height_min_thresh

void write(SimarenaMotorCmd& cmd, int i, double q, double kp, double kd, double tau) {
  cmd.q_des[i] = static_cast<float>(q);
  cmd.qd_des[i] = 0.0f;
  cmd.kp_des[i] = static_cast<float>(kp);
  cmd.kd_des[i] = static_cast<float>(kd);
  cmd.tau_des[i] = static_cast<float>(std::clamp(tau, -kTorqueLimit, kTorqueLimit));
}

std::array<trot::JointAngles, 4> pose_at(const trot::LegGeometry& g, double height, const Eigen::Vector2d& lead) {
  std::array<trot::JointAngles, 4> q;
  for (int leg = 0; leg < 4; ++leg) {
    Eigen::Vector3d foot = g.hip_origin(leg);
    foot.head<2>() += lead;
    foot.z() = -(height - g.foot_radius);
    q[leg] = *trot::inverse_kinematics(g, leg, trot::clamp_to_workspace(g, leg, foot));
  }
  return q;
}

}  // namespace

JumpGoal jump_goal(int gait_id) {
  switch (gait_id) {  // the robot's JumpId table
    case 1:
      return {1, 0.6};
    case 2:
      return {2, 0.0, 0.2};
    case 3:
      return {3, 0.0, 0.0, -M_PI / 2};
    case 4:
      return {4, 0.3};
    case 5:
      return {5, 0.0, -0.2};
    case 6:
      return {6, 0.0, 0.0, 0.0, 0.3};
    case 9:  // down a step, 0.5 m forward; planned for a 0.15 m step (the robot does not say)
      return {9, 0.5, 0.0, 0.0, 0.0, kStepDrop};
    default:  // 0, and what the robot does with an id it does not know
      return {0, 0.0, 0.0, M_PI / 2};
  }
}

bool Jump::settled() const { return phase_ == Phase::landed && t_ - phase_start_ >= kSettleTime; }

Jump::Jump(trot::LegGeometry geometry, RigidBody body, double velocity_blend, double attitude_kp, double attitude_kd)
    : geometry_(geometry),
      body_(body),
      estimator_(geometry, velocity_blend),
      velocity_blend_(velocity_blend),
      attitude_kp_(attitude_kp),
      attitude_kd_(attitude_kd) {}

void Jump::begin(const SimarenaRobotData& data, const JumpGoal& goal) {
  goal_ = goal;
  phase_ = Phase::crouch;
  t_ = phase_start_ = 0.0;
  landed_periods_ = 0;
  forces_ = StanceForces{};
  for (int leg = 0; leg < 4; ++leg) start_q_[leg] = {data.q[3 * leg], data.q[3 * leg + 1], data.q[3 * leg + 2]};
  start_yaw_ = data.rpy[2];
  full_effort_ = goal.rise > 0.0;
  crouch_height_ = full_effort_ ? kUpCrouchHeight : kCrouchHeight;
  takeoff_height_ = full_effort_ ? kUpTakeoffHeight : kTakeoffHeight;
  crouch_q_ = pose_at(geometry_, crouch_height_, Eigen::Vector2d::Zero());
  takeoff_q_ = pose_at(geometry_, takeoff_height_, Eigen::Vector2d::Zero());
  stand_q_ = pose_at(geometry_, kJumpStandHeight, Eigen::Vector2d::Zero());
  // Take-off: upward speed for the apex (or a hop), horizontal speed and yaw
  // rate so the flight plus half the push cover the distance and the turn.
  const double up = goal.rise > 0.0 ? std::sqrt(2.0 * kGravity * goal.rise) : kHopSpeed;
  flight_time_ = (up + std::sqrt(up * up + 2.0 * kGravity * goal.drop)) / kGravity;
  const double push_time = 2.0 * (takeoff_height_ - crouch_height_) / up;
  const double travel_time = flight_time_ + 0.5 * push_time;
  const Eigen::Vector2d horizontal = Eigen::Rotation2Dd(start_yaw_) * Eigen::Vector2d(goal.forward, goal.lateral);
  takeoff_velocity_ = Eigen::Vector3d(horizontal.x() / travel_time, horizontal.y() / travel_time, up);
  takeoff_yaw_rate_ = goal.turn / flight_time_;  // the push turns little, the landing stops the turn
  // Land with the feet ahead of the hips by the speed they arrive with.
  Eigen::Vector2d lead = kTouchdownLead * Eigen::Vector2d(goal.forward, goal.lateral) / travel_time;
  if (lead.norm() > kMaxLead) lead *= kMaxLead / lead.norm();
  land_q_ = pose_at(geometry_, kLandHeight, lead);
  estimator_ = trot::BodyStateEstimator(geometry_, velocity_blend_);
}

void Jump::hold_legs(const std::array<trot::JointAngles, 4>& q, double kp, double kd, double weight_share,
                     SimarenaMotorCmd& cmd) const {
  const trot::BodyState& s = estimator_.state();
  for (int leg = 0; leg < 4; ++leg) {
    const Eigen::Vector3d tau =
        -s.jacobian[leg].transpose() * (s.rotation.transpose() * Eigen::Vector3d(0, 0, weight_share));
    for (int j = 0; j < 3; ++j) write(cmd, 3 * leg + j, q[leg][j], kp, kd, tau[j]);
  }
}

int8_t Jump::step(const SimarenaRobotData& data, double dt, SimarenaMotorCmd& cmd) {
  const bool on_ground = phase_ == Phase::crouch || phase_ == Phase::push || phase_ == Phase::landed;
  const double support = on_ground ? 1.0 : 0.0;
  const trot::BodyState& s = estimator_.update(data, {support, support, support, support}, dt);
  t_ += dt;
  const double in_phase = t_ - phase_start_;
  const double weight_share = body_.mass * kGravity / 4.0;
  const double push_time = 2.0 * (takeoff_height_ - crouch_height_) / takeoff_velocity_.z();  // if all goes to plan

  switch (phase_) {
    case Phase::crouch: {
      const double k = smooth_blend(in_phase / kCrouchTime);
      std::array<trot::JointAngles, 4> q;
      for (int leg = 0; leg < 4; ++leg) q[leg] = start_q_[leg] + k * (crouch_q_[leg] - start_q_[leg]);
      hold_legs(q, kStandKp, kStandKd, weight_share, cmd);
      if (in_phase >= kCrouchTime + 0.1) {
        phase_ = Phase::push;
        phase_start_ = t_;
      }
      return 0;
    }
    case Phase::push: {
      // The trunk's wanted acceleration: reach the take-off velocity just as
      // the legs reach full stroke (the stroke left and the speed now say
      // how long that is), whatever the motors managed so far.
      double height = geometry_.foot_radius;
      for (int leg = 0; leg < 4; ++leg) height -= (s.rotation * s.foot[leg]).z() / 4.0;
      const double stroke_left = std::max(0.01, takeoff_height_ - height);
      const double up_now = std::max(0.0, s.velocity.z());
      const double time_left = std::max(0.02, 2.0 * stroke_left / (up_now + takeoff_velocity_.z()));
      Eigen::Vector3d acceleration = (takeoff_velocity_ - s.velocity) / time_left;
      acceleration.z() =
          full_effort_
              ? kFullEffort
              : std::max(0.0, (takeoff_velocity_.z() * takeoff_velocity_.z() - up_now * up_now) / (2.0 * stroke_left));
      const Eigen::Vector3d angular(-attitude_kp_ * s.rpy.x() - attitude_kd_ * s.omega.x(),
                                    -attitude_kp_ * s.rpy.y() - attitude_kd_ * s.omega.y(),
                                    (takeoff_yaw_rate_ - s.omega.z()) / time_left);
      const Eigen::Matrix3d inertia = s.rotation * body_.inertia.asDiagonal() * s.rotation.transpose();
      Eigen::Matrix<double, 6, 1> wrench;
      wrench << body_.mass * (acceleration + Eigen::Vector3d(0, 0, kGravity)), inertia * angular;
      std::array<Eigen::Vector3d, 4> lever;
      for (int leg = 0; leg < 4; ++leg) lever[leg] = s.rotation * (s.foot[leg] - body_.centre_of_mass);
      ForceLimits limits;
      limits.friction = 0.7;
      limits.max_normal = 250.0;
      forces_ = distribute_forces({true, true, true, true}, lever, wrench, limits, ForceWeights{}, forces_.force);
      for (int leg = 0; leg < 4; ++leg) {
        const Eigen::Vector3d tau = -s.jacobian[leg].transpose() * (s.rotation.transpose() * forces_.force[leg]);
        for (int j = 0; j < 3; ++j)
          write(cmd, 3 * leg + j, s.q[leg][j], 0.0, 0.0, tau[j]);  // no damping: it would brake the stroke
      }
      if (height >= takeoff_height_ || in_phase >= 1.5 * push_time) {
        phase_ = Phase::flight;
        phase_start_ = t_;
      }
      return 0;
    }
    case Phase::flight: {
      // Legs to the landing pose on soft springs: they are the landing's impedance.
      int pressed = 0;
      for (int leg = 0; leg < 4; ++leg) {
        // A foot pushed up toward the trunk by more than this is on the ground.
        if ((s.foot[leg] - trot::foot_position(geometry_, leg, land_q_[leg])).z() > kTouchdownPress) ++pressed;
      }
      const bool rising = full_effort_ && in_phase < takeoff_velocity_.z() / kGravity;
      hold_legs(rising ? takeoff_q_ : land_q_, kLandKp, kLandKd, 0.0, cmd);
      if ((in_phase >= 0.5 * flight_time_ && pressed >= 2) || in_phase >= kMaxFlight) {
        phase_ = Phase::landed;
        phase_start_ = t_;
        start_q_ = land_q_;
      }
      return 0;
    }
    case Phase::landed: {
      // Touch-down on the springs, then stiffen into the stand, the weight carried.
      const double k = smooth_blend((in_phase - 0.2) / (kSettleTime - 0.2));
      std::array<trot::JointAngles, 4> q;
      for (int leg = 0; leg < 4; ++leg) q[leg] = start_q_[leg] + k * (stand_q_[leg] - start_q_[leg]);
      hold_legs(q, kLandKp + k * (kStandKp - kLandKp), kLandKd + k * (kStandKd - kLandKd), k * weight_share, cmd);
      double height = geometry_.foot_radius;
      for (int leg = 0; leg < 4; ++leg) height -= (s.rotation * s.foot[leg]).z() / 4.0;
      if (in_phase >= kSettleTime && height > kStandingHeight)
        ++landed_periods_;
      else
        landed_periods_ = 0;
      return landed_periods_ > kLandedPeriods ? 100 : 0;  // the robot's bar: 0 until landed
    }
  }
  return 0;
}

}  // namespace locomotion
