// Mode 21 (POSE_CTRL) as the robot's PositionController runs it: the feet
// stay where they are and the trunk moves over them, by joint PD alone (no
// balance law). Gait 5 moves all legs to an absolute body height; any other
// gait id moves the trunk by the frame's increments (rpy_des, pos_des, about
// ctrl_point), spread evenly over its duration, and moves the feet whose
// `contact` bit is clear by foot_pose instead (gait 2 damps such a leg).
// Limits: a step that would take a foot out of the leg's reach is not taken
// (the robot clamps its joints to their bounds), height 0.10-0.30 m.
#pragma once

#include <simarena/controller.h>

#include <array>
#include <cstdint>

#include "leg_kinematics.h"

namespace locomotion {

class PoseControl {
 public:
  explicit PoseControl(trot::LegGeometry geometry) : geometry_(geometry) {}

  // Starts from the joint angles the legs are at now.
  void begin(const SimarenaRobotData& data);
  // One period of `order`, which has run `periods_run` periods; writes the
  // motor command. Returns the order's progress, 0-100.
  int8_t step(const SimarenaHighLevelCmd& order, int64_t periods_run, double dt, SimarenaMotorCmd& cmd);

 private:
  void take_feet_from_joints();
  trot::LegGeometry geometry_;
  std::array<trot::JointAngles, 4> q_{};     // commanded joint angles
  std::array<Eigen::Vector3d, 4> feet_{};    // commanded feet, trunk frame
  std::array<trot::JointAngles, 4> from_{};  // gait 5: where the move started
  bool moving_height_ = false;
  float height_ = -1.0f;  // gait 5: the height asked for last
};

}  // namespace locomotion
