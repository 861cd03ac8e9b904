// What the locomotion controller knows about the robot it drives: leg
// geometry, the whole robot as one rigid body, motor torque limits and the
// heights it stands and walks at, all read from the host's robot model
// (SimarenaRobotModel), so the same code trots any 12-joint quadruped whose
// legs are the CyberDog 2's kind (abad about x, hip and knee about y).
#pragma once

#include <simarena/controller.h>

#include <Eigen/Dense>
#include <array>

#include "leg_kinematics.h"
#include "locomotion_command.h"
#include "stance_forces.h"

namespace locomotion {

using trot::kGravity;

// Rigid-body numbers of the whole robot (trunk plus legs); the balance law
// and the MPC scale accelerations by them. The defaults are the CyberDog
// 2's, for the motion firmware, which runs only on that robot.
struct RigidBody {
  double mass = 7.84;                                                   // kg
  Eigen::Vector3d inertia = Eigen::Vector3d(0.10, 0.20, 0.22);          // kg·m², about trunk axes
  Eigen::Vector3d centre_of_mass = Eigen::Vector3d(0.014, 0.0, -0.01);  // trunk frame, m
};

// N·m each joint's motor gives, API order (leg * 3 + abad, hip, knee).
using TorqueLimits = std::array<double, 3 * kLegs>;
// The CyberDog 2's motors (12 N·m at every joint), for the motion firmware.
inline constexpr TorqueLimits kCyberDog2TorqueLimits{12.0, 12.0, 12.0, 12.0, 12.0, 12.0,
                                                     12.0, 12.0, 12.0, 12.0, 12.0, 12.0};

struct RobotGeometry {
  trot::LegGeometry legs;
  RigidBody body;
  TorqueLimits torque_limits = kCyberDog2TorqueLimits;
  BodyHeights heights;
};

// Reads the robot from the host's model. Throws std::invalid_argument,
// saying what does not fit, when the robot is not a quadruped with legs FR,
// FL, RR, RL on joints 0-11 in that order, each an abad (about x), hip and
// knee (about y) with the knee straight below the hip at the zero pose,
// mirror-symmetric left to right and front to back.
RobotGeometry robot_geometry(const SimarenaRobotModel& model);

}  // namespace locomotion
