// The robot's user-defined gait (mode 11, gait 110): a contact schedule a
// program sends as text on user_gait_file. The text starts with "# Gait Def"
// and lists `[[section]]` tables, each with `contact = [FR, FL, RR, RL]`
// (1 on the ground, 0 swinging) and `duration = N` in MPC steps of 30 ms:
//
//   # Gait Def
//   [[section]]
//   contact  = [0, 1, 1, 1]
//   duration = 6
//
// The robot plays the sections once, in order, from the moment it enters
// gait 110, and forces the last section to four feet down: when the
// schedule ends the robot stands in it (it does not loop). A text starting
// with "# Gait Params" is the per-step list the robot plays as motion 110
// (mode 62): parse_user_motion below.
#pragma once

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "preset_motions.h"

namespace locomotion {

inline constexpr double kUserGaitStep = 0.03;  // s: one unit of `duration` (the robot's MPC step)

struct GaitSection {
  std::array<bool, 4> contact{true, true, true, true};  // FR, FL, RR, RL: on the ground
  int steps = 1;                                        // duration, in kUserGaitStep units
  double seconds() const { return steps * kUserGaitStep; }
};

struct UserGait {
  std::vector<GaitSection> sections;
  int total_steps() const;
  double seconds() const { return total_steps() * kUserGaitStep; }
};

// What the text on user_gait_file is, from its first characters (the robot's check).
enum class GaitTextKind { definition, parameters, unknown };
GaitTextKind gait_text_kind(std::string_view text);

// A schedule text that does not parse or breaks a rule; what() names the
// line ("line 4: ...").
class UserGaitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bounds on an untrusted text (the robot has none; these keep a hostile
// text from exhausting memory or time): far above any schedule a program
// sends (the contest's 80-cycle crawl has 322 sections, 13 kB).
inline constexpr size_t kMaxGaitTextBytes = 1 << 20;
inline constexpr int kMaxGaitSections = 20000;
inline constexpr int kMaxSectionSteps = 100000;  // 50 min per section

// Parses a "# Gait Def" text with a TOML parser. Throws UserGaitError: not
// a "# Gait Def" text, malformed TOML, no [[section]], a section without
// `contact` (four 0/1 integers) or `duration` (a positive integer), or past
// the bounds above. As on the robot, the last section is made four feet down.
UserGait parse_user_gait(std::string_view text);

// Motion 110 (mode 62, gait 110): the robot plays the "# Gait Params" text
// it received last as a preset motion, each `[[step]]` table one order with
// the fields of robot_control_cmd (mode, gait_id, contact, value, duration
// in ms, vel_des, rpy_des, pos_des, acc_des, ctrl_point, foot_pose,
// step_height); a field a step leaves out keeps the step before's value,
// the first step's start at zero (the robot's MotionListFullCppTomlRead).
inline constexpr int kUserMotionId = 110;
inline constexpr int kMaxUserMotionSteps = 20000;

// Parses a "# Gait Params" text with a TOML parser. Throws UserGaitError
// ("line N: ..."): not such a text, malformed TOML, no [[step]], an unknown
// key, a field of the wrong type or length, a mode-62 step (a motion inside
// the motion), a duration below 0 or past 1 hour, or past the bounds above.
PresetMotion parse_user_motion(std::string_view text);

}  // namespace locomotion
