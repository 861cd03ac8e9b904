// The trunk's state as the robot's estimator would publish it beyond
// RobotData, read from the simulation (ground truth where the robot
// estimates): for the wire protocols (the motor bridge's state_estimator,
// the high-level API's odometry).
#pragma once

#include <mujoco/mujoco.h>

namespace simarena {

class World;

// World vectors are in the same frame as RobotData's world vectors.
struct BodyState {
  double position[3] = {};        // m, base origin in the world
  double velocity_world[3] = {};  // m/s
  double velocity_body[3] = {};   // m/s, base frame
  double omega_body[3] = {};      // rad/s, IMU frame (the gyro)
  double acc_body[3] = {};        // m/s², IMU frame (the accelerometer, +9.81 up at rest)
};
BodyState read_body_state(const World& world, const mjData* d);

}  // namespace simarena
