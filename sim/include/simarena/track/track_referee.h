// A referee attached to a match: before each tick, a restart the rules
// call for (the robot laid down again after a fall) and course information
// to the controller (when the rules give it: the next gate, and in assisted
// events the height map); an observation after it.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "simarena/match/match.h"
#include "simarena/track/height_map_scan.h"
#include "simarena/track/object_places.h"
#include "simarena/track/referee.h"
#include "simarena/track/track_probe.h"

namespace simarena {

class TrackReferee {
 public:
  TrackReferee(const Track& track, const RuleSet& rules) : referee_(track, rules) {}

  void start(const Match& match);
  void before_tick(Match& match);
  void after_tick(const Match& match);
  bool done() const { return referee_.over(); }
  void stop(const Match& match) { referee_.stop(match.time()); }

  nlohmann::json describe() const;  // track and rules, by content hash
  nlohmann::json summary() const;   // referee events and score

  const Referee& referee() const { return referee_; }

 private:
  Observation observe(const Match& match);

  Referee referee_;
  std::optional<TrackProbe> probe_;
  std::optional<HeightMapScan> height_map_;    // assisted events only
  std::optional<ObjectPlaces> object_places_;  // a course with announcements
};

}  // namespace simarena
