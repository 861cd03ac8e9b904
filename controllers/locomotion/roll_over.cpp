#include "roll_over.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "joint_command.h"

namespace locomotion {

namespace {

// The robot's recovery-stand joint gains (abad, hip, knee).
constexpr double kRollKp[3] = {60.0, 80.0, 60.0}, kRollKd[3] = {2.5, 2.0, 1.5};

struct Stage {
  double ramp, total;                    // s: the move to the pose, and until the next stage
  std::array<double, 12> right_degrees;  // the robot's pose (its convention) for the right roll, legs FR FL RR RL
};

// RightRollOver for the CyberDog 2; the left roll swaps the sides (front
// right <-> front left, rear right <-> rear left) and the abad sign. The
// iteration counts are the robot's at 500 Hz.
constexpr Stage kStages[] = {
    {0.4, 0.4, {0, -140, 140, -30, -140, 140, 0, -177.5, 120, -30, -177.5, 120}},
    {0.6, 0.6, {0, -157, 70, 0, -150, 140, 0, -177.5, 100, 0, -177.5, 100}},
    {0.6, 0.6, {0, -157, 70, 0, -150, 140, 0, -177.5, 100, 0, -177.5, 100}},
    {0.1, 0.2, {-38, -157, 32, 0, -150, 140, -38, -177.5, 32, 0, -177.5, 100}},
    {0.4, 0.4, {-38, -157, 32, 0, -150, 140, -38, -177.5, 32, 0, -177.5, 100}},
    {0.4, 0.8, {0, -157, 140, 0, -150, 140, 0, -177.5, 140, 0, -177.5, 140}},
};
// FoldLegs: the robot's fold pose before it stands (its convention).
constexpr std::array<double, 3> kFold{0.0, -1.4, 2.4};
constexpr double kFoldRamp = 0.7, kFoldSettle = 0.3;  // s (the robot: 1 to 2 s, 0.2 s)
// SideLying: the legs on the ground reach over the back (the robot's hip
// angles), tilt into the ground with their abads (the robot's 0.52 rad; 0.64
// is as far as simarena's motors take a command, 0.04 inside the 0.68 limit),
// then straighten their knees. The robot kicks with 5 N·m of abad torque
// instead of straightening; in MuJoCo that props the trunk at 52 degrees of
// roll (the abads at their limit) and the fold after it drops it back on its
// side, while the straightening knees push it past the tipping point.
constexpr double kSideHipFront = 2.5, kSideHipRear = 3.05, kSideAbad = 0.64;                   // rad, our convention
constexpr double kSideKneeFolded = -2.4, kSideKneeStraight = -1.0;                             // rad
constexpr double kSideReach = 0.6, kSideTilt = 0.4, kSideStraighten = 0.4, kSideSettle = 0.3;  // s
constexpr double kSideUp = 0.2;  // on its side: the z axis within this of level (the robot's band)

void write(SimarenaMotorCmd& cmd, const std::array<double, 12>& q, double s, const std::array<double, 12>& from) {
  for (int i = 0; i < 12; ++i) {
    cmd.q_des[i] = static_cast<float>(from[i] + s * (q[i] - from[i]));
    cmd.qd_des[i] = 0.0f;
    cmd.kp_des[i] = static_cast<float>(kRollKp[i % 3]);
    cmd.kd_des[i] = static_cast<float>(kRollKd[i % 3]);
    cmd.tau_des[i] = 0.0f;
  }
}

std::array<double, 12> robot_pose(const std::array<std::array<double, 3>, 4>& legs) {  // its convention -> ours
  std::array<double, 12> q{};
  for (int leg = 0; leg < 4; ++leg) {
    q[3 * leg] = legs[leg][0];
    q[3 * leg + 1] = -legs[leg][1];
    q[3 * leg + 2] = -legs[leg][2];
  }
  return q;
}

// A stage's pose in simarena's joint convention for the roll to one side.
std::array<double, 12> pose_of(const Stage& stage, bool left) {
  std::array<double, 12> q{};
  for (int leg = 0; leg < 4; ++leg) {
    const int source = left ? (leg ^ 1) : leg;  // FR<->FL, RR<->RL
    const double abad = stage.right_degrees[3 * source] * (left ? -1.0 : 1.0);
    q[3 * leg] = abad * kDegree;
    q[3 * leg + 1] = -stage.right_degrees[3 * source + 1] * kDegree;
    q[3 * leg + 2] = -stage.right_degrees[3 * source + 2] * kDegree;
  }
  return q;
}

double trunk_up(const SimarenaRobotData& data, int axis) {  // z component of the trunk's axis (0 x, 1 y, 2 z)
  const double w = data.quat[0], x = data.quat[1], y = data.quat[2], z = data.quat[3];
  const double n = w * w + x * x + y * y + z * z;
  if (n < 1e-9) return axis == 2 ? 1.0 : 0.0;
  if (axis == 1) return 2.0 * (y * z + w * x) / n;
  return 1.0 - 2.0 * (x * x + y * y) / n;
}

}  // namespace

bool RollOver::upside_down(const SimarenaRobotData& data) { return trunk_up(data, 2) < -0.15; }

int RollOver::side_lying(const SimarenaRobotData& data) {
  const double up = trunk_up(data, 2), left_up = trunk_up(data, 1);
  if (up < -0.2 || up > kSideUp) return 0;
  return left_up > 0.5 ? 1 : left_up < -0.5 ? -1 : 0;
}

void RollOver::begin(const SimarenaRobotData& data) { choose(data); }

void RollOver::choose(const SimarenaRobotData& data) {
  t_ = 0.0;
  for (int i = 0; i < 12; ++i) from_[i] = data.q[i];
  if (upside_down(data)) {
    // To the left when it lies rolled left (roll in (120, 180) deg), to the right when rolled right, else left.
    move_ = Move::roll;
    left_ = !(data.rpy[0] > -M_PI && data.rpy[0] < -M_PI * 4.0 / 6.0);
  } else if (const int side = side_lying(data); side != 0) {
    move_ = Move::side;
    left_ = side < 0;  // the robot's state 1 (its left side up in our axes) works the right legs
  } else {
    move_ = move_ == Move::fold ? Move::done : Move::fold;
  }
}

bool RollOver::step(const SimarenaRobotData& data, double dt, SimarenaMotorCmd& cmd) {
  t_ += dt;
  switch (move_) {
    case Move::roll: {
      double start = 0.0;
      std::array<double, 12> from = from_;
      for (const Stage& stage : kStages) {
        const std::array<double, 12> to = pose_of(stage, left_);
        if (t_ < start + stage.total) {
          write(cmd, to, std::min(1.0, (t_ - start) / stage.ramp), from);
          return true;
        }
        start += stage.total;
        from = to;
      }
      choose(data);
      return step(data, 0.0, cmd);
    }
    case Move::side: {
      const int front = left_ ? 1 : 0, rear = left_ ? 3 : 2;
      const double sign = left_ ? -1.0 : 1.0;
      std::array<double, 12> reach = robot_pose({kFold, kFold, kFold, kFold});  // the upper legs stay folded
      for (const auto& [leg, hip] : {std::pair{front, kSideHipFront}, std::pair{rear, kSideHipRear}}) {
        reach[3 * leg] = 0.0;
        reach[3 * leg + 1] = hip;
        reach[3 * leg + 2] = kSideKneeFolded;
      }
      std::array<double, 12> tilt = reach, straight = reach;
      for (const int leg : {front, rear}) {
        tilt[3 * leg] = straight[3 * leg] = sign * kSideAbad;
        straight[3 * leg + 2] = kSideKneeStraight;
      }
      if (t_ < kSideReach) {
        write(cmd, reach, t_ / kSideReach, from_);
      } else if (t_ < kSideReach + kSideTilt) {
        write(cmd, tilt, (t_ - kSideReach) / kSideTilt, reach);
      } else {
        write(cmd, straight, std::min(1.0, (t_ - kSideReach - kSideTilt) / kSideStraighten), tilt);
      }
      if (t_ < kSideReach + kSideTilt + kSideStraighten + kSideSettle) return true;
      choose(data);
      return step(data, 0.0, cmd);
    }
    case Move::fold:
      write(cmd, robot_pose({kFold, kFold, kFold, kFold}), std::min(1.0, t_ / kFoldRamp), from_);
      if (t_ < kFoldRamp + kFoldSettle) return true;
      choose(data);
      if (move_ != Move::done) return step(data, 0.0, cmd);
      return false;
    case Move::done:
      return false;
  }
  return false;
}

}  // namespace locomotion
