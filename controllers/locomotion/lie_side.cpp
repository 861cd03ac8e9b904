#include "lie_side.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "joint_command.h"

namespace locomotion {

namespace {

// The robot's recovery-stand joint gains (abad, hip, knee), and the softer
// ones of its tucking stage.
constexpr double kLieKp[3] = {60.0, 80.0, 60.0}, kLieKd[3] = {2.5, 2.0, 1.5};
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
// Lying: the upper legs folded, the legs on the ground reaching over the
// back (the hip angles of the robot's side-lying recovery, roll_over.cpp).
// The robot's own lying pose tucks the lower legs under the belly (abad
// -25 degrees, folded); in MuJoCo nothing then holds the trunk on its side
// and it rolls on onto its back. Reaching over the back props it at 90
// degrees, which is where the robot lies.
constexpr Pose kLie{kFolded, {0.0, -2.5, 2.4}, kFolded, {0.0, -3.05, 2.4}};

// Stage times (s, the robot's iteration counts at 500 Hz): each ramps from
// the last command to its pose over `ramp`, and lasts `length`.
struct Stage {
  const Pose* pose;
  double ramp, length;
  int8_t bar;  // the robot's progress once the stage is over
  bool tuck_gains;
};
constexpr Stage kStages[] = {
    {&kFold, 0.4, 0.4, 20, false},
    {&kLean, 0.6, 0.6, 40, false},
    {&kTuck, 1.0, 1.0, 50, true},
    {&kLie, 0.4, 0.6, 60, false},
};
constexpr int kLeanStage = 1, kTuckStage = 2, kLieStage = 3;
// The lean and the tuck end as soon as the trunk has rolled this far toward
// the side asked for: past it the robot falls onto that side by itself, and
// leaning on would throw it over onto its back (measured: 0.4 to 0.5 rad
// all land at 90 degrees; 0.3 falls back onto the belly, 0.55 rolls over).
constexpr double kTipped = 0.45;  // rad
// Then the upper legs paddle: the foot circles 0.1 m forward and back and
// 0.12 m down, twice in 2.4 s, holds to 2.6 s, then the robot rests 1.6 s.
constexpr double kPaddleCycle = 1.2, kPaddleCycles = 2.0, kPaddleTime = 2.6, kRestTime = 1.6;  // s
constexpr double kPaddleReach = 0.1, kPaddleDip = 0.06;                                        // m

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
    cmd.kp_des[i] = static_cast<float>(tuck_gains ? kTuckKp[i % 3] : kLieKp[i % 3]);
    cmd.kd_des[i] = static_cast<float>(tuck_gains ? kTuckKd[i % 3] : kLieKd[i % 3]);
    cmd.tau_des[i] = 0.0f;
  }
}

}  // namespace

void LieSide::begin(const SimarenaRobotData& data, bool left) {
  left_ = left;
  t_ = stage_start_ = 0.0;
  stage_ = 0;
  bar_ = 0;
  for (int i = 0; i < 12; ++i) from_[i] = commanded_[i] = data.q[i];
}

bool LieSide::step(const SimarenaRobotData& data, double dt, SimarenaMotorCmd& cmd) {
  t_ += dt;
  const double side_roll = left_ ? -data.rpy[0] : data.rpy[0];  // the IMU's roll toward the side asked for
  while (stage_ < std::size(kStages)) {
    const Stage& stage = kStages[stage_];
    const bool tipped = (stage_ == kLeanStage || stage_ == kTuckStage) && side_roll >= kTipped;
    if (t_ - stage_start_ < stage.length && !tipped) {
      write(cmd, from_, ours(*stage.pose, left_), (t_ - stage_start_) / stage.ramp, stage.tuck_gains);
      for (int i = 0; i < 12; ++i) commanded_[i] = cmd.q_des[i];
      return true;
    }
    bar_ = tipped ? kStages[kTuckStage].bar : stage.bar;
    stage_ = tipped ? kLieStage : stage_ + 1;
    stage_start_ = t_;
    from_ = commanded_;
  }
  // Lying: the upper legs paddle from the lying pose, then it rests.
  const std::array<double, 12> lying = ours(kLie, left_);
  const double t = t_ - stage_start_;
  std::array<double, 12> paddling = lying;
  const double phase = 2.0 * M_PI * std::min(kPaddleCycles, t / kPaddleCycle);
  for (const int leg : {left_ ? 0 : 1, left_ ? 2 : 3}) {
    const trot::JointAngles q(lying[3 * leg], lying[3 * leg + 1], lying[3 * leg + 2]);
    const Eigen::Vector3d foot =
        trot::foot_position(geometry_, leg, q) +
        Eigen::Vector3d(kPaddleReach * std::sin(phase), 0.0, -kPaddleDip * (1.0 - std::cos(phase)));
    if (const auto reached = trot::inverse_kinematics(geometry_, leg, trot::clamp_to_workspace(geometry_, leg, foot)))
      for (int j = 0; j < 3; ++j) paddling[3 * leg + j] = (*reached)[j];
  }
  if (t >= kPaddleTime) bar_ = 70;
  // The robot's rest pose tilts the lower legs into the ground (abad 0.52
  // rad); in MuJoCo that lifts the trunk toward its belly and the fold after
  // it drops it onto its back. simarena rests in the lying pose instead.
  write(cmd, paddling, paddling, 1.0, false);
  if (t < kPaddleTime + kRestTime) return true;
  bar_ = 80;
  return false;
}

}  // namespace locomotion
