// A referee attached to a match: course information to the controller
// before each tick (when the rules give it), an observation after it.
#pragma once

#include <memory>
#include <optional>

#include "simarena/match/match_observer.h"
#include "simarena/track/referee.h"
#include "simarena/track/track_probe.h"

namespace simarena {

class TrackReferee final : public MatchObserver {
 public:
  TrackReferee(const Track& track, const RuleSet& rules) : referee_(track, rules) {}

  void start(const Match& match) override;
  void before_tick(Match& match) override;
  void after_tick(const Match& match) override;
  bool done() const override { return referee_.over(); }
  void stop(const Match& match) override { referee_.stop(match.time()); }

  nlohmann::json describe() const override;  // track and rules, by content hash
  nlohmann::json summary() const override;   // referee events and score

  const Referee& referee() const { return referee_; }

 private:
  Referee referee_;
  std::optional<CourseProbe> probe_;
};

}  // namespace simarena
