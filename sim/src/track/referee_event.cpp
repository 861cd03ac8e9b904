#include "simarena/track/referee_event.h"

#include <array>

namespace simarena {
namespace {

// In RefereeEventType's order: the core events, the announcements
// (announcement_judge.h), the points of field courses (field_judge.h), the
// restart after a fall, a skipped segment.
constexpr std::array<const char*, 24> kNames = {"start",
                                                "checkpoint",
                                                "checkpoint_missed",
                                                "crossed_backward",
                                                "finish",
                                                "fall",
                                                "lane_exit",
                                                "lane_return",
                                                "wall_touch",
                                                "obstacle_knocked",
                                                "protection_trip",
                                                "controller_fault",
                                                "deadline_miss",
                                                "disqualified",
                                                "timeout",
                                                "stopped",
                                                "announcement_right",
                                                "announcement_wrong",
                                                "announcement_unmatched",
                                                "announcement_missing",
                                                "segment_passed",
                                                "field_deduction",
                                                "restart",
                                                "segment_skipped"};
static_assert(kNames.size() == static_cast<size_t>(RefereeEventType::segment_skipped) + 1);
static_assert(static_cast<size_t>(RefereeEventType::announcement_right) == 16);

}  // namespace

const char* event_name(RefereeEventType type) { return kNames.at(static_cast<size_t>(type)); }

std::optional<RefereeEventType> event_type_from_name(const std::string& name) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (name == kNames[i]) return static_cast<RefereeEventType>(i);
  return std::nullopt;
}

bool carries_points(const RefereeEvent& e) { return e.points != 0 || e.segment >= 0; }

bool ends_run(RefereeEventType type) {
  return type == RefereeEventType::finish || type == RefereeEventType::disqualified ||
         type == RefereeEventType::timeout || type == RefereeEventType::stopped;
}

const Cost* cost_of(RefereeEventType type, const RuleSet& rules) {
  switch (type) {
    case RefereeEventType::fall:
      return &rules.fall.cost;
    case RefereeEventType::lane_exit:
      return &rules.lane_exit;
    case RefereeEventType::wall_touch:
      return &rules.wall_touch;
    case RefereeEventType::obstacle_knocked:
      return &rules.knocked_obstacle;
    case RefereeEventType::checkpoint_missed:
      return &rules.missed_checkpoint;
    case RefereeEventType::protection_trip:
      return &rules.protection_trip;
    case RefereeEventType::controller_fault:
      return &rules.controller_fault;
    case RefereeEventType::deadline_miss:
      return &rules.deadline_miss;
    case RefereeEventType::announcement_wrong:
    case RefereeEventType::announcement_missing:
      return &rules.announcement;
    default:
      return nullptr;
  }
}

}  // namespace simarena
