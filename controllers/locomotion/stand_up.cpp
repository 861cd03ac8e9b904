#include "stand_up.h"

#include <algorithm>
#include <cmath>

#include "body_rotation.h"
#include "joint_command.h"
#include "roll_over.h"

namespace locomotion {

namespace {

// The robot's recovery-stand joint gains (abad, hip, knee).
constexpr double kRecoveryKp[3] = {60.0, 80.0, 60.0}, kRecoveryKd[3] = {2.5, 2.0, 1.5};
// FoldLegs for the CyberDog 2, in simarena's convention (the robot's hip and
// knee have the opposite sign): the pose, and the 30 degrees the hip stays
// short of it in the first two stages.
constexpr double kFoldHip = 1.38, kFoldKnee = -2.5, kFoldHipShort = 30.0 * kDegree;
constexpr int kFoldSettleIterations = 100;  // iterations
// StandUp: the ramp, and the wait after it (longer when pitched nose up).
constexpr int kStandRamp = 350, kStandWait = 50, kStandWaitNoseUp = 600;
constexpr double kNoseUpPitch = -0.3;    // rad
constexpr int kDoneAfter = 5;            // iterations from 99 to 100
constexpr double kFoldBelowLegs = 0.42;  // of thigh + shank: lower trunks fold first
constexpr double kStandBelow = 0.45;     // m: higher trunks fold first too
constexpr double kTrailHipAbad = 8.0 * kDegree, kTrailKnee = 10.0 * kDegree;
constexpr int kStuckPause = 5, kStuckRestart = 501;  // iterations

// SetJPosInterPts: linear from `from` to `to` over `length` iterations.
double linear_ramp(int iteration, int length, double from, double to) {
  const double b = iteration <= length ? static_cast<double>(iteration) / length : 1.0;
  return (1.0 - b) * from + b * to;
}

}  // namespace

StandUp::StandUp(const trot::LegGeometry& geometry, const std::array<trot::JointAngles, 4>& stance)
    : geometry_(geometry) {
  for (int leg = 0; leg < 4; ++leg)
    for (int j = 0; j < 3; ++j) stance_[3 * leg + j] = stance[leg][j];
}

double StandUp::trunk_height(const SimarenaRobotData& data) const {
  const Eigen::Matrix3d rotation = rotation_of(data);
  double height = geometry_.foot_radius;
  for (int leg = 0; leg < 4; ++leg) {
    const trot::JointAngles q(data.q[3 * leg], data.q[3 * leg + 1], data.q[3 * leg + 2]);
    height -= (rotation * trot::foot_position(geometry_, leg, q)).z() / 4.0;
  }
  return height;
}

std::array<double, 12> StandUp::measured(const SimarenaRobotData& data) {
  std::array<double, 12> q{};
  for (int i = 0; i < 12; ++i) q[i] = data.q[i];
  return q;
}

void StandUp::begin(const SimarenaRobotData& data) {
  const double height = trunk_height(data);
  const bool stands = !RollOver::upside_down(data) && height > kFoldBelowLegs * (geometry_.thigh + geometry_.shank) &&
                      height < kStandBelow;
  folded_ = !stands;
  start_stage(stands ? Stage::stand : Stage::fold, measured(data), data.rpy[1]);
}

void StandUp::begin_folded(const SimarenaRobotData& data) {
  folded_ = true;
  start_stage(Stage::stand, measured(data), data.rpy[1]);
}

void StandUp::start_stage(Stage stage, const std::array<double, 12>& from, double pitch) {
  stage_ = stage;
  iteration_ = 0;
  stuck_ = 0;
  from_ = from;
  if (stage == Stage::fold) {
    double farthest = 0.0;
    for (int i = 0; i < 12; ++i) {
      const double fold = i % 3 == 0 ? 0.0 : i % 3 == 1 ? kFoldHip : kFoldKnee;
      farthest = std::max(farthest, std::abs(fold - from_[i]));
    }
    fold_iterations_ = farthest < 30.0 * kDegree ? 501 : farthest < 100.0 * kDegree ? 801 : 999;
  }
  if (stage == Stage::stand) wait_iterations_ = pitch < kNoseUpPitch ? kStandWaitNoseUp : kStandWait;
}

std::array<double, 12> StandUp::target(int iteration) const {
  std::array<double, 12> q{};
  if (stage_ == Stage::fold) {
    const int third = fold_iterations_ / 3, two_thirds = 2 * fold_iterations_ / 3;
    for (int leg = 0; leg < 4; ++leg) {
      const double* from = &from_[3 * leg];
      // Two thirds of the way (the hip 30 degrees short), the abad held;
      // then the abad to zero; then the fold pose.
      const double hip = from[1] + (kFoldHip - kFoldHipShort - from[1]) * 2.0 / 3.0;
      const double knee = from[2] + (kFoldKnee - from[2]) * 2.0 / 3.0;
      double* out = &q[3 * leg];
      if (iteration < third) {
        out[0] = from[0];
        out[1] = linear_ramp(iteration, third, from[1], hip);
        out[2] = linear_ramp(iteration, third, from[2], knee);
      } else if (iteration < two_thirds) {
        out[0] = linear_ramp(iteration - third, third, from[0], 0.0);
        out[1] = hip;
        out[2] = knee;
      } else {
        out[0] = 0.0;
        out[1] = linear_ramp(iteration - two_thirds, third, hip, kFoldHip);
        out[2] = linear_ramp(iteration - two_thirds, third, knee, kFoldKnee);
      }
    }
    return q;
  }
  const double b = smooth_blend(static_cast<double>(iteration) / kStandRamp);
  for (int i = 0; i < 12; ++i) q[i] = from_[i] + b * (stance_[i] - from_[i]);
  return q;
}

void StandUp::step(const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
  const std::array<double, 12> q = target(iteration_);
  for (int i = 0; i < 12; ++i)
    write_joint(cmd, i, q[i], 0.0, kRecoveryKp[i % 3], kRecoveryKd[i % 3], 0.0, kTorqueLimit);
  if (stage_ == Stage::stand && iteration_ > kStandRamp + wait_iterations_) stage_ = Stage::stood;
  if (stage_ == Stage::fold && iteration_ >= fold_iterations_ + kFoldSettleIterations) {
    start_stage(Stage::stand, target(fold_iterations_), data.rpy[1]);  // from the fold pose, as the robot
    return;
  }
  // SaftyCheck: a joint trailing its target holds the clock; stuck for 1 s,
  // the stage starts again from where the joints are.
  bool trailing = false;
  for (int i = 0; i < 12; ++i) trailing |= std::abs(q[i] - data.q[i]) > (i % 3 == 2 ? kTrailKnee : kTrailHipAbad);
  stuck_ = trailing ? stuck_ + 1 : 0;
  if (stuck_ > kStuckRestart && stage_ != Stage::stood) {
    const int stuck = stuck_;
    start_stage(stage_, measured(data), data.rpy[1]);
    stuck_ = stuck;
  }
  if (stuck_ > kStuckPause) return;
  ++iteration_;
}

int8_t StandUp::bar() const {
  if (stage_ == Stage::stood) return iteration_ > kStandRamp + wait_iterations_ + kDoneAfter ? 100 : 99;
  return stage_ == Stage::fold || !folded_ ? 0 : 80;
}

}  // namespace locomotion
