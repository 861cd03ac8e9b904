// What the referee decides, on simulated time: one event per thing that
// happened on the course. The score is a pure function of these and the
// rule set (score.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "simarena/track/rules.h"

namespace simarena {

enum class RefereeEventType {
  start,              // crossed the start line forward inside the lane: the course clock starts
  checkpoint,         // passed checkpoint `index` through its opening, in order
  checkpoint_missed,  // checkpoint `index` missed, or skipped by passing a later one first
  crossed_backward,   // crossed gate `index` (0 start, k checkpoint k, n+1 finish) against the course
  finish,             // crossed the finish line forward inside the lane
  fall,
  lane_exit,  // body outside the lane, or any part of the robot on a pit floor
  lane_return,
  wall_touch,
  obstacle_knocked,  // hurdle bar `index` moved
  protection_trip,   // the robot's protections set an err bit
  controller_fault,  // the controller stopped with an error, or sent a NaN/Inf frame
  deadline_miss,     // the controller did not answer within its control period (sandbox)
  disqualified,      // the run ends: a rule with cost 'disqualify' was broken
  timeout,           // the run ends: the time limit passed before the finish
  stopped,           // the run ends early, by the user (not a ranking result)
  // Announcements (field courses with 'announcements:', announcement_judge.h);
  // `index`: the announceable object judged against (announceable_objects), -1 when none.
  announcement_right,      // the kind said is the object nearest ahead
  announcement_wrong,      // it is not (the detail says what the object really is)
  announcement_unmatched,  // nothing announceable within range ahead: logged, costs nothing
  announcement_missing,    // left the search segment without announcing an object passed

  // Field courses scored by points (field_judge.h).
  segment_passed,   // segment `segment` passed: earns `points`
  field_deduction,  // FieldRule `index` broken in segment `segment`: `points` (negative)
  // Rules with after_fall: last_point (rules.h): after a fall or a lane exit
  // the robot is laid down again at a passed point of segment `segment`;
  // `value`: the route position (m) it was laid at; costs nothing itself.
  restart,
  // Field courses scored by points: segment `segment` given up (field_judge.h):
  // the robot reached a later segment's start without passing its end. Earns nothing.
  segment_skipped,
};

struct RefereeEvent {
  double time = 0;  // s of simulated match time
  RefereeEventType type = RefereeEventType::start;
  int index = -1;       // checkpoint, gate or hurdle bar number (0-based), -1 when none
  double progress = 0;  // m along the course reached so far (best x since the start)
  double value = 0;     // finish, timeout, disqualified, stopped: match time at which `progress` was first reached
  std::string detail;   // for people
  double points = 0;    // points earned (+) or deducted (-) under a points ranking; 0 otherwise
  int segment = -1;     // 0-based field segment the points belong to; -1 when none
};

// Whether an event carries points (a score sheet lists its points and segment).
bool carries_points(const RefereeEvent& e);

const char* event_name(RefereeEventType type);
std::optional<RefereeEventType> event_type_from_name(const std::string& name);
bool ends_run(RefereeEventType type);

// The cost the rules attach to an event type, or nullptr for events that
// cost nothing (start, checkpoint, lane_return, ...).
const Cost* cost_of(RefereeEventType type, const RuleSet& rules);

}  // namespace simarena
