// Fills the controller's RobotData from the simulation the way the robot's
// own stack fills it: joint values in the API convention, the IMU in the
// robot's quaternion order and frames, yaw zeroed at the start of the run.
#pragma once

#include <simarena/controller.h>

#include "simarena/physics/world.h"

namespace simarena {

class RobotDataReader {
 public:
  explicit RobotDataReader(const World& world) : world_(world) {}

  // Remembers the initial heading so that rpy yaw starts at zero.
  void start(const mjData* d);

  // Joint and IMU fields of `out` (not err_flag, ctrl_topic_interval or
  // motor_flags, which the protections own). `joint_torque` is the torque
  // each motor applied on the last physics step (API convention).
  void read(const mjData* d, const double* joint_torque, SimarenaRobotData& out) const;

 private:
  const World& world_;
  double initial_yaw_ = 0;
};

// Roll, pitch, yaw (ZYX convention) of a w,x,y,z quaternion.
void quat_to_rpy(const double quat_wxyz[4], double rpy[3]);

}  // namespace simarena
