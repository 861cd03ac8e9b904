// The robot's mode-11 gaits as the high-level API knows them (gait_id in
// robot_control_cmd): each gait's velocity caps and step-height rule, from
// the robot's code (shared facts: high-level API §5; the doc table's values
// are kept as comments where they differ), and the Walker gait that runs it
// in simarena (the Walker has a stand and three trots).
#pragma once

#include <simarena/controller.h>

#include <array>
#include <optional>

#include "locomotion_command.h"

namespace locomotion {

struct HighLevelGait {
  int id;               // robot_control_cmd.gait_id
  GaitId walker_gait;   // the Walker's nearest gait (its period and swing)
  double min_forward;   // m/s (negative: backward)
  double max_forward;   // m/s
  double max_lateral;   // m/s, either side
  double max_yaw_rate;  // rad/s, either way
  double step_scale;    // step_height[0] is scaled by this ...
  double min_step;      // ... then clamped to [min_step, max_step], m
  double max_step;
};

// The gait for a mode-11 gait_id, or nothing for an id simarena does not run.
std::optional<HighLevelGait> high_level_gait(int gait_id);

// The swing height a gait uses for the step_height[0] a frame asks for. 0 (a
// field left unset) means the default, 0.05 m, before the gait's scale and
// clamp: simarena's choice, so an unset field does not drag the feet.
double step_height_for(const HighLevelGait& gait, double asked);

// Body height in the loco gaits, as the robot's code sets it (pos_des is not
// read): 0.25 m plus up to 0.02 m with forward speed, clamped 0.23-0.32 m;
// 0.23 m when `value` bit 1 (vertical legs) is set. The doc says pos_des[2]
// 0.2-0.28 sets it; contest teams patched the code to honour it.
double loco_body_height(const HighLevelGait& gait, double forward_speed, int value_bits);

// Gait 110, the user gait (user_gait.h): the robot runs it with its motion
// gaits' MPC (ConvexMpcMotionGaits::SetUserGait), which reads a frame's
// fields its own way. simarena's walker uses the velocity, body height,
// step heights and landing offsets; the rest is read as the robot reads it
// and not used (simarena's walker has no WBC and no such tuning).
constexpr int kUserGaitId = 110;

struct UserGaitOrder {
  // vel_des clamped to the motion gaits' caps (±1.5 m/s, ±0.3 m/s, ±1.0
  // rad/s), neither ramped nor cross-coupled.
  double forward = 0.0, lateral = 0.0, yaw_rate = 0.0;
  double body_height = 0.225;  // m: 0.225 + pos_des[2], clamped 0.16-0.295
  // step_height[0] = FR mm + 1000 × FL mm, step_height[1] = RR + 1000 × RL;
  // each clamped 0-0.06 m.
  std::array<double, 4> step_height{};
  // Landing offsets (trunk frame x, y, m): FR foot_pose[0..1], FL
  // foot_pose[2..3], RR foot_pose[4..5], RL ctrl_point[0..1]; simarena
  // clamps each to ±0.3 m (past any leg's reach).
  std::array<std::array<double, 2>, 4> landing_offset{};
  // Read, not used by simarena's walker:
  double pitch = 0.0;                  // rpy_des[1], clamped ±0.2 rad
  std::array<double, 6> wbc_weight{};  // acc_des, each at least 1e-5
  double friction = 0.4;               // ctrl_point[2]; 0.4 outside 0.04-2.0
  double landing_gain = 1.0;           // (contact % 100) / 10; 1.0 outside 0.01-10
  bool use_mpc_traj = false;           // value bit 0
};

UserGaitOrder user_gait_order(const SimarenaHighLevelCmd& frame);

}  // namespace locomotion
