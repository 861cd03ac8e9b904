#include "simarena/physics/protections.h"

#include <algorithm>
#include <cmath>

namespace simarena {

Protections::Protections(const RobotSpec& robot, bool motor_sdk) : robot_(robot) {
  // The mode starts in take-over with bit1 set: every session must begin by
  // sending all-zero frames, as on the robot.
  if (!motor_sdk) return;
  s_.err_flag = SIMARENA_ERR_CMD_LOST_500MS;
  take_over(0.0);
}

void Protections::take_over(double now) {
  if (s_.takeover == TakeoverPhase::none) s_.takeover_start = now;
  s_.takeover = TakeoverPhase::damping;
}

bool is_zero_frame(const SimarenaMotorCmd& cmd, int n) {
  // As the robot checks it: kp, kd and tau within 0.001 of zero; q_des and
  // qd_des are not looked at.
  constexpr float eps = 0.001f;
  for (int i = 0; i < n; ++i)
    if (std::abs(cmd.kp_des[i]) > eps || std::abs(cmd.kd_des[i]) > eps || std::abs(cmd.tau_des[i]) > eps) return false;
  return true;
}

float Protections::ms_since_command(double now) const {
  const double since = s_.have_frame ? now - s_.last_frame_time : now;
  return static_cast<float>(since * 1000.0);
}

void Protections::apply(double now, const SimarenaMotorCmd* received, const float* q) {
  const ProtectionSpec& p = robot_.protections;
  const int n = robot_.num_joints();
  const double tolerance = 1e-9;  // simulated times are sums of steps

  if (received != nullptr) {
    s_.last_frame = *received;
    s_.have_frame = true;
    s_.last_frame_time = now;
  }

  // 1. Gap: bit0 recomputed every tick, bit1 latched.
  const double gap = s_.have_frame ? now - s_.last_frame_time : now;
  const bool late = gap > p.command_gap_warn + tolerance;
  s_.err_flag =
      static_cast<int16_t>(late ? s_.err_flag | SIMARENA_ERR_CMD_GAP_10MS : s_.err_flag & ~SIMARENA_ERR_CMD_GAP_10MS);
  if (gap > p.command_gap_takeover + tolerance) {
    s_.err_flag |= SIMARENA_ERR_CMD_LOST_500MS;
    take_over(now);
  }

  // A stale frame is held, with its velocity and feed-forward faded by how late it is.
  SimarenaMotorCmd frame = s_.last_frame;
  if (late) {
    const double scale = p.command_gap_warn / gap;
    for (int i = 0; i < n; ++i) {
      frame.qd_des[i] = static_cast<float>(frame.qd_des[i] * scale);
      frame.tau_des[i] = static_cast<float>(frame.tau_des[i] * scale);
    }
  }

  // 2. Take-over: damping, then limp. Bit1 clears only once limp, on a frame
  // with kp, kd and tau all zero that arrived in time; that tick is still limp.
  if (s_.takeover != TakeoverPhase::none) {
    if (now - s_.takeover_start >= p.takeover_limp_after - tolerance) s_.takeover = TakeoverPhase::limp;
    const bool clears = s_.takeover == TakeoverPhase::limp && received != nullptr && is_zero_frame(*received, n);
    const float kd = s_.takeover == TakeoverPhase::damping ? static_cast<float>(p.takeover_kd) : 0.0f;
    frame = SimarenaMotorCmd{};
    for (int i = 0; i < n; ++i) frame.kd_des[i] = kd;
    if (clears) {
      s_.err_flag &= ~SIMARENA_ERR_CMD_LOST_500MS;
      s_.takeover = TakeoverPhase::none;
    }
  }

  // 3. Joint-limit clamp, then 4. jump clamp against the measured angle.
  int16_t jump_bits = 0, all_jump_bits = 0;
  for (int i = 0; i < n; ++i) {
    const JointSpec& js = robot_.joints[i];
    all_jump_bits |= static_cast<int16_t>(1 << js.jump_err_bit);
    double q_des =
        std::clamp<double>(frame.q_des[i], js.range_min + p.joint_limit_margin, js.range_max - p.joint_limit_margin);
    if (std::abs(q_des - q[i]) > js.jump_limit) {
      q_des = std::clamp<double>(q_des, q[i] - js.jump_limit, q[i] + js.jump_limit);
      jump_bits |= static_cast<int16_t>(1 << js.jump_err_bit);
    }
    // Gain and torque ranges the SDK documents (enforced by the motors).
    JointCommand& c = s_.command[i];
    c.q_des = q_des;
    c.qd_des = frame.qd_des[i];
    c.kp = std::clamp<double>(frame.kp_des[i], 0.0, js.motor.kp_max);
    c.kd = std::clamp<double>(frame.kd_des[i], 0.0, js.motor.kd_max);
    c.tau_des = std::clamp<double>(frame.tau_des[i], -js.motor.torque_limit, js.motor.torque_limit);
  }
  // The robot's bits 2-4 reflect only the last leg it checks; we report a
  // clamp on any joint (see docs/controller-api.md).
  s_.err_flag = static_cast<int16_t>((s_.err_flag & ~all_jump_bits) | jump_bits);
}

void Protections::pass_through(double now, const SimarenaMotorCmd* received) {
  if (received == nullptr) return;  // the last command holds
  s_.last_frame = *received;
  s_.have_frame = true;
  s_.last_frame_time = now;
  s_.err_flag = 0;
  for (int i = 0; i < robot_.num_joints(); ++i) {
    const JointSpec& js = robot_.joints[i];
    JointCommand& c = s_.command[i];
    c.q_des = received->q_des[i];
    c.qd_des = received->qd_des[i];
    c.kp = std::clamp<double>(received->kp_des[i], 0.0, js.motor.kp_max);
    c.kd = std::clamp<double>(received->kd_des[i], 0.0, js.motor.kd_max);
    c.tau_des = std::clamp<double>(received->tau_des[i], -js.motor.torque_limit, js.motor.torque_limit);
  }
}

}  // namespace simarena
