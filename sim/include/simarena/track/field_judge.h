// The field judge: scores a field course by points (field_points.h). The
// referee calls it each tick after the start with what the probe measured
// (FieldObservation); it emits segment_passed and field_deduction events
// with simulated time, the segment and the reason, and says when the robot
// has finished (lying in the finish circle). Pure: no MuJoCo, no clock.
//
// What it measures, each against a threshold of the track's points block:
//   - a hanging ball is struck when it swings past `swing` from vertical;
//   - a bottle is knocked over when it tilts past `tilt`;
//   - a football is in the goal when its centre is inside the goal's volume
//     (mouth width x height x depth behind the mouth);
//   - a foot touches a solid painted line when it stands on something and
//     its centre is within `line_margin` of the paint (painted_line.h);
//   - an obstacle (low bar, cubes) is touched on any contact with the robot;
//   - a segment is passed when the route progress reached its end line and
//     all four feet are past it;
//   - segments are skipped (given up: they earn nothing, their deductions
//     so far stay, their targets are not judged) when the robot arrives at
//     a later segment's start without passing them: every foot past that
//     start line, within its ends and less than `kSkipDepth` beyond it,
//     for `kSkipHold` (the route progress, which follows the body within a
//     few ticks, passes a segment walked normally long before that).
//     Segment 1 is never skipped (the rules forbid it): until it is passed
//     nothing later counts;
//   - the run finishes when, after every earlier segment, the base lies
//     (below `lying_height`) inside the finish circle for `lying_hold`.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "simarena/track/field_course.h"
#include "simarena/track/field_layout.h"
#include "simarena/track/referee_event.h"

namespace simarena {

struct FootState {
  double x = 0, y = 0;
  double sole = 0;       // m: the lowest point of the foot above the floor
  bool support = false;  // touching the ground, a stone or a deck
};

struct FieldObjectState {
  double angle = 0;                  // rad: a hanging ball's swing from vertical, a free body's tilt from its start
  std::array<double, 3> position{};  // m: the body's centre (static objects: 0)
  bool robot_contact = false;        // any part of the robot touches it
};

struct FieldObservation {
  std::vector<FootState> feet;            // the robot's feet
  std::vector<FieldObjectState> objects;  // per FieldLayout::objects
};

inline constexpr double kSkipDepth = 0.6;  // m past a later segment's start line: the robot is at that start
inline constexpr double kSkipHold = 0.5;   // s there before the segments in between count as skipped

class FieldJudge {
 public:
  // `course.points` must be set; `layout` is place_field(course, run seed).
  FieldJudge(std::shared_ptr<const FieldCourse> course, FieldLayout layout);

  // One tick after the start: `base` is the robot's base position, `progress`
  // the route progress (m) so far. Appends events to `out`.
  void observe(double time, const std::array<double, 3>& base, double progress, const FieldObservation& field,
               std::vector<RefereeEvent>& out);

  // The deduction for a referee event the judge does not measure itself
  // (fall, lane exit, wrong or missing announcement), as points (<= 0); 0 when none.
  double points_for(RefereeEventType type) const;

  int segment() const { return segment_; }  // the segment being run (0-based); == count when all passed
  // The route position (m) where segment `k` (0-based) starts: its start line's first crossing after the last end.
  double segment_start(int k) const { return starts_.at(static_cast<size_t>(k)); }
  bool finished() const { return finished_; }
  // Whether a body at `base` is where the course ends lying down: in the
  // last segment, over the finish circle. Its trunk on the ground there is
  // the finish pose, not a fall.
  bool at_finish(const std::array<double, 3>& base) const;
  const FieldPoints& points() const { return *course_->points; }
  const FieldLayout& layout() const { return layout_; }

 private:
  enum class Role : unsigned char { none, plain_ball, swing_target, tilt_target, goal_ball, obstacle, kick_out };
  struct Judged {
    Role role = Role::none;
    int segment = -1;           // whose end checks it (targets) or where it counts (others)
    int goal = -1;              // goal_ball: the layout index of its goal
    bool done = false;          // target struck / knocked / in goal; plain ball counted
    double touch_until = -1e9;  // obstacles: last contact
  };
  struct SegmentEnd {
    double s = 0;           // route arc length where the path crosses the end line
    Vec2 point, direction;  // the crossing, and the end line's normal pointing the way the route goes
  };

  // Counted in `segment`, or (-1) the segment being run.
  RefereeEvent deduction(double time, FieldRule rule, std::string detail, int segment = -1) const;
  bool past_end(int segment, const FieldObservation& field) const;
  void judge_objects(double time, const FieldObservation& field, std::vector<RefereeEvent>& out);
  void judge_lines(double time, const FieldObservation& field, std::vector<RefereeEvent>& out);
  void judge_beam(double time, const FieldObservation& field, std::vector<RefereeEvent>& out);
  void pass_segment(double time, std::vector<RefereeEvent>& out);
  // The latest segment after the current one whose start the robot stands at; -1: none.
  int arrived_at_later_start(const FieldObservation& field) const;
  void skip_to(double time, int segment, std::vector<RefereeEvent>& out);
  void judge_finish(double time, const std::array<double, 3>& base, const FieldObservation& field,
                    std::vector<RefereeEvent>& out);

  std::shared_ptr<const FieldCourse> course_;
  FieldLayout layout_;
  std::vector<Judged> judged_;           // per layout object
  std::vector<double> starts_;           // per segment: route position of its start line
  std::vector<SegmentEnd> start_lines_;  // per segment: its start line's crossing and forward normal
  std::vector<SegmentEnd> ends_;         // per segment
  std::vector<int> solid_lines_;         // indices into course_->lines
  std::vector<double> line_until_;       // per solid line: last time a foot stood on it
  int segment_ = 0;
  bool jumped_early_ = false;
  int arrived_ = -1;          // the later segment whose start the robot stands at; -1: none
  double arrived_since_ = 0;  // s: since when
  double lying_since_ = -1;
  bool finished_ = false;
};

}  // namespace simarena
