// The robot's mode-11 gaits as the high-level API knows them (gait_id in
// robot_control_cmd): each gait's velocity caps and step-height rule, from
// the robot's code (shared facts: high-level API §5; the doc table's values
// are kept as comments where they differ), and the Walker gait that runs it
// in simarena (the Walker has a stand and three trots).
#pragma once

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

}  // namespace locomotion
