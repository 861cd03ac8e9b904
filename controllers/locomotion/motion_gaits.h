// The robot's motion gaits (mode 11, gait ids 50-75: special trot, trot
// in-out, walk wave, moonwalk...), which its preset motions (mode 62) are
// built from. Each has a contact pattern (the robot's gait tables, in its
// 30 ms MPC steps, turned into seconds) and a per-step modulation: where
// each foot lands, how high it swings, the trunk's pitch and height, each
// chosen by how many steps a given leg has taken (the robot's step
// counters), with the robot's parameter values
// (cyberdog_locomotion @ad79bfd: control/src/convex_mpc/convex_mpc_motion_gaits.cpp,
// common/config/cyberdog2-ctrl-user-parameters.yaml).
#pragma once

#include <array>
#include <optional>

#include "gait_schedule.h"

namespace locomotion {

// The robot's MPC step: its gait tables count in these.
inline constexpr double kMotionGaitStep = 0.03;  // s
// The motion gaits' trunk height before a gait's change (des_roll_pitch_height_motion).
inline constexpr double kMotionGaitHeight = 0.225;  // m

// A choice that changes with the steps a leg has taken: entry
// `count % cycle`, where count is how many times `counter_leg` has lifted
// off since the gait began (1 during its first swing), as the robot counts.
template <typename Value>
struct StepCycle {
  int counter_leg = 0;  // FR 0, FL 1, RR 2, RL 3
  int cycle = 1;        // entries used (1..4)
  std::array<Value, 4> at{};
  const Value& pick(const std::array<int, kLegs>& lift_offs) const { return at[lift_offs[counter_leg] % cycle]; }
};

struct FootAim {
  double x = 0.0, y = 0.0;    // landing offset from the Raibert point, trunk frame, m
  double step_height = 0.05;  // m
};

struct BodyAim {
  double pitch = 0.0;   // rad, positive nose down
  double height = 0.0;  // m above kMotionGaitHeight
};

struct MotionGait {
  int id = 0;
  const char* name = "";
  GaitTiming timing;
  // vel_des caps (the robot clamps, it does not ramp): ±forward, ±lateral, ±yaw rate.
  double max_forward = 1.5, max_lateral = 0.3, max_yaw_rate = 1.0;
  std::array<StepCycle<FootAim>, kLegs> feet{};
  StepCycle<BodyAim> body{};
  // Share of the way to a new pitch or height the trunk's target goes each
  // 2 ms period (the robot's body_pitch_filter_ / body_height_filter_).
  double body_filter = 0.01;
  // Trot swing and the lift switches: each swing bulges this far (trunk
  // frame y, m, outward positive per leg) at mid-swing (the robot's swing
  // middle position); in trot swing the side flips every four FR steps.
  double swing_bulge = 0.0;
  int bulge_flips_every = 0;  // FR steps; 0: never
};

// The motion gait with that id, or nothing (the robot has no 54 or 64).
std::optional<MotionGait> motion_gait(int gait_id);

// What a motion gait asks now, given each leg's lift-offs since it began.
struct MotionGaitAim {
  std::array<FootAim, kLegs> feet{};
  BodyAim body;
  std::array<double, kLegs> bulge{};  // m, trunk frame y, at mid-swing
};
MotionGaitAim motion_gait_aim(const MotionGait& gait, const std::array<int, kLegs>& lift_offs);

}  // namespace locomotion
