// The contest's scoring of a field course, read from the 'points:' block
// under 'field:' in a track file: the points each segment is worth, the
// points each infraction costs, and the thresholds by which the field judge
// (field_judge.h) measures "touched", "knocked" and "lying in the circle".
// Numbers the contest does not publish are parameters with documented
// defaults (docs/rules.md, "Points").
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace simarena {

// Each infraction the field judge counts; its deduction is a points value.
enum class FieldRule {
  line_touched,         // a foot on a solid painted line
  fall,                 // the referee's fall (trunk on the ground, tilt held)
  out_of_bounds,        // the body left the field (the referee's lane exit)
  wrong_ball,           // a non-target hanging ball swung past the threshold
  target_missed,        // a target not struck, knocked or kicked in when its segment ends
  obstacle_touched,     // the robot touched a low bar or an impassable obstacle
  early_jump,           // a foot on the floor in the beam segment before all four passed its end line
  ball_not_kicked_out,  // the kick-out ball still inside its region at the finish
  feet_outside_finish,  // lying down at the finish with a foot outside the circle
  announcement,         // the referee's wrong or missing announcement (announcement_judge.h)
};
inline constexpr size_t kFieldRuleCount = static_cast<size_t>(FieldRule::announcement) + 1;

// The rule's name as written in track files and score sheets ("line_touched", ...).
const char* field_rule_name(FieldRule rule);

struct FieldThresholds {
  double swing = 0.1745;       // rad from hanging straight down: a ball past it was struck (10 deg)
  double tilt = 0.7854;        // rad from upright: a bottle past it was knocked over (45 deg)
  double line_margin = 0.0;    // m from a foot's centre to the paint: at or below it the foot is on the line
  double touch_rejoin = 1.0;   // s clear of a line or obstacle before touching it again counts again
  double floor_sole = 0.03;    // m: a foot whose sole is lower than this stands on the floor (not a deck)
  double lying_height = 0.15;  // m: the base lower than this is lying down
  double lying_hold = 1.0;     // s lying inside the finish circle before the run finishes
};

struct FieldPoints {
  std::vector<double> segment_points;            // per segment, in order
  std::array<double, kFieldRuleCount> deduct{};  // per FieldRule, points off per infraction
  FieldThresholds thresholds;
  int beam_segment = -1;                    // 0-based: the segment whose end line is the jump-down line; -1: none
  std::string kick_out_object;              // a fixed object that must leave kick_out_region by the finish; empty: none
  std::array<double, 4> kick_out_region{};  // x_min, x_max, y_min, y_max
  int line = 0;                             // of 'points:' in the track file

  double total() const;
};

}  // namespace simarena
