#include "probe_crawl.h"

#include <algorithm>
#include <cmath>

#include "joint_command.h"

namespace locomotion {

namespace {

constexpr double kPositionGain = 6.0;    // 1/s: trunk speed per m from its goal
constexpr double kVelocityGain = 8.0;    // 1/s: acceleration per m/s of speed error
constexpr double kUnloadTime = 0.06;     // s to hand a foot's load to the other three
constexpr double kLoadTime = 0.12;       // s to load a foot that found ground
constexpr double kGiveWay = 0.015;       // m a loading foot may sink before it counts as sliding off an edge
constexpr double kLiftShare = 0.5;       // of the margin the centre of mass must have before a foot lifts
constexpr double kLateLiftTime = 2.0;    // s of shifting after which a third of the margin will do
constexpr double kMaxLateralAim = 0.04;  // m a foot aims sideways to bring the trunk back to its lane
constexpr double kLateralAimTime = 0.5;  // s of the lane's sideways speed a foot aims aside
constexpr double kAtReach = 0.005;       // m the workspace clamp raises a target: the leg is stretched

double cross2(const Eigen::Vector2d& a, const Eigen::Vector2d& b) { return a.x() * b.y() - a.y() * b.x(); }

Eigen::Vector2d closest_on_segment(const Eigen::Vector2d& p, const Eigen::Vector2d& a, const Eigen::Vector2d& b) {
  const Eigen::Vector2d ab = b - a;
  const double t = std::clamp((p - a).dot(ab) / std::max(1e-12, ab.squaredNorm()), 0.0, 1.0);
  return a + t * ab;
}

// `p` pulled into the triangle `t` shrunk by `margin` on every side (toward
// its incentre; a triangle too small for the margin leaves the incentre).
Eigen::Vector2d into_triangle(const Eigen::Vector2d& p, std::array<Eigen::Vector2d, 3> t, double margin) {
  const double a = (t[1] - t[2]).norm(), b = (t[2] - t[0]).norm(), c = (t[0] - t[1]).norm();
  const double perimeter = std::max(1e-9, a + b + c);
  const Eigen::Vector2d incentre = (a * t[0] + b * t[1] + c * t[2]) / perimeter;
  const double inradius = std::abs(cross2(t[1] - t[0], t[2] - t[0])) / perimeter;
  if (margin >= inradius) return incentre;
  for (Eigen::Vector2d& v : t) v = incentre + (1.0 - margin / inradius) * (v - incentre);
  const double orientation = cross2(t[1] - t[0], t[2] - t[0]);
  bool inside = true;
  for (int i = 0; i < 3; ++i) inside = inside && cross2(t[(i + 1) % 3] - t[i], p - t[i]) * orientation >= 0.0;
  if (inside) return p;
  Eigen::Vector2d best = closest_on_segment(p, t[0], t[1]);
  for (int i = 1; i < 3; ++i) {
    const Eigen::Vector2d q = closest_on_segment(p, t[i], t[(i + 1) % 3]);
    if ((q - p).squaredNorm() < (best - p).squaredNorm()) best = q;
  }
  return best;
}

Eigen::Matrix3d yaw_rotation(double yaw) { return Eigen::AngleAxisd(yaw, Eigen::Vector3d::UnitZ()).matrix(); }

}  // namespace

ProbeCrawl::ProbeCrawl(const LocomotionParams& params, trot::LegGeometry geometry, RigidBody body,
                       const TorqueLimits& torque_limits)
    : params_(params),
      geometry_(geometry),
      body_(body),
      torque_limits_(torque_limits),
      estimator_(geometry, params.velocity_blend),
      probe_(params.crawl.probe) {}

double ProbeCrawl::lane_offset() const { return lane_offset_; }

double ProbeCrawl::foot_height(int leg, const std::array<Eigen::Vector3d, kLegs>& relative) const {
  double others = 0.0;
  for (int l = 0; l < kLegs; ++l)
    if (l != leg) others += relative[l].z();
  return relative[leg].z() - others / (kLegs - 1);
}

double ProbeCrawl::margin_inside(int lifting, const Eigen::Vector2d& point) const {
  std::array<Eigen::Vector2d, 3> t;
  int n = 0;
  for (int leg = 0; leg < kLegs; ++leg)
    if (leg != lifting) t[n++] = anchor_[leg].head<2>();
  const double orientation = cross2(t[1] - t[0], t[2] - t[0]) >= 0.0 ? 1.0 : -1.0;
  double inside = 1e9;
  for (int i = 0; i < 3; ++i) {
    const Eigen::Vector2d edge = t[(i + 1) % 3] - t[i];
    inside = std::min(inside, orientation * cross2(edge, point - t[i]) / std::max(1e-9, edge.norm()));
  }
  return inside;
}

Eigen::Vector2d ProbeCrawl::com_goal(int lifting, const Eigen::Matrix3d& heading,
                                     const LocomotionCommand& command) const {
  // Sideways, the trunk centres the feet about their neutral points; forward
  // it goes as far as it can with no foot down more than `reach_back`
  // behind its hip (so a foot held short of a gap still lets it on)...
  const Eigen::Vector2d forward = heading.col(0).head<2>(), left = heading.col(1).head<2>();
  double sideways = 0.0, ahead = 1e9;
  for (int leg = 0; leg < kLegs; ++leg) {
    const Eigen::Vector2d from_hip = anchor_[leg].head<2>() - (heading * geometry_.hip_origin(leg)).head<2>();
    sideways += left.dot(from_hip) / kLegs;
    if (leg != lifting) ahead = std::min(ahead, forward.dot(from_hip) + params_.crawl.reach_back);
  }
  if (command.forward_speed <= 0.0) ahead = forward.dot(trunk_.head<2>());
  // ... its centre of mass inside the triangle of the feet that stay down.
  const Eigen::Vector2d preferred = ahead * forward + sideways * left + (heading * body_.centre_of_mass).head<2>();
  std::array<Eigen::Vector2d, 3> t;
  int n = 0;
  for (int leg = 0; leg < kLegs; ++leg)
    if (leg != lifting) t[n++] = anchor_[leg].head<2>();
  return into_triangle(preferred, t, params_.crawl.margin);
}

void ProbeCrawl::begin_swing(int leg, const Eigen::Matrix3d& heading, const LocomotionCommand& command) {
  // Forward from where the trunk is going, sideways from where it is (the
  // trunk is shifted over the support), nudged toward the lane.
  const Eigen::Vector2d goal = com_goal(leg, heading, command);
  const Eigen::Vector2d trunk_at_goal = goal - (heading * body_.centre_of_mass).head<2>();
  const Eigen::Vector2d forward = heading.col(0).head<2>(), left = heading.col(1).head<2>();
  const Eigen::Vector2d base = forward * forward.dot(trunk_at_goal) + left * left.dot(trunk_.head<2>());
  const double aside = std::clamp(command.lateral_speed * kLateralAimTime, -kMaxLateralAim, kMaxLateralAim);
  const Eigen::Vector3d neutral = geometry_.hip_origin(leg);
  const Eigen::Vector2d aim =
      base + (heading * Eigen::Vector3d(neutral.x() + params_.crawl.step, neutral.y() + aside, 0.0)).head<2>();
  // The ground it expects: where it stood, unless that is down a hole (it
  // slid into one): then the others' ground.
  double others = 0.0;
  for (int l = 0; l < kLegs; ++l)
    if (l != leg) others += anchor_[l].z() / (kLegs - 1);
  const double own = anchor_[leg].z();
  const double ground = own < others - params_.crawl.probe.probe_depth ? others : own;
  probe_.begin(anchor_[leg], aim, ground);
}

void ProbeCrawl::step(const SimarenaRobotData& data, const LocomotionCommand& command, double dt,
                      SimarenaMotorCmd& cmd) {
  phase_time_ += dt;
  int lifting = kOrder[order_index_];
  std::array<bool, kLegs> down;
  std::array<double, kLegs> trust;
  for (int leg = 0; leg < kLegs; ++leg) {
    down[leg] = !(phase_ == Phase::kSwing && leg == lifting);
    trust[leg] = down[leg] ? 1.0 : 0.0;
  }
  const trot::BodyState& s = estimator_.update(data, trust, dt);
  if (!started_) {
    started_ = true;
    start_yaw_ = s.rpy.z();
  }
  // Odometry frame: world axes turned so x points where the walk began.
  const Eigen::Matrix3d rotation = yaw_rotation(-start_yaw_) * s.rotation;
  const Eigen::Matrix3d heading = yaw_rotation(std::remainder(s.rpy.z() - start_yaw_, 2.0 * M_PI));
  std::array<Eigen::Vector3d, kLegs> relative;  // feet from the trunk, odometry axes
  for (int leg = 0; leg < kLegs; ++leg) relative[leg] = rotation * s.foot[leg];
  // With four feet down the frame is the trunk's (axes: odometry); while a
  // foot swings, the three feet down hold it to the ground, so the trunk's
  // motion over the swing is their motion seen from it.
  // (So while the foot that landed takes its load, which it may not bear.)
  const bool held_by_three = phase_ == Phase::kSwing || phase_ == Phase::kLoad;
  if (!held_by_three)
    for (int leg = 0; leg < kLegs; ++leg) anchor_[leg] = relative[leg];
  Eigen::Vector3d trunk = Eigen::Vector3d::Zero();
  double ground = 0.0;
  int stance = 0;
  for (int leg = 0; leg < kLegs; ++leg)
    if (!held_by_three || leg != lifting) {
      trunk += anchor_[leg] - relative[leg];
      ground += anchor_[leg].z();
      ++stance;
    }
  trunk_ = trunk / stance;
  ground /= stance;
  const Eigen::Vector3d velocity = yaw_rotation(-start_yaw_) * s.velocity;
  lane_offset_ += velocity.y() * dt;
  const Eigen::Vector3d omega = yaw_rotation(-start_yaw_) * s.omega;

  // Where the centre of mass goes: inside the triangle of the feet that stay
  // down while the next foot swings.
  const Eigen::Vector2d com = (trunk_ + rotation * body_.centre_of_mass).head<2>();
  const Eigen::Vector2d goal = com_goal(lifting, heading, command);
  Eigen::Vector2d wanted_velocity = kPositionGain * (goal - com);
  const double top_speed = std::max(0.0, command.forward_speed);
  if (wanted_velocity.norm() > top_speed) wanted_velocity *= top_speed / std::max(1e-9, wanted_velocity.norm());

  // The wrench: that velocity, the body height over the feet's ground, level
  // in roll, pitched with the ground under the feet, the start heading.
  const BalanceGains& g = params_.balance;
  const double height = trunk_.z() - ground + geometry_.foot_radius;
  const double front = 0.5 * (anchor_[0].z() + anchor_[1].z()), rear = 0.5 * (anchor_[2].z() + anchor_[3].z());
  const double pitch_target =
      std::clamp(std::atan2(rear - front, 2.0 * geometry_.abad_x), -params_.max_body_pitch, params_.max_body_pitch);
  Eigen::Vector3d force;
  force.head<2>() = body_.mass * kVelocityGain * (wanted_velocity - velocity.head<2>());
  force.z() = body_.mass * (kGravity + g.height_kp * (command.body_height - height) - g.height_kd * velocity.z());
  const Eigen::Vector3d omega_heading = heading.transpose() * omega;
  const double yaw = std::remainder(s.rpy.z() - start_yaw_, 2.0 * M_PI);
  const Eigen::Vector3d angular_acceleration =
      heading * Eigen::Vector3d(-g.attitude_kp * s.rpy.x() - g.attitude_kd * omega_heading.x(),
                                g.attitude_kp * (pitch_target - s.rpy.y()) - g.attitude_kd * omega_heading.y(),
                                -g.yaw_kp * yaw - g.yaw_kd * omega_heading.z());
  const Eigen::Matrix3d inertia = rotation * body_.inertia.asDiagonal() * rotation.transpose();
  Eigen::Matrix<double, 6, 1> wrench;
  wrench << force, inertia * angular_acceleration + omega.cross(inertia * omega);
  std::array<Eigen::Vector3d, kLegs> lever;
  for (int leg = 0; leg < kLegs; ++leg) lever[leg] = rotation * (s.foot[leg] - body_.centre_of_mass);

  // Forces: on four feet, on the three that stay down, or a blend while a
  // foot hands over its load or takes it.
  std::array<bool, kLegs> three = {true, true, true, true};
  three[lifting] = false;
  const std::array<bool, kLegs> four = {true, true, true, true};
  const std::array<Eigen::Vector3d, kLegs> previous = forces_.force;
  double share = 1.0;  // of the four-foot solution
  if (phase_ == Phase::kUnload) share = 1.0 - std::min(1.0, phase_time_ / kUnloadTime);
  if (phase_ == Phase::kSwing) share = 0.0;
  if (phase_ == Phase::kLoad) share = std::min(1.0, phase_time_ / kLoadTime);
  const StanceForces on_four = distribute_forces(four, lever, wrench, params_.forces, ForceWeights{}, previous);
  const StanceForces on_three = distribute_forces(three, lever, wrench, params_.forces, ForceWeights{}, previous);
  for (int leg = 0; leg < kLegs; ++leg)
    forces_.force[leg] = share * on_four.force[leg] + (1.0 - share) * on_three.force[leg];

  // Phases.
  switch (phase_) {
    case Phase::kShift: {
      // A foot that slides off an edge it stands on (it sinks below where
      // it landed, against the others) steps again next.
      for (int leg = 0; leg < kLegs && !restepping_; ++leg)
        if (leg != lifting && foot_height(leg, relative) < stood_height_[leg] - kGiveWay) {
          stood_height_[leg] = foot_height(leg, relative);
          order_index_ = static_cast<int>(std::find(kOrder.begin(), kOrder.end(), leg) - kOrder.begin());
          lifting = leg;
          restepping_ = true;
          ++gaps_felt_;
          break;
        }
      const double inside = margin_inside(lifting, com);
      const double needed = params_.crawl.margin * (phase_time_ > kLateLiftTime ? 0.3 : kLiftShare);
      if (command.forward_speed > 0.0 && inside >= needed) {
        restepping_ = false;
        phase_ = Phase::kUnload;
        phase_time_ = 0.0;
      }
      break;
    }
    case Phase::kUnload:
      if (phase_time_ >= kUnloadTime) {
        begin_swing(lifting, heading, command);
        phase_ = Phase::kSwing;
        phase_time_ = 0.0;
      }
      break;
    case Phase::kSwing:
      break;  // below, with the foot's target
    case Phase::kLoad:
      if (landed_height_ - foot_height(lifting, relative) > kGiveWay) {
        // The foot slides off an edge under load: back to the three others.
        probe_.reject((trunk_ + rotation * geometry_.hip_origin(lifting)).x());
        phase_ = Phase::kSwing;
        phase_time_ = 0.0;
        ++gaps_felt_;
      } else if (phase_time_ >= kLoadTime) {
        // Every foot's height against the others, now all four stand.
        for (int leg = 0; leg < kLegs; ++leg) stood_height_[leg] = foot_height(leg, relative);
        order_index_ = (order_index_ + 1) % kLegs;
        phase_ = Phase::kShift;
        phase_time_ = 0.0;
      }
      break;
  }

  const Eigen::Vector3d wanted_trunk_velocity(wanted_velocity.x(), wanted_velocity.y(), 0.0);
  for (int leg = 0; leg < kLegs; ++leg) {
    const int base = leg * 3;
    const Eigen::Matrix3d& jacobian = s.jacobian[leg];
    if (phase_ == Phase::kSwing && leg == lifting) {
      // The probing foot: its target in the odometry frame, to joint angles.
      const Eigen::Vector3d foot = trunk_ + relative[leg];
      const Eigen::Vector3d hip = trunk_ + rotation * geometry_.hip_origin(leg);
      const Eigen::Vector3d wanted = rotation.transpose() * (probe_.target() - trunk_);
      const Eigen::Vector3d reachable = trot::clamp_to_workspace(geometry_, leg, wanted);
      const bool at_reach = reachable.z() - wanted.z() > kAtReach;
      const int gaps_before = probe_.gaps_felt();
      probe_.update(foot, hip.x(), at_reach, dt);
      gaps_felt_ += probe_.gaps_felt() - gaps_before;
      const Eigen::Vector3d target =
          trot::clamp_to_workspace(geometry_, leg, rotation.transpose() * (probe_.target() - trunk_));
      const trot::JointAngles q = trot::inverse_kinematics(geometry_, leg, target).value_or(s.q[leg]);
      const Eigen::Vector3d rate = rotation.transpose() * (probe_.target_velocity() - velocity);
      const Eigen::Vector3d qd = jacobian.partialPivLu().solve(rate);
      for (int j = 0; j < 3; ++j)
        write_joint(cmd, base + j, q[j], qd[j], params_.kp_swing, params_.kd_swing, 0.0, torque_limits_[base + j]);
      if (probe_.stage() == FootProbe::Stage::kLanded) {
        landed_height_ = foot_height(leg, relative);
        phase_ = Phase::kLoad;
        phase_time_ = 0.0;
      }
      continue;
    }
    // A foot on the ground pushes it with its force (J^T), damped toward
    // sliding back under the trunk at the trunk's wanted speed.
    const Eigen::Vector3d torque = -jacobian.transpose() * (rotation.transpose() * forces_.force[leg]);
    const Eigen::Vector3d foot_rate = rotation.transpose() * (-wanted_trunk_velocity - omega.cross(relative[leg]));
    const Eigen::Vector3d qd = jacobian.partialPivLu().solve(foot_rate);
    for (int j = 0; j < 3; ++j)
      write_joint(cmd, base + j, s.q[leg][j], qd[j], 0.0, params_.kd_stance, torque[j], torque_limits_[base + j]);
  }
}

}  // namespace locomotion
