#include "simarena/bridge/wire_convention.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "simarena/base/input_error.h"

namespace simarena {
namespace {

constexpr int kLegs = 4;
constexpr int kJointsPerLeg = 3;
constexpr int kWireJoints = kLegs * kJointsPerLeg;
constexpr const char* kJointSuffixes[kJointsPerLeg] = {"_abad", "_hip", "_knee"};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

float wire(const JointSpec& joint, double api_value) { return static_cast<float>(joint.wire_sign * api_value); }

// -1 / +1 while the measured angle is in the lower / upper limit-spring
// zone, as the robot's leg controller reports it (onboard convention).
int32_t limit_zone(const JointSpec& joint, const ProtectionSpec& protections, float api_q) {
  const double a = joint.wire_sign * joint.range_min, b = joint.wire_sign * joint.range_max;
  const double lower = std::min(a, b), upper = std::max(a, b), q = joint.wire_sign * api_q;
  if (q < lower + protections.limit_spring_zone) return -1;
  if (q > upper - protections.limit_spring_zone) return 1;
  return 0;
}

void copy3(const double* from, float* to) {
  for (int i = 0; i < 3; ++i) to[i] = static_cast<float>(from[i]);
}

}  // namespace

void check_wire_layout(const RobotSpec& robot) {
  if (robot.num_joints() != kWireJoints)
    throw InputError(robot.file.string(), "the CyberDog 2 LCM protocol carries " + std::to_string(kWireJoints) +
                                              " joints (4 legs x abad, hip, knee); robot '" + robot.name + "' has " +
                                              std::to_string(robot.num_joints()));
  for (int i = 0; i < kWireJoints; ++i)
    if (!ends_with(robot.joints[i].name, kJointSuffixes[i % kJointsPerLeg]))
      throw InputError(robot.file.string(), "joint " + std::to_string(i) + " '" + robot.joints[i].name +
                                                "' must end in " + kJointSuffixes[i % kJointsPerLeg] +
                                                " for the LCM protocol's per-leg layout");
}

SimarenaMotorCmd command_from_wire(const motor_ctrl_lcmt& wire, const RobotSpec& robot) {
  SimarenaMotorCmd cmd{};
  for (int i = 0; i < robot.num_joints(); ++i) {
    const int sign = robot.joints[i].wire_sign;  // its own inverse
    cmd.q_des[i] = static_cast<float>(sign * wire.q_des[i]);
    cmd.qd_des[i] = static_cast<float>(sign * wire.qd_des[i]);
    cmd.kp_des[i] = wire.kp_des[i];
    cmd.kd_des[i] = wire.kd_des[i];
    cmd.tau_des[i] = static_cast<float>(sign * wire.tau_des[i]);
  }
  return cmd;
}

motor_ctrl_lcmt command_to_wire(const SimarenaMotorCmd& cmd, const RobotSpec& robot) {
  motor_ctrl_lcmt out{};
  for (int i = 0; i < robot.num_joints(); ++i) {
    const JointSpec& joint = robot.joints[i];
    out.q_des[i] = wire(joint, cmd.q_des[i]);
    out.qd_des[i] = wire(joint, cmd.qd_des[i]);
    out.kp_des[i] = cmd.kp_des[i];
    out.kd_des[i] = cmd.kd_des[i];
    out.tau_des[i] = wire(joint, cmd.tau_des[i]);
  }
  return out;
}

WireState state_to_wire(const SimarenaRobotData& data, const BodyState& body, const RobotSpec& robot, double time) {
  WireState w;
  w.ctrl_state.err_flag = data.err_flag;
  w.ctrl_state.ctrl_topic_interval = data.ctrl_topic_interval;

  // Per-leg arrays of spi_data, and the flat arrays of leg_control_data.
  float* spi_q[kJointsPerLeg] = {w.spi_data.q_abad, w.spi_data.q_hip, w.spi_data.q_knee};
  float* spi_qd[kJointsPerLeg] = {w.spi_data.qd_abad, w.spi_data.qd_hip, w.spi_data.qd_knee};
  float* spi_tau[kJointsPerLeg] = {w.spi_data.tau_abad, w.spi_data.tau_hip, w.spi_data.tau_knee};
  int32_t* leg_limit[kJointsPerLeg] = {w.leg_data.q_abad_limit, w.leg_data.q_hip_limit, w.leg_data.q_knee_limit};
  for (int i = 0; i < kWireJoints; ++i) {
    const JointSpec& joint = robot.joints[i];
    const int leg = i / kJointsPerLeg, kind = i % kJointsPerLeg;
    spi_q[kind][leg] = wire(joint, data.q[i]);
    spi_qd[kind][leg] = wire(joint, data.qd[i]);
    spi_tau[kind][leg] = wire(joint, data.tau[i]);
    // Bit pattern kept: the robot sends its uint32 flags through an int32 field.
    w.spi_data.flags[i] = static_cast<int32_t>(data.motor_flags[i]);
    w.leg_data.q[i] = spi_q[kind][leg];
    w.leg_data.qd[i] = spi_qd[kind][leg];
    w.leg_data.tau_est[i] = spi_tau[kind][leg];
    leg_limit[kind][leg] = limit_zone(joint, robot.protections, data.q[i]);
  }

  state_estimator_lcmt& e = w.estimator;
  copy3(body.position, e.p);
  copy3(body.velocity_world, e.vWorld);
  copy3(body.velocity_body, e.vBody);
  copy3(body.position, e.p_abs);
  copy3(body.velocity_world, e.vWorld_abs);
  copy3(body.velocity_body, e.vBody_abs);
  copy3(body.omega_body, e.omegaBody);
  copy3(body.acc_body, e.aBody);
  std::copy(data.rpy, data.rpy + 3, e.rpy);
  std::copy(data.omega, data.omega + 3, e.omegaWorld);
  std::copy(data.acc, data.acc + 3, e.aWorld);
  std::copy(data.quat, data.quat + 4, e.quat);
  e.timestamp = std::llround(time * 1e9);
  return w;
}

}  // namespace simarena
