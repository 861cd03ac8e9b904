// One joint's line of a MotorCmd, as the locomotion controllers write it:
// the velocity target capped (near a singular leg the Jacobian solve asks
// for any speed) and the feed-forward torque within the motor's limit.
#pragma once

#include <simarena/controller.h>

#include <algorithm>
#include <cmath>

namespace locomotion {

inline constexpr double kTorqueLimit = 12.0;  // N·m, the CyberDog 2 motors' peak
inline constexpr double kDegree = M_PI / 180.0;

inline constexpr double kMaxJointSpeed = 25.0;  // rad/s

// A cosine blend from 0 to 1 as s goes from 0 to 1: no joint rate at either end.
inline double smooth_blend(double s) { return 0.5 - 0.5 * std::cos(M_PI * std::clamp(s, 0.0, 1.0)); }

inline void write_joint(SimarenaMotorCmd& cmd, int index, double q, double qd, double kp, double kd, double tau,
                        double torque_limit) {
  cmd.q_des[index] = static_cast<float>(q);
  cmd.qd_des[index] = static_cast<float>(std::clamp(qd, -kMaxJointSpeed, kMaxJointSpeed));
  cmd.kp_des[index] = static_cast<float>(kp);
  cmd.kd_des[index] = static_cast<float>(kd);
  cmd.tau_des[index] = static_cast<float>(std::clamp(tau, -torque_limit, torque_limit));
}

}  // namespace locomotion
