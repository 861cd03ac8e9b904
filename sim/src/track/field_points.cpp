#include "simarena/track/field_points.h"

#include <numeric>

namespace simarena {

const char* field_rule_name(FieldRule rule) {
  static constexpr std::array<const char*, kFieldRuleCount> kNames = {
      "line_touched",     "fall",       "out_of_bounds",       "wrong_ball",          "target_missed",
      "obstacle_touched", "early_jump", "ball_not_kicked_out", "feet_outside_finish", "announcement"};
  return kNames[static_cast<size_t>(rule)];
}

double FieldPoints::total() const { return std::accumulate(segment_points.begin(), segment_points.end(), 0.0); }

}  // namespace simarena
