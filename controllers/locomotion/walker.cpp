#include "walker.h"

#include <algorithm>
#include <cmath>

#include "joint_command.h"

namespace locomotion {

namespace {

constexpr double kOdometryMargin = 0.15;    // fraction of stance ignored at each end by leg odometry
constexpr double kSlopeTimeConstant = 0.2;  // s, filter on the felt ground slope
// Touchdown at most this far from the neutral point (x, y): in metres, and
// as a fraction of the leg (thigh + shank) for smaller robots.
constexpr double kMaxStepReach[2] = {0.16, 0.10};       // m
constexpr double kMaxStepReachOfLeg[2] = {0.55, 0.35};  // fraction
// Stumble reflex (as in trot): how far behind its path a swing foot must be,
// when it is checked, and how fast the extra lift comes in (q_des must not jump).
constexpr double kStumbleLag = 0.03;              // m
constexpr double kStumbleWindow[2] = {0.2, 0.8};  // swing progress
constexpr double kStumbleLiftRate = 2.0;          // m/s
constexpr double kDescentSlope = 0.08;            // rad of felt downhill slope that counts as a descent
constexpr double kHoleCautionTime = 1.0;          // s at `hole_speed` after a foot found a hole
constexpr double kIntegralBleedTime = 0.2;        // s: the velocity integral's decay while overshooting
constexpr int kMpcSteps = 10;                     // MPC horizon steps per gait cycle (the horizon is one cycle)
// Standing (no gait cycle), the stance forces alone leave where the feet
// are to friction: MuJoCo's soft contacts let a foot under a steady sideways
// load creep, and the feet of a stand splayed outward at about 3 mm/s until
// the robot did the splits and rolled over after a minute or two. Each foot
// is held where the stand began by a horizontal spring (N/m) on its ground
// force; the springs pull against each other, not on the trunk.
constexpr double kStandFootHold = 400.0;

// Roll and pitch only: trunk axes to the heading frame (world turned by yaw).
Eigen::Matrix3d tilt_of(const BodyState& s) {
  return Eigen::AngleAxisd(-s.rpy.z(), Eigen::Vector3d::UnitZ()).matrix() * s.rotation;
}

// Trot swing: the foot's path bows sideways (trunk y) by `bulge` at
// mid-swing and comes back to its aim by touchdown.
void bow_sideways(SwingPoint& swing, double bulge, double progress, double duration, const Eigen::Matrix3d& tilt) {
  const Eigen::Vector3d side = tilt * Eigen::Vector3d(0.0, bulge, 0.0);
  swing.position += std::sin(M_PI * progress) * side;
  if (duration > 0.0) swing.velocity += M_PI / duration * std::cos(M_PI * progress) * side;
}

}  // namespace

Walker::Walker(const LocomotionParams& params, LegGeometry geometry, RigidBody body, const TorqueLimits& torque_limits)
    : params_(params),
      geometry_(geometry),
      body_(body),
      torque_limits_(torque_limits),
      max_step_reach_(std::min(kMaxStepReach[0], kMaxStepReachOfLeg[0] * (geometry.thigh + geometry.shank)),
                      std::min(kMaxStepReach[1], kMaxStepReachOfLeg[1] * (geometry.thigh + geometry.shank))),
      estimator_(geometry, params.velocity_blend, params.slip_gate),
      terrain_(kSlopeTimeConstant),
      footholds_(params.foothold) {}

double Walker::stance_ground(const std::array<Eigen::Vector3d, kLegs>& feet, const std::array<bool, kLegs>& stance,
                             const LocomotionCommand& command) const {
  double sum = 0.0;
  int down = 0;
  for (int leg = 0; leg < kLegs; ++leg)
    if (stance[leg]) {
      sum += feet[leg].z() - geometry_.foot_radius;
      ++down;
    }
  return down > 0 ? sum / down : -command.body_height;
}

Eigen::Vector3d Walker::neutral_foot(int leg) const {
  Eigen::Vector3d foot = geometry_.hip_origin(leg);
  if (params_.foot_width > 0.0) foot.y() = LegGeometry::side(leg) * params_.foot_width;
  return foot;
}

std::array<JointAngles, kLegs> Walker::stance_pose(double body_height) const {
  std::array<JointAngles, kLegs> pose;
  for (int leg = 0; leg < kLegs; ++leg) {
    Eigen::Vector3d foot = neutral_foot(leg);
    foot.z() = -(body_height - geometry_.foot_radius);
    pose[leg] = *trot::inverse_kinematics(geometry_, leg, trot::clamp_to_workspace(geometry_, leg, foot));
  }
  return pose;
}

double Walker::lane_offset() const {
  return -std::sin(start_yaw_) * odometry_.x() + std::cos(start_yaw_) * odometry_.y();
}

Eigen::Matrix<double, 6, 1> Walker::wanted_wrench(const BodyState& s, const LocomotionCommand& command,
                                                  const Eigen::Matrix3d& heading, double dt) {
  const BalanceGains& g = params_.balance;
  const Eigen::Vector2d wanted(command.forward_speed, command.lateral_speed);
  const Eigen::Vector2d measured = (heading.transpose() * s.velocity).head<2>();
  // Integral of the velocity error in the heading frame (it turns with the
  // robot): the steady push against drag, slopes and a sloppy estimate.
  const Eigen::Vector2d error = wanted - measured;
  velocity_integral_ += g.velocity_ki * error * dt;
  // Anti-windup: held back (a foot in a gap) the integral grows to its
  // limit, and that is what pushes the trunk out; once free, it would push
  // on far past the command (down the next stairs). Overshooting, it bleeds.
  for (int axis = 0; axis < 2; ++axis)
    if (g.velocity_overshoot > 0.0 &&
        -error[axis] * std::copysign(1.0, velocity_integral_[axis]) > g.velocity_overshoot)
      velocity_integral_[axis] *= std::max(0.0, 1.0 - dt / kIntegralBleedTime);
  if (velocity_integral_.norm() > g.velocity_integral_limit)
    velocity_integral_ *= g.velocity_integral_limit / velocity_integral_.norm();
  const Eigen::Vector2d acceleration = g.velocity_kp * error + velocity_integral_;

  Eigen::Vector3d force;
  force.head<2>() = body_.mass * (heading.topLeftCorner<2, 2>() * acceleration);
  force.z() = body_.mass * (kGravity + g.height_kp * (command.body_height - s.height) - g.height_kd * s.velocity.z());

  const double yaw_error = std::remainder(yaw_target_ - s.rpy.z(), 2.0 * M_PI);
  // Roll and pitch are turns about the heading frame's x and y axes, so the
  // attitude law works in that frame (in world axes it would push the wrong
  // way once the robot has turned around).
  const Eigen::Vector3d omega = heading.transpose() * s.omega;
  const Eigen::Vector3d angular_acceleration =
      heading * Eigen::Vector3d(-g.attitude_kp * s.rpy.x() - g.attitude_kd * omega.x(),
                                g.attitude_kp * (pitch_target_ - s.rpy.y()) - g.attitude_kd * omega.y(),
                                g.yaw_kp * yaw_error + g.yaw_kd * (command.yaw_rate - omega.z()));
  const Eigen::Matrix3d inertia = s.rotation * body_.inertia.asDiagonal() * s.rotation.transpose();
  Eigen::Matrix<double, 6, 1> wrench;
  wrench << force, inertia * angular_acceleration + s.omega.cross(inertia * s.omega);
  return wrench;
}

Eigen::Vector3d Walker::touchdown_target(int leg, const Eigen::Matrix3d& tilt, const Eigen::Vector2d& velocity,
                                         const LocomotionCommand& command, FootholdSide* moved_to) const {
  const double stance = gait_.stance_duration(leg);
  const Eigen::Vector3d hip = tilt * neutral_foot(leg);
  const Eigen::Vector2d wanted(command.forward_speed, command.lateral_speed);
  // Raibert: half a stance stride ahead at the measured speed keeps the foot
  // centred under the hip; stepping further out when too fast slows down.
  Eigen::Vector2d offset = 0.5 * stance * velocity + params_.raibert_gain * (velocity - wanted);
  // The hip sweeps sideways while the trunk turns during stance.
  offset += 0.5 * stance * command.yaw_rate * Eigen::Vector2d(-hip.y(), hip.x());
  // Centripetal: lean into a turn by stepping outward.
  offset += 0.5 * command.body_height / kGravity * command.yaw_rate * Eigen::Vector2d(velocity.y(), -velocity.x());
  offset.x() = std::clamp(offset.x(), -max_step_reach_.x(), max_step_reach_.x());
  offset.y() = std::clamp(offset.y(), -max_step_reach_.y(), max_step_reach_.y());
  Eigen::Vector2d xy = hip.head<2>() + offset;
  // The user gait's landing offsets (trunk frame), added as the robot adds them to the hip.
  if (command.user_gait != nullptr || command.motion_timing != nullptr)
    xy += (tilt * Eigen::Vector3d(command.landing_offset[leg][0], command.landing_offset[leg][1], 0.0)).head<2>();
  // Assisted events: a safe cell of the height map near the Raibert point.
  // The map is of now; the foot lands when the trunk has moved on.
  if (footholds_.available()) {
    const FootPhase phase = gait_.phase(leg);
    const double to_touchdown = phase.stance ? 0.0 : (1.0 - phase.progress) * gait_.swing_duration(leg);
    if (const Foothold f = footholds_.select(xy, velocity * to_touchdown, foothold_side_[leg]); f.known) {
      if (moved_to != nullptr && f.moved) *moved_to = f.side;
      return {f.xy.x(), f.xy.y(), f.ground + geometry_.foot_radius - params_.touchdown_depth};
    }
  }
  return {xy.x(), xy.y(),
          -(command.body_height - geometry_.foot_radius) + terrain_.rise_over(xy.x()) - params_.touchdown_depth};
}

bool Walker::plan_forces(const BodyState& s, const LocomotionCommand& command, const Eigen::Matrix3d& heading,
                         const Eigen::Matrix3d& tilt, const std::array<bool, kLegs>& stance) {
  const double step = gait_.mpc_step(kMpcSteps);
  const int segment = gait_.mpc_segment(kMpcSteps);
  ++ticks_since_plan_;
  const bool due = params_.mpc_every > 0 && ticks_since_plan_ >= params_.mpc_every;
  if (segment != mpc_segment_ || mpc_.forces.empty() || due) {
    mpc_segment_ = segment;
    ticks_since_plan_ = 0;
    MpcProblem p;
    p.step = step;
    p.mass = body_.mass;
    p.inertia = s.rotation * body_.inertia.asDiagonal() * s.rotation.transpose();
    p.yaw = s.rpy.z();
    p.limits = params_.forces;
    p.weights = params_.mpc_weights;
    // Positions relative to where the trunk is now (blind: no absolute
    // position); height above the stance feet's ground.
    p.start << s.rpy.x(), s.rpy.y(), 0.0, 0.0, 0.0, s.height, s.omega, s.velocity, kGravity;
    const Eigen::Vector2d velocity = (heading.transpose() * s.velocity).head<2>();
    // The velocity integral shifts the reference as it shifts the PD law's target.
    const Eigen::Vector2d wanted = Eigen::Vector2d(command.forward_speed, command.lateral_speed) +
                                   velocity_integral_ / std::max(1.0, params_.balance.velocity_kp);
    const Eigen::Vector3d wanted_world = heading * Eigen::Vector3d(wanted.x(), wanted.y(), 0.0);
    const double yaw_error = std::remainder(yaw_target_ - s.rpy.z(), 2.0 * M_PI);
    for (int k = 1; k <= kMpcSteps; ++k) {
      const double t = k * step;
      MpcState x;
      x << 0.0, pitch_target_, yaw_error + command.yaw_rate * t, wanted_world.x() * t, wanted_world.y() * t,
          command.body_height, 0.0, 0.0, command.yaw_rate, wanted_world, kGravity;
      p.reference.push_back(x);
      std::array<bool, kLegs> down{};
      for (int leg = 0; leg < kLegs; ++leg) down[leg] = k == 1 ? stance[leg] : gait_.stance_after(leg, (k - 1) * step);
      p.contact.push_back(down);
    }
    // Levers: stance feet where they are, swing feet where they will land.
    for (int leg = 0; leg < kLegs; ++leg) {
      const Eigen::Vector3d foot = stance[leg]
                                       ? Eigen::Vector3d(s.rotation * s.foot[leg])
                                       : Eigen::Vector3d(heading * touchdown_target(leg, tilt, velocity, command));
      p.lever[leg] = foot - s.rotation * body_.centre_of_mass;
    }
    mpc_ = solve_convex_mpc(p);
    mpc_contact_ = p.contact.front();
  }
  if (mpc_contact_ != stance) return false;
  forces_.force = mpc_.forces.front();
  forces_.iterations = mpc_.iterations;
  forces_.optimal = mpc_.optimal;
  return true;
}

double Walker::stumble_lift(int leg, const Eigen::Vector3d& foot, const Eigen::Vector3d& land, double progress,
                            double dt) {
  const Eigen::Vector2d stride = (land - lift_off_[leg]).head<2>();
  if (!stumbled_[leg] && progress > kStumbleWindow[0] && progress < kStumbleWindow[1] && stride.norm() > 0.02) {
    const double lag = (swing_target_[leg] - foot).head<2>().dot(stride.normalized());
    stumbled_[leg] = lag > kStumbleLag && foot.z() < swing_target_[leg].z();
  }
  if (stumbled_[leg]) stumble_lift_[leg] = std::min(params_.stumble_height, stumble_lift_[leg] + kStumbleLiftRate * dt);
  // Fade out over the landing so the foot still reaches the ground.
  const double fade = std::clamp((1.0 - progress) / (1.0 - kStumbleWindow[1]), 0.0, 1.0);
  return stumble_lift_[leg] * fade;
}

void Walker::step(const SimarenaRobotData& data, const LocomotionCommand& asked, double dt, SimarenaMotorCmd& cmd) {
  LocomotionCommand command = asked;
  if (command.user_gait != nullptr) {
    gait_.request_user(*command.user_gait, command.user_gait_id);
  } else if (command.motion_timing != nullptr) {
    gait_.request(*command.motion_timing);
  } else {
    GaitTiming timing = timing_of(command.gait);
    if (params_.period > 0.0) timing.period = params_.period;
    if (params_.duty > 0.0) timing.duty = params_.duty;
    gait_.request(timing);
  }
  gait_.advance(dt);
  // simarena: a user gait that has played to its end stands still (the
  // robot keeps pressing its trunk toward vel_des over planted feet).
  if (gait_.user_finished()) command.forward_speed = command.lateral_speed = command.yaw_rate = 0.0;

  std::array<FootPhase, kLegs> phase;
  std::array<bool, kLegs> stance{};
  std::array<double, kLegs> trust{};
  for (int leg = 0; leg < kLegs; ++leg) {
    phase[leg] = gait_.phase(leg);
    stance[leg] = phase[leg].stance;
    // Leg odometry only mid-stance: around touchdown and lift-off a foot may
    // still move or be unloaded.
    const double p = phase[leg].progress;
    trust[leg] = stance[leg] && p > kOdometryMargin && p < 1.0 - kOdometryMargin ? 1.0 : 0.0;
  }
  const BodyState& s = estimator_.update(data, trust, dt);
  if (!started_) {
    started_ = true;
    start_yaw_ = yaw_target_ = s.rpy.z();
  }
  yaw_target_ = std::remainder(yaw_target_ + command.yaw_rate * dt, 2.0 * M_PI);
  const Eigen::Matrix3d heading = Eigen::AngleAxisd(s.rpy.z(), Eigen::Vector3d::UnitZ()).matrix();
  const Eigen::Matrix3d tilt = tilt_of(s);
  std::array<Eigen::Vector3d, kLegs> feet;  // heading frame, relative to the trunk
  for (int leg = 0; leg < kLegs; ++leg) feet[leg] = tilt * s.foot[leg];
  const bool standing = !gait_.timing().stepping;
  for (int leg = 0; leg < kLegs; ++leg) {
    if (!standing) stand_anchor_[leg].reset();
    if (standing && !stand_anchor_[leg]) stand_anchor_[leg] = feet[leg];
  }
  terrain_.update(feet, trust, dt);
  if (footholds_.available()) {
    footholds_.classify(stance_ground(feet, stance, command));
    // Over gaps and stones the footholds are few: a slower trot has time to reach them.
    if (footholds_.pit_ahead()) command.forward_speed = std::min(command.forward_speed, params_.foothold.careful_speed);
  }
  pitch_target_ = std::clamp(params_.slope_follow * terrain_.pitch(), -params_.max_body_pitch, params_.max_body_pitch);
  if (command.motion_timing != nullptr) pitch_target_ += command.body_pitch;
  odometry_ += s.velocity.head<2>() * dt;
  // Blind, downhill: over a crest the front feet land late and the trunk
  // tips forward; kept at speed it runs away down the slope. While the feet
  // feel the ground falling away ahead, go no faster than `descent_speed`.
  if (terrain_.pitch() > kDescentSlope) command.forward_speed = std::min(command.forward_speed, params_.descent_speed);
  // Blind, a foot found a hole: go no faster than `hole_speed` for a while,
  // so the re-step reaches the far side before the trunk runs over it.
  if (hole_caution_ > 0.0) {
    hole_caution_ -= dt;
    command.forward_speed = std::min(command.forward_speed, params_.hole_speed);
  }

  // Stance: the wrench the trunk needs, split among the feet on the ground.
  std::array<Eigen::Vector3d, kLegs> lever;
  for (int leg = 0; leg < kLegs; ++leg) lever[leg] = s.rotation * (s.foot[leg] - body_.centre_of_mass);
  const Eigen::Matrix<double, 6, 1> wrench = wanted_wrench(s, command, heading, dt);
  const bool planned = params_.mpc && gait_.timing().stepping && plan_forces(s, command, heading, tilt, stance);
  if (!planned) forces_ = distribute_forces(stance, lever, wrench, params_.forces, ForceWeights{}, forces_.force);

  const Eigen::Vector2d velocity = (heading.transpose() * s.velocity).head<2>();
  const Eigen::Vector3d wanted_world = heading * Eigen::Vector3d(command.forward_speed, command.lateral_speed, 0.0);
  for (int leg = 0; leg < kLegs; ++leg) {
    const int base = leg * 3;
    const Eigen::Matrix3d& jacobian = s.jacobian[leg];
    if (stance[leg]) {
      // Touchdown check: how far the foot went below where its swing aimed
      // (it met no ground there: a gap, or between stones).
      if (in_swing_[leg]) {
        sank_[leg] = 0.0;
        landed_[leg] = true;
      }
      if (landed_[leg]) sank_[leg] = std::max(sank_[leg], swing_target_[leg].z() - feet[leg].z());
      if (sank_[leg] > kHoleDepth) hole_caution_ = kHoleCautionTime;
      in_swing_[leg] = false;
      // Push the ground with the planned force (J^T); damp toward the foot
      // sliding back under the trunk at the wanted speed.
      Eigen::Vector3d force = forces_.force[leg];
      if (standing) {
        // A foot that crept away from its place pushes the ground back toward
        // it (the ground's force on the foot points away from the place).
        Eigen::Vector3d crept = feet[leg] - *stand_anchor_[leg];
        crept.z() = 0.0;
        force += heading * (kStandFootHold * crept);
      }
      const Eigen::Vector3d torque = -jacobian.transpose() * (s.rotation.transpose() * force);
      const Eigen::Vector3d foot_rate =
          s.rotation.transpose() * (-wanted_world - s.omega.cross(s.rotation * s.foot[leg]));
      const Eigen::Vector3d qd = jacobian.partialPivLu().solve(foot_rate);
      for (int j = 0; j < 3; ++j)
        write_joint(cmd, base + j, s.q[leg][j], qd[j], 0.0, params_.kd_stance, torque[j], torque_limits_[base + j]);
      continue;
    }
    if (!in_swing_[leg]) {
      in_swing_[leg] = true;
      lift_off_[leg] = swing_target_[leg] = feet[leg];
      swing_shape_[leg] = &swing_shape(command.gait == GaitId::kStairTrot, sank_[leg]);
      stumbled_[leg] = false;
      stumble_lift_[leg] = 0.0;
      foothold_side_[leg] = FootholdSide::kNone;
      ++lift_offs_[leg];
    }
    const Eigen::Vector3d land = touchdown_target(leg, tilt, velocity, command, &foothold_side_[leg]);
    const bool per_leg = gait_.playing_user() || command.motion_timing != nullptr;
    const double step_height = per_leg ? command.leg_step_height[leg] : command.step_height;
    SwingPoint swing = swing_point(*swing_shape_[leg], lift_off_[leg], land, phase[leg].progress,
                                   gait_.swing_duration(leg), step_height);
    if (command.motion_timing != nullptr && command.swing_bulge[leg] != 0.0)
      bow_sideways(swing, command.swing_bulge[leg], phase[leg].progress, gait_.swing_duration(leg), tilt);
    swing.position.z() += stumble_lift(leg, feet[leg], land, phase[leg].progress, dt);
    swing_target_[leg] = swing.position;
    const Eigen::Vector3d foot = trot::clamp_to_workspace(geometry_, leg, tilt.transpose() * swing.position);
    const JointAngles q = trot::inverse_kinematics(geometry_, leg, foot).value_or(s.q[leg]);
    const Eigen::Vector3d qd = jacobian.partialPivLu().solve(tilt.transpose() * swing.velocity);
    for (int j = 0; j < 3; ++j)
      write_joint(cmd, base + j, q[j], qd[j], params_.kp_swing, params_.kd_swing, 0.0, torque_limits_[base + j]);
  }
}

}  // namespace locomotion
