#include "pose_control.h"

#include <algorithm>
#include <cmath>

namespace locomotion {

namespace {

// The robot's joint gains in mode 21 (abad, hip, knee), and those of a
// lifted leg in gait 2.
constexpr double kPoseCtrlKp[3] = {100.0, 100.0, 120.0}, kPoseCtrlKd[3] = {3.0, 3.0, 3.0};
constexpr double kDampedKp[3] = {40.0, 0.5, 0.5}, kDampedKd[3] = {2.0, 0.05, 0.05};
// duration 0: the robot spreads the increments over 1 800 000 periods (an
// hour), so a zero-duration pose order barely moves: send a duration.
constexpr double kUntilReplaced = 3600.0;               // s
constexpr double kMinHeight = 0.10, kMaxHeight = 0.30;  // m, gait 5 (doc 0.15-0.27)
constexpr int kHeightGait = 5, kDampedLegGait = 2;

// The robot's RBodyMat(yaw, pitch, roll): Rz * Ry * Rx.
Eigen::Matrix3d rotation(double roll, double pitch, double yaw) {
  return (Eigen::AngleAxisd(yaw, Eigen::Vector3d::UnitZ()) * Eigen::AngleAxisd(pitch, Eigen::Vector3d::UnitY()) *
          Eigen::AngleAxisd(roll, Eigen::Vector3d::UnitX()))
      .matrix();
}

}  // namespace

void PoseControl::begin(const SimarenaRobotData& data) {
  for (int leg = 0; leg < 4; ++leg) q_[leg] = {data.q[3 * leg], data.q[3 * leg + 1], data.q[3 * leg + 2]};
  take_feet_from_joints();
  moving_height_ = false;
  height_ = -1.0f;
}

void PoseControl::take_feet_from_joints() {
  for (int leg = 0; leg < 4; ++leg) feet_[leg] = trot::foot_position(geometry_, leg, q_[leg]);
}

int8_t PoseControl::step(const SimarenaHighLevelCmd& order, int64_t periods_run, double dt, SimarenaMotorCmd& cmd) {
  const double duration = order.duration > 0 ? order.duration * 0.001 : kUntilReplaced;
  const double periods = std::max(1.0, std::round(duration / dt));
  const double s = std::min(1.0, static_cast<double>(periods_run + 1) / periods);
  const int contact = order.contact == 0 ? 0x0F : order.contact & 0x0F;
  const bool damp_lifted = order.gait_id == kDampedLegGait;

  if (order.gait_id == kHeightGait) {
    if (!moving_height_ || order.pos_des[2] != height_ || periods_run == 0) {
      moving_height_ = true;
      height_ = order.pos_des[2];
      from_ = q_;
    }
    const double height = std::clamp<double>(height_, kMinHeight, kMaxHeight);
    for (int leg = 0; leg < 4; ++leg) {
      // Every foot straight under its hip, the leg `height` long (the
      // robot's two-link IK: its trunk ends about a foot radius higher).
      Eigen::Vector3d foot = geometry_.hip_origin(leg);
      foot.z() = -height;
      const trot::JointAngles goal =
          trot::inverse_kinematics(geometry_, leg, trot::clamp_to_workspace(geometry_, leg, foot)).value_or(from_[leg]);
      q_[leg] = from_[leg] + s * (goal - from_[leg]);
    }
    take_feet_from_joints();
  } else {
    moving_height_ = false;
    if (periods_run < periods) {
      const double k = 1.0 / periods;  // this period's share of the increments
      const Eigen::Matrix3d turn = rotation(k * order.rpy_des[0], k * order.rpy_des[1], k * order.rpy_des[2]);
      const Eigen::Vector3d shift = k * Eigen::Vector3d(order.pos_des[0], order.pos_des[1], order.pos_des[2]);
      const Eigen::Vector3d lift = k * Eigen::Vector3d(order.foot_pose[0], order.foot_pose[1], order.foot_pose[2]);
      const Eigen::Vector3d centre(order.ctrl_point[0], order.ctrl_point[1], order.ctrl_point[2]);
      std::array<Eigen::Vector3d, 4> feet = feet_;
      std::array<trot::JointAngles, 4> q = q_;
      bool reachable = true;
      for (int leg = 0; leg < 4 && reachable; ++leg) {
        // As the robot: the supporting feet move opposite to the trunk
        // (turned about ctrl_point, shifted by -pos_des); a lifted foot moves by foot_pose.
        feet[leg] = (contact >> leg) & 1 ? Eigen::Vector3d(turn * (feet_[leg] + centre) - shift - centre)
                                         : Eigen::Vector3d(feet_[leg] + lift);
        const auto angles = trot::inverse_kinematics(geometry_, leg, feet[leg]);
        reachable =
            angles.has_value() && (trot::clamp_to_workspace(geometry_, leg, feet[leg]) - feet[leg]).norm() < 1e-6;
        if (angles) q[leg] = *angles;
      }
      if (reachable) {  // at the edge of the legs' reach the trunk stops there
        feet_ = feet;
        q_ = q;
      }
    }
  }

  for (int leg = 0; leg < 4; ++leg) {
    const bool damped = damp_lifted && !((contact >> leg) & 1);
    for (int j = 0; j < 3; ++j) {
      const int i = 3 * leg + j;
      cmd.q_des[i] = static_cast<float>(q_[leg][j]);
      cmd.qd_des[i] = 0.0f;
      cmd.kp_des[i] = static_cast<float>(damped ? kDampedKp[j] : kPoseCtrlKp[j]);
      cmd.kd_des[i] = static_cast<float>(damped ? kDampedKd[j] : kPoseCtrlKd[j]);
      cmd.tau_des[i] = 0.0f;
    }
  }
  return static_cast<int8_t>(std::lround(100.0 * s));
}

}  // namespace locomotion
