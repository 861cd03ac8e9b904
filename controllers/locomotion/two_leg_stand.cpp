#include "two_leg_stand.h"

#include <algorithm>
#include <cmath>

#include "body_rotation.h"
#include "joint_command.h"

namespace locomotion {

namespace {

// The robot's kneel (its angles, in simarena's joint signs): front legs
// folded under the shoulders, rear shins flat on the ground with the feet
// drawn forward under the belly.
constexpr double kKneelFrontHip = 79.0 * kDegree, kKneelFrontKnee = -138.0 * kDegree;
constexpr double kKneelRearHip = 8.0 * kDegree, kKneelRearKnee = -98.0 * kDegree;
constexpr double kShinsFlat = -0.5 * M_PI;  // the shanks' angle lying on the ground
// Upright: the trunk 82 degrees nose up (the robot checks 35..100), the
// centre of mass mid-shin (0.17 m long): as far from tipping back over the
// knees as forward over the feet.
constexpr double kUprightTrunk = -82.0 * kDegree;
constexpr double kUprightComFromKnees = 0.085;  // m
constexpr double kKneelTime = 1.0;              // s, the robot's
// The front legs throw the trunk up, as the robot's: a push per foot that
// grows over 0.2 s until the legs are stretched to 0.35 of the robot's
// reference length per 0.4 m of leg below the hips. The robot's 30 -> 60 N
// threw the simulated robot over backwards; 20 -> 30 N lifts it.
constexpr double kPushStart = 20.0, kPushEnd = 30.0, kPushRamp = 0.2, kPushMaxTime = 0.6;  // N, s
constexpr double kPushStretch = 0.35 / 0.4;
constexpr double kRiseTime = 1.8, kGreetTime = 3.5, kLowerTime = 1.8, kStandTime = 1.2, kSettleTime = 0.3;  // s
constexpr double kLieTime = 2.0;  // s fallen before the bar reads 100 (the robot's)
// Past these the rear legs cannot bring the trunk back.
constexpr double kOverturned = -115.0 * kDegree, kSunk = -35.0 * kDegree, kOverSideways = 0.5;  // rad
// Pitch feedback: the thigh leans against the trunk's error.
constexpr double kPitchFeedback = 0.5;
// Joint gains: the kneel and the stand as the robot's; the paws; the rear legs up.
constexpr double kGreetingKp = 80.0, kGreetingKd = 1.5;
constexpr double kPawKp = 50.0, kPawKd = 1.0;
constexpr double kRearKp = 80.0, kRearKd = 2.0;
constexpr double kAbadKp = 60.0, kAbadKd = 1.5;
constexpr double kCurlKp = 15.0, kCurlKd = 1.0;
constexpr std::array<double, 3> kCurledLeg{0.0, 0.81, -2.4};  // the lying pose
// Gestures 6 and 7 (the robot's CheckContactObstacle): the right paw waves
// 10 strokes of 1.1 s along a 0.3 m line, 0.79 rad from the trunk's -z
// toward its head, a quarter back and three quarters out of where it was.
constexpr double kWaveStroke = 1.1, kWaveStrokes = 10.0, kWaveReach = 0.3, kWaveSlope = 0.79;  // s, -, m, rad
constexpr double kWavePhase = M_PI / 6.0;
// A touch, read from the paw's hip and knee torques filtered over 40 ms
// (the robot's 0.05 per 2 ms): past these for 10 ms. The robot's own
// thresholds (-0.25 and 0.5 N·m) sit inside what the simulated paw's PD
// needs to swing freely (filtered, up to 0.4 N·m either way), so these are wider.
constexpr double kTouchFilter = 0.04, kTouchLow = -0.7, kTouchHigh = 0.7, kTouchTime = 0.01;  // s, N·m, N·m, s
// Gesture 6 waves on once the torques read free (within kFreeTorque) for
// 1 s in all; gesture 7 reverses the stroke after 0.2 s, the detector off
// for 0.3 s (the robot's 500, 100 and 150 periods of 2 ms).
constexpr double kFreeTorque = 0.5, kFreeTime = 1.0, kReboundWait = 0.2, kDeafTime = 0.3;  // N·m, s

void write(SimarenaMotorCmd& cmd, int i, double q, double kp, double kd, double tau = 0.0) {
  write_joint(cmd, i, q, 0.0, kp, kd, tau, kTorqueLimit);
}

trot::JointAngles angles_of(const SimarenaRobotData& data, int leg) {
  return {data.q[3 * leg], data.q[3 * leg + 1], data.q[3 * leg + 2]};
}

}  // namespace

TwoLegStand::TwoLegStand(trot::LegGeometry geometry, const std::array<trot::JointAngles, 4>& stand)
    : geometry_(geometry), stand_q_(stand), model_(geometry, LinkMasses{}) {
  for (int leg = 0; leg < 4; ++leg)
    kneel_q_[leg] = trot::LegGeometry::front(leg) ? trot::JointAngles(0.0, kKneelFrontHip, kKneelFrontKnee)
                                                  : trot::JointAngles(0.0, kKneelRearHip, kKneelRearKnee);
}

TwoLegStand::Sagittal TwoLegStand::measure(const SimarenaRobotData& data) const {
  const Eigen::Matrix3d r = rotation_of(data);
  // The trunk's angle in its own sagittal plane, continuous through upright.
  const double trunk = std::atan2(-r(2, 0), r(2, 2));
  const double hip = 0.5 * (data.q[3 * trot::kRearRight + 1] + data.q[3 * trot::kRearLeft + 1]);
  const double knee = 0.5 * (data.q[3 * trot::kRearRight + 2] + data.q[3 * trot::kRearLeft + 2]);
  return {ChainAngles(trunk + hip + knee, trunk + hip, trunk), std::asin(std::clamp(r(2, 1), -1.0, 1.0))};
}

void TwoLegStand::begin(const SimarenaRobotData& data, int gait_id) {
  gait_id_ = gait_id;
  t_ = phase_start_ = 0.0;
  for (int leg = 0; leg < 4; ++leg) start_q_[leg] = angles_of(data, leg);
  low_trunk_ = 0.0;
  low_com_ = 0.0;
  bar_ = 0;
  greet_clock_ = touching_ = free_ = deaf_ = 0.0;
  paw_torque_ = {};
  paw_stopped_ = false;
  const Sagittal now = measure(data);
  if (now.angles[2] < -50.0 * kDegree) {  // entered while already up on its rear legs: greet from here, as the robot
    thigh_ = now.angles[1];
    for (int leg = 0; leg < 2; ++leg) paws_from_[leg] = angles_of(data, leg);
    enter(Phase::greet);
    bar_ = 50;
  } else {
    enter(Phase::kneel);
  }
}

void TwoLegStand::enter(Phase phase) {
  phase_ = phase;
  phase_start_ = t_;
}

// Gesture 1, "heart", `t` s into the greeting: the paws go to the heart's
// top, trace its two halves outward and down to the tip (x = 0.1 (sin a +
// cos^(2/3) a + 0.2), outward 0.18 cos a - 0.03, a from pi/2 to -pi/2 over
// 1.5 s), hold there, then fold back, as the robot's (units of 0.5 s). From
// the hip, trunk frame; y is outward (times the leg's side).
namespace {
Eigen::Vector3d heart_paw(double t) {
  constexpr double u = 0.5;  // s
  const Eigen::Vector3d start(0.0, 0.09, -0.24), top(0.15, -0.03, -0.20), tip(-0.07, -0.03, -0.27);
  if (t < u) return start + std::clamp(t / u, 0.0, 1.0) * (top - start);
  if (t < 4.0 * u) {
    const double a = (1.0 - 2.0 * (t - u) / (3.0 * u)) * M_PI / 2.0;
    const double c = std::max(0.0, std::cos(a));
    const double z = t < 2.0 * u ? -0.20 + 0.08 * (t - u) / u : -0.12 - 0.15 * (t - 2.0 * u) / (2.0 * u);
    return {0.1 * (std::sin(a) + std::cbrt(c * c) + 0.2), 0.18 * c - 0.03, z};
  }
  if (t < 5.0 * u) return tip;
  return tip + std::min(1.0, (t - 5.0 * u) / (2.0 * u)) * (start - tip);
}
}  // namespace

double TwoLegStand::greet_time() const { return waving() ? kWaveStrokes * kWaveStroke : kGreetTime; }

void TwoLegStand::advance_greeting(const SimarenaRobotData& data, double dt) {
  if (!waving()) {
    greet_clock_ += dt;
    return;
  }
  const double a = std::min(1.0, dt / kTouchFilter);
  for (int j = 0; j < 2; ++j) paw_torque_[j] += a * (data.tau[3 * trot::kFrontRight + 1 + j] - paw_torque_[j]);
  const auto [low, high] = std::minmax(paw_torque_[0], paw_torque_[1]);
  deaf_ = std::max(0.0, deaf_ - dt);
  if (!paw_stopped_ && deaf_ <= 0.0 && (low < kTouchLow || high > kTouchHigh)) {
    touching_ += dt;
    if (touching_ >= kTouchTime - 1e-9) {
      paw_stopped_ = true;
      free_ = 0.0;
    }
  }
  if (paw_stopped_ && (gait_id_ == 7 || std::max(-low, high) < kFreeTorque)) free_ += dt;
  if (paw_stopped_ && free_ >= (gait_id_ == 6 ? kFreeTime : kReboundWait) - 1e-9) {
    paw_stopped_ = false;
    touching_ = 0.0;
    if (gait_id_ == 7) {
      // The stroke reverses where it is: the clock jumps to the mirror
      // image of its phase about the stroke's farthest reach (phase 1/3).
      const double phase = greet_clock_ / kWaveStroke - std::floor(greet_clock_ / kWaveStroke);
      const double reach = (M_PI / 2.0 + kWavePhase) / (2.0 * M_PI), back = reach + 0.5;
      greet_clock_ += 2.0 * kWaveStroke * ((phase < back ? reach : reach + 1.0) - phase);
      deaf_ = kDeafTime;
    }
  }
  if (!paw_stopped_) greet_clock_ += dt;
}

void TwoLegStand::front_paws(double t, std::array<trot::JointAngles, 2>& q) const {
  // Foot targets from the front hips, trunk frame (x toward the head: up
  // when upright), beating in 0.5 s strokes as the robot's greetings (its
  // ids and their tens, 10..14, alike): 1 "heart" traces a heart, 2
  // "welcome" opens the paws sideways and back, 3 raises them in turn,
  // 6 and 7 wave the right paw alone (advance_greeting stops or reverses
  // it), every other id is 0 "thanks", both paws between held in and
  // raised together.
  constexpr double kBeat = 0.5;  // s each way
  const Eigen::Vector3d held(-0.06, 0.0, -0.22), raised(0.12, 0.0, -0.15), opened(0.0, 0.06, -0.2);
  const double cycle = std::fmod(std::max(t, 0.0), 2.0 * kBeat) / kBeat;
  const bool beating = t > 0.0 && t < kGreetTime - 2.0 * kBeat;
  const double k = beating ? smooth_blend(cycle < 1.0 ? cycle : 2.0 - cycle) : 0.0;
  for (int leg : {trot::kFrontRight, trot::kFrontLeft}) {
    Eigen::Vector3d foot = held + k * (raised - held);
    if (gait_id_ % 10 == 2) {
      foot = held + k * (opened - held);
      foot.y() *= trot::LegGeometry::side(leg);  // outward on each side
    }
    if (gait_id_ % 10 == 3) foot = held + (leg == trot::kFrontRight ? k : (beating ? 1.0 - k : 0.0)) * (raised - held);
    if (gait_id_ % 10 == 1) {
      foot = heart_paw(std::max(t, 0.0));
      foot.y() *= trot::LegGeometry::side(leg);
    }
    if (waving()) {
      const double out = leg == trot::kFrontRight && t > 0.0
                             ? 0.5 * (std::sin(kWavePhase) + std::sin(2.0 * M_PI * t / kWaveStroke - kWavePhase))
                             : 0.0;
      foot = held + out * kWaveReach * Eigen::Vector3d(std::sin(kWaveSlope), 0.0, std::cos(kWaveSlope));
    }
    q[leg] = *trot::inverse_kinematics(geometry_, leg,
                                       trot::clamp_to_workspace(geometry_, leg, geometry_.hip_origin(leg) + foot));
  }
}

void TwoLegStand::front_legs(const std::array<trot::JointAngles, 2>& from, const std::array<trot::JointAngles, 2>& to,
                             double share, SimarenaMotorCmd& cmd) const {
  for (int leg = 0; leg < 2; ++leg) {
    const trot::JointAngles q = from[leg] + share * (to[leg] - from[leg]);
    for (int j = 0; j < 3; ++j) write(cmd, 3 * leg + j, q[j], kPawKp, kPawKd);
  }
}

void TwoLegStand::hold_rear(const SimarenaRobotData& data, const Sagittal& now, double progress,
                            SimarenaMotorCmd& cmd) {
  // The front legs ride on the trunk: where they are moves its centre of mass.
  const trot::JointAngles front = 0.5 * (angles_of(data, trot::kFrontRight) + angles_of(data, trot::kFrontLeft));
  model_.set_front_legs(front[1], front[2]);
  const double trunk = low_trunk_ + progress * (kUprightTrunk - low_trunk_);
  const double upright_com = kUprightComFromKnees - geometry_.shank;
  const double com = low_com_ + progress * (upright_com - low_com_);
  const SagittalPose pose = model_.balanced_pose(trunk, kShinsFlat, com, thigh_);
  thigh_ = pose.angles[1];
  // The trunk's pitch error turns the hips: a trunk leaning back too far
  // leans forward on its thighs.
  const double hip = pose.hip + kPitchFeedback * (now.angles[2] - trunk);
  for (int leg : {trot::kRearRight, trot::kRearLeft}) {
    write(cmd, 3 * leg, 0.0, kAbadKp, kAbadKd);
    write(cmd, 3 * leg + 1, hip, kRearKp, kRearKd, 0.5 * pose.torque[1]);
    write(cmd, 3 * leg + 2, pose.knee, kRearKp, kRearKd, 0.5 * pose.torque[0]);
  }
}

void TwoLegStand::push_front(const SimarenaRobotData& data, double in_phase, SimarenaMotorCmd& cmd) {
  const double stretched = -kPushStretch * (geometry_.thigh + geometry_.shank);
  bool stretching = in_phase < kPushMaxTime;
  for (int leg = 0; leg < 2; ++leg)
    stretching =
        stretching &&
        (trot::foot_position(geometry_, leg, angles_of(data, leg)) - geometry_.abad_origin(leg)).z() > stretched;
  if (!stretching) {
    pushing_ = false;
    push_end_ = in_phase;
    for (int leg = 0; leg < 2; ++leg) paws_from_[leg] = angles_of(data, leg);
    return;
  }
  const double force = kPushStart + (kPushEnd - kPushStart) * std::min(1.0, in_phase / kPushRamp);
  for (int leg = 0; leg < 2; ++leg) {
    const trot::JointAngles q = angles_of(data, leg);
    const Eigen::Vector3d tau = trot::foot_jacobian(geometry_, leg, q).transpose() * Eigen::Vector3d(0.0, 0.0, -force);
    write(cmd, 3 * leg, 0.0, kAbadKp, kAbadKd, tau[0]);
    for (int j = 1; j < 3; ++j) write(cmd, 3 * leg + j, q[j], 0.0, 0.0, tau[j]);
  }
}

int8_t TwoLegStand::step(const SimarenaRobotData& data, double dt, SimarenaMotorCmd& cmd) {
  t_ += dt;
  const double in_phase = t_ - phase_start_;
  const Sagittal now = measure(data);
  const bool up = phase_ == Phase::rise || phase_ == Phase::greet || phase_ == Phase::lower;
  if (up && (now.angles[2] < kOverturned || std::abs(now.sideways_tilt) > kOverSideways ||
             (phase_ == Phase::greet && now.angles[2] > kSunk))) {
    enter(Phase::fallen);
    bar_ = 0;
  }
  std::array<trot::JointAngles, 2> paws;
  switch (phase_) {
    case Phase::kneel:
      for (int leg = 0; leg < 4; ++leg) {
        const trot::JointAngles q =
            start_q_[leg] + smooth_blend(in_phase / kKneelTime) * (kneel_q_[leg] - start_q_[leg]);
        for (int j = 0; j < 3; ++j) write(cmd, 3 * leg + j, q[j], kGreetingKp, kGreetingKd);
      }
      if (in_phase >= kKneelTime) {
        bar_ = 25;
        for (int leg = 0; leg < 2; ++leg) paws_from_[leg] = angles_of(data, leg);
        low_trunk_ = now.angles[2];
        low_com_ = model_.com_ahead(now.angles);
        thigh_ = now.angles[1];
        pushing_ = true;
        enter(Phase::rise);
      }
      break;
    case Phase::rise:
      // The plan leads, or follows the trunk where the push threw it further.
      hold_rear(data, now,
                std::max(smooth_blend(in_phase / kRiseTime),
                         std::clamp((now.angles[2] - low_trunk_) / (kUprightTrunk - low_trunk_), 0.0, 1.0)),
                cmd);
      if (pushing_) push_front(data, in_phase, cmd);
      if (!pushing_) {
        front_paws(0.0, paws);
        front_legs(paws_from_, paws, smooth_blend((in_phase - push_end_) / (kRiseTime - push_end_)), cmd);
      }
      if (in_phase >= kRiseTime) {
        bar_ = 50;
        greet_clock_ = 0.0;
        enter(Phase::greet);
      }
      break;
    case Phase::greet:
      hold_rear(data, now, 1.0, cmd);
      advance_greeting(data, dt);
      front_paws(greet_clock_, paws);
      front_legs(paws, paws, 0.0, cmd);
      if (greet_clock_ >= greet_time()) {
        bar_ = 75;
        for (int leg = 0; leg < 2; ++leg) paws_from_[leg] = angles_of(data, leg);
        enter(Phase::lower);
      }
      break;
    case Phase::lower:
      hold_rear(data, now, 1.0 - smooth_blend(in_phase / kLowerTime), cmd);
      front_legs(paws_from_, {kneel_q_[0], kneel_q_[1]}, smooth_blend(in_phase / kLowerTime), cmd);
      if (in_phase >= kLowerTime) {
        for (int leg = 0; leg < 4; ++leg) start_q_[leg] = angles_of(data, leg);
        enter(Phase::stand);
      }
      break;
    case Phase::stand:
      for (int leg = 0; leg < 4; ++leg) {
        const trot::JointAngles q =
            start_q_[leg] + smooth_blend(in_phase / kStandTime) * (stand_q_[leg] - start_q_[leg]);
        for (int j = 0; j < 3; ++j)
          write(cmd, 3 * leg + j, q[j], kGreetingKp, j == 2 ? 2.0 * kGreetingKd : kGreetingKd);
      }
      if (in_phase >= kStandTime + kSettleTime) bar_ = 100;
      break;
    case Phase::fallen:
      for (int i = 0; i < 12; ++i) write(cmd, i, kCurledLeg[i % 3], kCurlKp, kCurlKd);
      if (in_phase >= kLieTime) bar_ = 100;
      break;
  }
  return bar_;
}

}  // namespace locomotion
