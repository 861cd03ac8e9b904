// The referee: applies a rule set to a track, one observation per control
// tick, and emits events with simulated timestamps. Pure: no MuJoCo, no
// clock; the same observations give the same events. course_probe.h turns a
// match's state into observations.
#pragma once

#include <simarena/controller.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "simarena/match/match_event.h"
#include "simarena/track/announcement_judge.h"
#include "simarena/track/field_judge.h"
#include "simarena/track/field_restart.h"
#include "simarena/track/referee_event.h"
#include "simarena/track/rules.h"
#include "simarena/track/track_spec.h"

namespace simarena {

struct Observation {
  double time = 0;                            // s of match time
  std::array<double, 3> position{};           // robot base body, world frame, m
  double yaw = 0;                             // rad, heading of the body's x axis
  double tilt = 0;                            // rad between the body's z axis and vertical
  std::string fall_contact;                   // name of a counted body touching the ground; empty: none
  bool wall_contact = false;                  // any part of the robot touches a lane wall
  bool pit_contact = false;                   // any part of the robot touches a pit floor
  std::vector<double> obstacle_displacement;  // m each hurdle bar moved from where it started
  std::vector<MatchEvent> match_events;       // protections and controller events since the last observation
  FieldObservation field;                     // feet and objects, on a field course scored by points
  std::vector<Vec2> object_places;            // announceable objects (announcement_judge.h), x y now, in their order
};

class Referee {
 public:
  // `layout_seed`: the run seed the arena was built with, so a field course
  // scored by points judges the objects where that seed placed them.
  Referee(Track track, RuleSet rules, uint64_t layout_seed = 0);

  // Feeds the state after one tick (the first call: the state at time 0).
  void observe(const Observation& observation);
  // Ends an unfinished run early (e.g. the user's --duration): a 'stopped' event.
  void stop(double time);

  bool over() const { return over_; }
  bool started() const { return started_; }
  double start_time() const { return start_time_; }
  double progress() const { return progress_; }  // m
  int next_checkpoint() const { return next_checkpoint_; }
  const std::vector<RefereeEvent>& events() const { return events_; }
  const Track& track() const { return track_; }
  const RuleSet& rules() const { return rules_; }
  // On a field course with 'announcements:', the judge of what controllers recognise; else null.
  const AnnouncementJudge* announcement_judge() const { return announcements_ ? &*announcements_ : nullptr; }
  // The field judge of a course scored by points; null otherwise.
  const FieldJudge* field_judge() const { return field_judge_ ? &*field_judge_ : nullptr; }

  // After a fall or lane exit under after_fall: last_point, where the robot
  // is to be laid down before the next tick; empty otherwise. Taking it
  // clears it (TrackReferee applies it to the match).
  std::optional<RestartPlace> take_restart() {
    relocated_ = relocated_ || restart_.has_value();
    return std::exchange(restart_, std::nullopt);
  }

  // Where the next gate is relative to the body at the last observation;
  // available = 0 unless the rules say course_info: next_gate.
  SimarenaCourseInfo course_info() const;

 private:
  static constexpr double kCornerReach = 0.1;  // m along the route: a corner this close is reached
  // course_info() on a field course: the route's corners are its gates.
  SimarenaCourseInfo field_course_info(SimarenaCourseInfo info) const;
  struct Crossing;
  // Where an observation is along the course: x, or on a field course the
  // arc length along its path near the progress so far (course_path.h).
  double course_x(const Observation& o) const;
  bool body_in_lane(double x, double y) const;
  void cross_lines(const Observation& from, const Observation& to, double x0, double x1, double fraction_limit,
                   std::vector<RefereeEvent>& out);
  void on_crossing(const Crossing& c, std::vector<RefereeEvent>& out);
  void judge_body(const Observation& now, std::vector<RefereeEvent>& out);
  void judge_match_events(const Observation& now, std::vector<RefereeEvent>& out);
  // Recognitions since the last observation, judged where the body was when
  // they were said (the last observation); then the search segment's end.
  void judge_announcements(const Observation& now, std::vector<RefereeEvent>& out);
  void judge_field(const Observation& now, std::vector<RefereeEvent>& out);
  // Under after_fall: last_point on a course scored by points, the restart after a fall or lane exit at `time`.
  void restart_after(double time, std::vector<RefereeEvent>& out);
  void update_progress(double x, double time);
  RefereeEvent event(double time, RefereeEventType type, int index, std::string detail) const;
  // Appends `e`; if its rule disqualifies, also the disqualification.
  void count(RefereeEvent e, std::vector<RefereeEvent>& out);
  void end(double time, RefereeEventType type, std::string detail, std::vector<RefereeEvent>& out);

  Track track_;
  RuleSet rules_;
  std::vector<RefereeEvent> events_;
  bool have_last_ = false;
  Observation last_;
  double last_x_ = 0;  // course_x(last_) when it was observed
  bool started_ = false;
  bool over_ = false;
  bool finished_ = false;
  double start_time_ = 0;
  double progress_ = 0;       // m, best course x since the start, to the millimetre
  double progress_time_ = 0;  // s, when progress_ was first reached
  int next_checkpoint_ = 0;
  // Fall state: a fall counts when armed; it re-arms after rearm seconds clear.
  bool fall_armed_ = true;
  double tilted_since_ = -1;
  double clear_since_ = -1;
  bool out_of_lane_ = false;
  double back_in_lane_since_ = -1;  // an excursion ends after lane_rejoin seconds back
  bool touching_wall_ = false;      // at the last observation
  double wall_contact_until_ = -1;  // last time the wall was touched; -1: never
  std::vector<bool> knocked_;
  std::optional<AnnouncementJudge> announcements_;
  std::optional<FieldJudge> field_judge_;
  std::optional<RestartPlace> restart_;  // decided, not yet taken
  double resume_ = -1;      // m: after a restart, where along the route the robot is, until it is back at progress_
  bool relocated_ = false;  // taken since the last observation: the robot was laid down elsewhere
};

}  // namespace simarena
