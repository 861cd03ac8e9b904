// Stance forces: a PD law on trunk height, velocity and attitude asks for a
// net force and torque on the trunk; a regularised least-squares split turns
// that wrench into one ground force per stance foot, kept inside a friction
// cone. The controller then maps each force to joint torques through J^T.
#pragma once

#include <Eigen/Dense>
#include <array>

#include "body_state_estimator.h"
#include "leg_kinematics.h"

namespace trot {

// Rigid-body numbers of the whole robot (trunk plus legs), from the
// vendor description: a reference point the gains are scaled by.
struct MassProperties {
  double mass = 7.84;                                                   // kg
  Eigen::Vector3d inertia = Eigen::Vector3d(0.10, 0.20, 0.22);          // kg·m², about trunk axes
  Eigen::Vector3d centre_of_mass = Eigen::Vector3d(0.014, 0.0, -0.01);  // trunk frame, m
};

struct BalanceGains {
  double height_kp = 200.0;              // 1/s²: vertical acceleration per m of height error
  double height_kd = 20.0;               // 1/s
  double velocity_kp = 4.0;              // 1/s: horizontal acceleration per m/s of velocity error
  double velocity_ki = 8.0;              // 1/s²: its integral, for drag and slopes
  double velocity_integral_limit = 3.0;  // m/s²: the integral's largest contribution
  double attitude_kp = 300.0;            // 1/s²: roll/pitch angular acceleration per rad
  double attitude_kd = 25.0;             // 1/s
  double yaw_kp = 60.0;                  // 1/s²
  double yaw_kd = 8.0;                   // 1/s
  double friction = 0.6;                 // friction coefficient assumed for the cone
  double min_normal_force = 2.0;         // N: a stance foot always presses a little
  double max_normal_force = 120.0;       // N
};

struct BalanceTarget {
  Eigen::Vector2d velocity = Eigen::Vector2d::Zero();            // world xy, m/s
  double height = 0.23;                                          // m
  double pitch = 0.0;                                            // rad, nose down positive
  double yaw = 0.0;                                              // rad
  double yaw_rate = 0.0;                                         // rad/s
  Eigen::Vector2d extra_acceleration = Eigen::Vector2d::Zero();  // world xy, m/s², e.g. an integral term
};

using FootForces = std::array<Eigen::Vector3d, kNumLegs>;  // ground on robot, world axes, N

class BalanceController {
 public:
  BalanceController(MassProperties body, BalanceGains gains);

  // `support` 0..1 per leg: how much of the load this foot may take.
  FootForces forces(const BodyState& state, const BalanceTarget& target,
                    const std::array<double, kNumLegs>& support) const;

 private:
  MassProperties body_;
  BalanceGains gains_;
};

}  // namespace trot
