#include "lie_side.h"

#include <algorithm>
#include <cmath>

namespace locomotion {

namespace {

constexpr double kDegree = M_PI / 180.0;
// The robot's recovery-stand joint gains (abad, hip, knee), and the softer
// ones of its tucking stage.
constexpr double kKp[3] = {60.0, 80.0, 60.0}, kKd[3] = {2.5, 2.0, 1.5};
constexpr double kTuckKp[3] = {50.0, 50.0, 60.0}, kTuckKd[3] = {2.0, 2.0, 2.0};

using LegPose = std::array<double, 3>;  // the robot's convention: abad, hip, knee (rad)
using Pose = std::array<LegPose, 4>;    // FR FL RR RL, for lying on the left side

constexpr LegPose kFolded{0.0, -1.4, 2.4};
constexpr LegPose kUpperStretched{0.0, -45 * kDegree, 90 * kDegree};
// The robot's poses for the left side (its LieSide with which_side 'l').
constexpr Pose kFold{kFolded, kFolded, kFolded, kFolded};
constexpr Pose kLean{kUpperStretched,
                     {-40 * kDegree, -70 * kDegree, 140 * kDegree},
                     kUpperStretched,
                     {-40 * kDegree, -70 * kDegree, 140 * kDegree}};
constexpr Pose kTuck{kUpperStretched,
                     {-25 * kDegree, -80 * kDegree, 140 * kDegree},
                     kUpperStretched,
                     {-25 * kDegree, -80 * kDegree, 140 * kDegree}};
constexpr Pose kLie{kFolded, {-25 * kDegree, -1.4, 2.4}, kFolded, {-25 * kDegree, -1.4, 2.4}};
constexpr Pose kRest{kFolded, {-0.52, -2.9, 2.4}, kFolded, {-0.52, -2.9, 2.4}};

// Stage times (s, the robot's iteration counts at 500 Hz): each ramps to its
// pose over `ramp`, then holds until `end`.
struct Stage {
  const Pose* pose;
  double ramp, end;
  int8_t bar;  // the robot's progress once the stage is over
  bool tuck_gains;
};
constexpr Stage kStages[] = {
    {&kFold, 0.4, 0.4, 20, false},
    {&kLean, 0.6, 1.0, 40, false},
    {&kTuck, 1.0, 2.0, 50, true},
    {&kLie, 0.4, 2.6, 60, false},
};
// Then the upper legs paddle: the foot circles 0.1 m forward and back and
// 0.12 m down, twice in 2.4 s, then holds to 5.2 s; then the rest pose.
constexpr double kPaddleFrom = 2.6, kPaddleCycle = 1.2, kPaddleCycles = 2.0, kPaddleEnd = 5.2;
constexpr double kPaddleReach = 0.1, kPaddleDip = 0.06;  // m
constexpr double kRestRamp = 1.6;                        // s

// A left-side pose in simarena's convention for the chosen side: the right
// side mirrors it (front right <-> front left, rear right <-> rear left, abad sign).
std::array<double, 12> ours(const Pose& pose, bool left) {
  std::array<double, 12> q{};
  for (int leg = 0; leg < 4; ++leg) {
    const LegPose& source = pose[left ? leg : leg ^ 1];
    q[3 * leg] = left ? source[0] : -source[0];
    q[3 * leg + 1] = -source[1];
    q[3 * leg + 2] = -source[2];
  }
  return q;
}

void write(SimarenaMotorCmd& cmd, const std::array<double, 12>& from, const std::array<double, 12>& to, double s,
           bool tuck_gains) {
  s = std::clamp(s, 0.0, 1.0);
  for (int i = 0; i < 12; ++i) {
    cmd.q_des[i] = static_cast<float>(from[i] + s * (to[i] - from[i]));
    cmd.qd_des[i] = 0.0f;
    cmd.kp_des[i] = static_cast<float>(tuck_gains ? kTuckKp[i % 3] : kKp[i % 3]);
    cmd.kd_des[i] = static_cast<float>(tuck_gains ? kTuckKd[i % 3] : kKd[i % 3]);
    cmd.tau_des[i] = 0.0f;
  }
}

}  // namespace

void LieSide::begin(const SimarenaRobotData& data, bool left) {
  left_ = left;
  t_ = 0.0;
  bar_ = 0;
  for (int i = 0; i < 12; ++i) from_[i] = data.q[i];
}

bool LieSide::step(double dt, SimarenaMotorCmd& cmd) {
  t_ += dt;
  std::array<double, 12> from = from_;
  double start = 0.0;
  for (const Stage& stage : kStages) {
    const std::array<double, 12> to = ours(*stage.pose, left_);
    if (t_ < stage.end) {
      write(cmd, from, to, (t_ - start) / stage.ramp, stage.tuck_gains);
      return true;
    }
    bar_ = stage.bar;
    start = stage.end;
    from = to;
  }
  // `from` is now the lying pose: the upper legs paddle from there.
  std::array<double, 12> paddling = from;
  const double cycles = std::min(kPaddleCycles, (std::min(t_, kPaddleEnd) - kPaddleFrom) / kPaddleCycle);
  const double phase = 2.0 * M_PI * cycles;
  for (const int leg : {left_ ? 0 : 1, left_ ? 2 : 3}) {
    const trot::JointAngles q(from[3 * leg], from[3 * leg + 1], from[3 * leg + 2]);
    const Eigen::Vector3d foot =
        trot::foot_position(geometry_, leg, q) +
        Eigen::Vector3d(kPaddleReach * std::sin(phase), 0.0, -kPaddleDip * (1.0 - std::cos(phase)));
    if (const auto reached = trot::inverse_kinematics(geometry_, leg, trot::clamp_to_workspace(geometry_, leg, foot)))
      for (int j = 0; j < 3; ++j) paddling[3 * leg + j] = (*reached)[j];
  }
  if (t_ < kPaddleEnd) {
    write(cmd, paddling, paddling, 1.0, false);
    return true;
  }
  bar_ = 70;
  if (t_ < kPaddleEnd + kRestRamp) {
    write(cmd, paddling, ours(kRest, left_), (t_ - kPaddleEnd) / kRestRamp, false);
    return true;
  }
  bar_ = 80;
  return false;
}

}  // namespace locomotion
