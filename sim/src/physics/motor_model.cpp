#include "simarena/physics/motor_model.h"

#include <algorithm>
#include <cmath>

namespace simarena {

double available_torque(const MotorSpec& motor, double qd) {
  const double speed = std::abs(qd);
  if (speed <= motor.full_torque_speed) return motor.torque_limit;
  if (speed >= motor.zero_torque_speed) return 0.0;
  const double fraction = (motor.zero_torque_speed - speed) / (motor.zero_torque_speed - motor.full_torque_speed);
  return motor.torque_limit * fraction;
}

MotorOutput motor_output(const JointSpec& joint, const ProtectionSpec& protections, const JointCommand& cmd, double q,
                         double qd) {
  MotorOutput out;
  out.stiffness = cmd.kp;
  out.damping = cmd.kd;
  out.offset = cmd.tau_des + cmd.kp * cmd.q_des + cmd.kd * cmd.qd_des;
  double torque = out.offset - out.stiffness * q - out.damping * qd;

  // Near a limit (measured angle) with the law pushing further out, the
  // robot drops the whole law and pushes back with a soft spring instead.
  const double zone = protections.limit_spring_zone;
  const double k = protections.limit_spring_stiffness;
  const double below = q - joint.range_min;  // distance to the lower limit
  const double above = joint.range_max - q;  // distance to the upper limit
  const double threshold = joint.limit_spring_threshold;
  if (below < zone && torque < -threshold) {
    out.limit_spring = true;
    out.stiffness = k;  // tau = k*((min + zone) - q): replaces the whole law
    out.damping = 0;
    out.offset = k * (joint.range_min + zone);
  } else if (above < zone && torque > threshold) {
    out.limit_spring = true;
    out.stiffness = k;  // tau = k*((max - zone) - q)
    out.damping = 0;
    out.offset = k * (joint.range_max - zone);
  }
  torque = out.offset - out.stiffness * q - out.damping * qd;

  // Torque-speed curve limits driving torque (same sign as the motion);
  // braking torque is limited only by the peak torque.
  const bool driving = torque * qd > 0;
  const double limit = driving ? available_torque(joint.motor, qd) : joint.motor.torque_limit;
  if (std::abs(torque) > limit) {
    torque = std::copysign(limit, torque);
    out.saturated = true;
    out.offset = torque;
    out.stiffness = 0;
    out.damping = 0;
  }
  out.torque = torque;
  return out;
}

}  // namespace simarena
