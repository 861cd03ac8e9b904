// Turns the physics state of a run into the referee's Observation: where
// the body is, which robot parts touch the ground, walls or pit floors, how
// far each hurdle bar moved, and the match events since the last look.
// Built once per World; geoms are told apart by the names track_mjcf gives.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "simarena/match/match.h"
#include "simarena/physics/world.h"
#include "simarena/track/field_probe.h"
#include "simarena/track/referee.h"
#include "simarena/track/rules.h"

namespace simarena {

class TrackProbe {
 public:
  // Throws InputError naming the rules file when a fall.contact entry
  // matches no body of the robot.
  // `field_points`: also measure feet and field objects for a field judge.
  TrackProbe(const World& world, const RuleSet& rules, int hurdle_bars, bool field_points = false);

  // The state in (model, data) at match time `time`; `events` is the match's
  // whole event list, of which only the ones not seen before are passed on.
  Observation observe(const mjModel* model, const mjData* data, double time, const std::vector<MatchEvent>& events);
  Observation observe(const Match& match) { return observe(match.model(), match.data(), match.time(), match.events()); }

 private:
  enum class GeomKind : unsigned char { other, robot, robot_counted, ground, wall, pit };

  int base_body_;
  std::vector<GeomKind> geom_kind_;
  std::vector<int> bar_qpos_;                     // qpos address of each hurdle bar's free joint
  std::vector<std::array<double, 3>> bar_start_;  // where each bar started
  size_t events_seen_ = 0;
  std::optional<FieldProbe> field_;
};

}  // namespace simarena
