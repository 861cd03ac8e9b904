#include "simarena/track/referee_event.h"

#include <array>

namespace simarena {
namespace {

constexpr std::array<const char*, 16> kNames = {
    "start",         "checkpoint",   "checkpoint_missed", "crossed_backward", "finish",          "fall",
    "lane_exit",     "lane_return",  "wall_touch",        "obstacle_knocked", "protection_trip", "controller_fault",
    "deadline_miss", "disqualified", "timeout",           "stopped"};
static_assert(kNames.size() == static_cast<size_t>(RefereeEventType::stopped) + 1);

// Announcements (announcement_judge.h), numbered on from the events above.
constexpr size_t kFirstAnnouncement = static_cast<size_t>(RefereeEventType::announcement_right);
constexpr std::array<const char*, 4> kAnnouncementNames = {"announcement_right", "announcement_wrong",
                                                           "announcement_unmatched", "announcement_missing"};
static_assert(kFirstAnnouncement == kNames.size());
static_assert(kAnnouncementNames.size() ==
              static_cast<size_t>(RefereeEventType::announcement_missing) - kFirstAnnouncement + 1);

}  // namespace

const char* event_name(RefereeEventType type) {
  const auto i = static_cast<size_t>(type);
  return i < kNames.size() ? kNames[i] : kAnnouncementNames.at(i - kFirstAnnouncement);
}

std::optional<RefereeEventType> event_type_from_name(const std::string& name) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (name == kNames[i]) return static_cast<RefereeEventType>(i);
  for (size_t i = 0; i < kAnnouncementNames.size(); ++i)
    if (name == kAnnouncementNames[i]) return static_cast<RefereeEventType>(kFirstAnnouncement + i);
  return std::nullopt;
}

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
