// A run's score sheet: the JSON a judge keeps (which track and rules, by
// content hash, who ran, every referee event and the score), plus the same
// for people: a summary and an events log.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "simarena/track/referee_event.h"
#include "simarena/track/rules.h"
#include "simarena/track/score.h"
#include "simarena/track/track_spec.h"

namespace simarena {

struct ScoreSheetInfo {
  std::string robot;
  std::string controller_name;
  std::string controller_path;
  std::string controller_params;
  uint64_t seed = 0;
  std::string interface = "motor";  // how the controller drove the robot: "motor" or "high_level"
};

nlohmann::json score_sheet(const Track& track, const RuleSet& rules, const std::vector<RefereeEvent>& events,
                           const Score& score, const ScoreSheetInfo& info);

// The events as the score sheet lists them, and back: re-scoring a sheet's
// events with its rules gives its score.
// A score's fields as the score sheet writes them (guest text as the guest wrote it: escape it where published).
nlohmann::json score_json(const Score& score);
nlohmann::json events_json(const std::vector<RefereeEvent>& events);
std::vector<RefereeEvent> events_from_json(const nlohmann::json& events);

// One line per event: time, what, where, and what it cost.
std::string events_log(const std::vector<RefereeEvent>& events, const RuleSet& rules);

// A few lines: result, times, penalties by kind, rank key.
std::string score_summary(const Track& track, const RuleSet& rules, const Score& score);

}  // namespace simarena
