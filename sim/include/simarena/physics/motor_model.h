// The motor law and the motor's physical limits, evaluated at every physics
// step from the latest protected command. Pure functions: no state.
#pragma once

#include "simarena/physics/robot_spec.h"

namespace simarena {

// One joint's command after the protections, API convention.
struct JointCommand {
  double q_des = 0, qd_des = 0, kp = 0, kd = 0, tau_des = 0;
};

// The torque the motor applies now, and the same law written as
// torque = offset - stiffness*q - damping*qd, the affine form MuJoCo's
// implicit integrator differentiates (so kd = 10 stays stable at 1 ms).
struct MotorOutput {
  double torque = 0;          // N·m, API convention
  double offset = 0;          // N·m
  double stiffness = 0;       // N·m/rad
  double damping = 0;         // N·m·s/rad
  bool saturated = false;     // torque or torque-speed limit active
  bool limit_spring = false;  // joint-limit spring active (kp, kd zeroed)
};

// Torque available at speed qd when driving in the direction of motion:
// full up to full_torque_speed, then falling linearly to 0.
double available_torque(const MotorSpec& motor, double qd);

MotorOutput motor_output(const JointSpec& joint, const ProtectionSpec& protections, const JointCommand& cmd, double q,
                         double qd);

}  // namespace simarena
