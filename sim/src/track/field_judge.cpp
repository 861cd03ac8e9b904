#include "simarena/track/field_judge.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "simarena/base/formatted.h"
#include "simarena/track/course_path.h"
#include "simarena/track/painted_line.h"

namespace simarena {
namespace {

double degrees(double rad) { return rad * 180 / 3.14159265358979323846; }

// Where `path` first crosses the segment a-b at or after arc length `from`:
// the arc length, the point and the path's direction there; s < 0: never.
struct PathCrossing {
  double s = -1;
  Vec2 point, direction;
};
PathCrossing first_crossing(const std::vector<Vec2>& path, const std::array<Vec2, 2>& line, double from) {
  double s0 = 0;
  for (size_t i = 1; i < path.size(); ++i) {
    const Vec2 p = path[i - 1], q = path[i];
    const double dx = q.x - p.x, dy = q.y - p.y, length = std::hypot(dx, dy);
    const double ex = line[1].x - line[0].x, ey = line[1].y - line[0].y;
    const double denom = dx * ey - dy * ex;
    if (std::abs(denom) > 1e-12) {
      const double t = ((line[0].x - p.x) * ey - (line[0].y - p.y) * ex) / denom;
      const double u = ((line[0].x - p.x) * dy - (line[0].y - p.y) * dx) / denom;
      if (t >= -1e-9 && t <= 1 + 1e-9 && u >= -1e-9 && u <= 1 + 1e-9 && s0 + t * length >= from - 1e-9)
        return {s0 + t * length, {p.x + t * dx, p.y + t * dy}, {dx / length, dy / length}};
    }
    s0 += length;
  }
  return {};
}

bool in_goal(const Goal& goal, Vec2 mouth, const std::array<double, 3>& ball) {
  const double yaw = goal.yaw_deg * 3.14159265358979323846 / 180;
  const double dx = ball[0] - mouth.x, dy = ball[1] - mouth.y;
  const double across = dx * std::cos(yaw) + dy * std::sin(yaw);
  const double behind = -dx * std::sin(yaw) + dy * std::cos(yaw);
  return std::abs(across) <= goal.width / 2 && behind >= 0 && behind <= goal.depth && ball[2] <= goal.height;
}

}  // namespace

FieldJudge::FieldJudge(std::shared_ptr<const FieldCourse> course, FieldLayout layout)
    : course_(std::move(course)), layout_(std::move(layout)) {
  const FieldCourse& c = *course_;
  const FieldPoints& p = *c.points;
  // Each segment's end along the route, in order.
  double from = 0;
  // "Past the line": on the side the route leaves it to, measured square to the line.
  const auto forward_normal = [](const std::array<Vec2, 2>& line, Vec2 direction) {
    const double lx = line[1].x - line[0].x, ly = line[1].y - line[0].y;
    const double length = std::hypot(lx, ly);
    const Vec2 normal{-ly / length, lx / length};
    return normal.x * direction.x + normal.y * direction.y < 0 ? Vec2{-normal.x, -normal.y} : normal;
  };
  for (const FieldSegment& segment : c.segments) {
    const PathCrossing start = first_crossing(c.path, segment.start, from);
    starts_.push_back(start.s < 0 ? from : start.s);
    start_lines_.push_back({starts_.back(), start.point, forward_normal(segment.start, start.direction)});
    const PathCrossing x = first_crossing(c.path, segment.end, from);
    ends_.push_back({x.s < 0 ? path_length(c.path) : x.s, x.point, forward_normal(segment.end, x.direction)});
    from = ends_.back().s;
  }
  // The segment a place belongs to: where the route passes nearest it.
  const auto segment_near = [&](Vec2 at) {
    const double s = locate_on_path(c.path, at.x, at.y, 0, path_length(c.path)).s;
    int k = 0;
    while (k + 1 < static_cast<int>(ends_.size()) && s > ends_[static_cast<size_t>(k)].s) ++k;
    return k;
  };

  judged_.resize(layout_.objects.size());
  size_t k = 0;
  for (; k < c.objects.size(); ++k)
    if (c.objects[k].name == p.kick_out_object) judged_[k] = {Role::kick_out, static_cast<int>(c.segments.size()) - 1};
  for (const BallGrid& grid : c.ball_grids) {
    const Vec2 centre{(grid.column_x.front() + grid.column_x.back()) / 2, (grid.row_y.front() + grid.row_y.back()) / 2};
    const int segment = segment_near(centre);
    for (size_t n = 0; n < grid.row_y.size() * grid.column_x.size(); ++n, ++k)
      judged_[k] = {layout_.objects[k].target ? Role::swing_target : Role::plain_ball, segment};
  }
  for (const Tunnel& tunnel : c.tunnels) {
    const Vec2 centre{(tunnel.channel_x.front() + tunnel.channel_x.back()) / 2, 0};
    double y = 0;
    size_t count = 0;
    for (const TunnelItem& item : tunnel.targets) y += (item.y_min + item.y_max) / 2, ++count;
    const int segment = segment_near({centre.x, count ? y / static_cast<double>(count) : 0});
    for (const TunnelItem& item : tunnel.targets) {
      const size_t first = k;
      int goal = -1;
      for (size_t n = 0; n < item.objects.size(); ++n)
        if (std::holds_alternative<Goal>(item.objects[n].shape)) goal = static_cast<int>(first + n);
      for (const FieldObject& o : item.objects) {
        Judged& j = judged_[k++];
        j.segment = segment;
        if (std::holds_alternative<HangingBall>(o.shape)) j.role = Role::swing_target;
        if (std::holds_alternative<Bottle>(o.shape)) j.role = Role::tilt_target;
        if (std::holds_alternative<FreeBall>(o.shape) && goal >= 0) j.role = Role::goal_ball, j.goal = goal;
      }
    }
    for (const TunnelItem& item : tunnel.obstacles)
      for (const FieldObject& o : item.objects) {
        const bool touchable = std::holds_alternative<LowBar>(o.shape) || std::holds_alternative<Cubes>(o.shape);
        judged_[k++] = {touchable ? Role::obstacle : Role::none, segment};
      }
  }

  for (size_t l = 0; l < c.lines.size(); ++l)
    if (c.lines[l].style == LineStyle::solid) solid_lines_.push_back(static_cast<int>(l));
  line_until_.assign(solid_lines_.size(), -1e9);
}

RefereeEvent FieldJudge::deduction(double time, FieldRule rule, std::string detail, int segment) const {
  RefereeEvent e;
  e.time = time;
  e.type = RefereeEventType::field_deduction;
  e.index = static_cast<int>(rule);
  e.points = -points().deduct[static_cast<size_t>(rule)];
  e.segment = segment >= 0 ? segment : std::min(segment_, static_cast<int>(ends_.size()) - 1);
  e.detail = std::string(field_rule_name(rule)) + ": " + std::move(detail);
  return e;
}

double FieldJudge::points_for(RefereeEventType type) const {
  if (type == RefereeEventType::fall) return -points().deduct[static_cast<size_t>(FieldRule::fall)];
  if (type == RefereeEventType::lane_exit) return -points().deduct[static_cast<size_t>(FieldRule::out_of_bounds)];
  if (type == RefereeEventType::announcement_wrong || type == RefereeEventType::announcement_missing)
    return -points().deduct[static_cast<size_t>(FieldRule::announcement)];
  return 0;
}

bool FieldJudge::past_end(int segment, const FieldObservation& field) const {
  const SegmentEnd& end = ends_[static_cast<size_t>(segment)];
  if (field.feet.empty()) return false;
  return std::all_of(field.feet.begin(), field.feet.end(), [&](const FootState& f) {
    return (f.x - end.point.x) * end.direction.x + (f.y - end.point.y) * end.direction.y > 0;
  });
}

void FieldJudge::judge_objects(double time, const FieldObservation& field, std::vector<RefereeEvent>& out) {
  const FieldThresholds& h = points().thresholds;
  for (size_t k = 0; k < judged_.size() && k < field.objects.size(); ++k) {
    Judged& j = judged_[k];
    const FieldObjectState& s = field.objects[k];
    const std::string& name = layout_.objects[k].name;
    switch (j.role) {
      case Role::plain_ball:
        if (!j.done && s.angle > h.swing) {
          j.done = true;
          out.push_back(deduction(time, FieldRule::wrong_ball,
                                  formatted("%s (not a target) swung %.0f deg", name.c_str(), degrees(s.angle)),
                                  j.segment));
        }
        break;
      case Role::swing_target:
        j.done = j.done || s.angle > h.swing;
        break;
      case Role::tilt_target:
        j.done = j.done || s.angle > h.tilt;
        break;
      case Role::goal_ball: {
        const FieldObject& goal = layout_.objects[static_cast<size_t>(j.goal)];
        j.done = j.done || in_goal(std::get<Goal>(goal.shape), goal.at, s.position);
        break;
      }
      case Role::obstacle:
        if (s.robot_contact) {
          if (time - j.touch_until > h.touch_rejoin + 1e-9)
            out.push_back(deduction(time, FieldRule::obstacle_touched, name + " touched", j.segment));
          j.touch_until = time;
        }
        break;
      default:
        break;
    }
  }
}

void FieldJudge::judge_lines(double time, const FieldObservation& field, std::vector<RefereeEvent>& out) {
  const FieldThresholds& h = points().thresholds;
  for (size_t n = 0; n < solid_lines_.size(); ++n) {
    const PaintedLine& line = course_->lines[static_cast<size_t>(solid_lines_[n])];
    const FootState* on = nullptr;
    for (const FootState& f : field.feet)
      if (f.support && std::abs(f.sole - line.z) < 0.03 && distance_to_paint(line, f.x, f.y) <= h.line_margin) on = &f;
    if (on == nullptr) continue;
    if (time - line_until_[n] > h.touch_rejoin + 1e-9)
      out.push_back(deduction(time, FieldRule::line_touched,
                              formatted("a foot on solid line '%s' at (%.2f, %.2f)", line.name.c_str(), on->x, on->y)));
    line_until_[n] = time;
  }
}

void FieldJudge::judge_beam(double time, const FieldObservation& field, std::vector<RefereeEvent>& out) {
  if (segment_ != points().beam_segment || jumped_early_) return;
  for (const FootState& f : field.feet)
    if (f.support && f.sole < points().thresholds.floor_sole) {
      jumped_early_ = true;
      out.push_back(deduction(time, FieldRule::early_jump,
                              formatted("a foot on the floor at (%.2f, %.2f) before all four passed '%s'", f.x, f.y,
                                        course_->segments[static_cast<size_t>(segment_)].name.c_str())));
      return;
    }
}

void FieldJudge::pass_segment(double time, std::vector<RefereeEvent>& out) {
  // Targets of this segment not done cost their deduction as it ends.
  for (size_t k = 0; k < judged_.size(); ++k) {
    const Judged& j = judged_[k];
    const bool target = j.role == Role::swing_target || j.role == Role::tilt_target || j.role == Role::goal_ball;
    if (!target || j.segment != segment_ || j.done) continue;
    const char* missing = j.role == Role::swing_target  ? "never swung past the threshold"
                          : j.role == Role::tilt_target ? "not knocked over"
                                                        : "not in the goal";
    out.push_back(deduction(time, FieldRule::target_missed, layout_.objects[k].name + " " + missing, j.segment));
  }
  RefereeEvent e;
  e.time = time;
  e.type = RefereeEventType::segment_passed;
  e.index = segment_;
  e.segment = segment_;
  e.points = points().segment_points[static_cast<size_t>(segment_)];
  e.detail = course_->segments[static_cast<size_t>(segment_)].name;
  out.push_back(std::move(e));
  ++segment_;
}

int FieldJudge::arrived_at_later_start(const FieldObservation& field) const {
  if (segment_ == 0 || field.feet.empty()) return -1;  // segment 1 may not be skipped
  for (int k = static_cast<int>(start_lines_.size()) - 1; k > segment_; --k) {
    const std::array<Vec2, 2>& line = course_->segments[static_cast<size_t>(k)].start;
    const SegmentEnd& start = start_lines_[static_cast<size_t>(k)];
    const double lx = line[1].x - line[0].x, ly = line[1].y - line[0].y, length2 = lx * lx + ly * ly;
    const bool at = std::all_of(field.feet.begin(), field.feet.end(), [&](const FootState& f) {
      const double past = (f.x - start.point.x) * start.direction.x + (f.y - start.point.y) * start.direction.y;
      const double along = ((f.x - line[0].x) * lx + (f.y - line[0].y) * ly) / length2;
      return past > 0 && past < kSkipDepth && along >= 0 && along <= 1;
    });
    if (at) return k;
  }
  return -1;
}

void FieldJudge::skip_to(double time, int segment, std::vector<RefereeEvent>& out) {
  for (; segment_ < segment; ++segment_) {
    RefereeEvent e;
    e.time = time;
    e.type = RefereeEventType::segment_skipped;
    e.index = segment_;
    e.segment = segment_;
    e.detail = formatted("%s: reached the start of '%s' without passing its end; it earns nothing",
                         course_->segments[static_cast<size_t>(segment_)].name.c_str(),
                         course_->segments[static_cast<size_t>(segment)].name.c_str());
    out.push_back(std::move(e));
  }
}

bool FieldJudge::at_finish(const std::array<double, 3>& base) const {
  const FinishCircle& circle = course_->finish;
  return segment_ == static_cast<int>(ends_.size()) - 1 &&
         std::hypot(base[0] - circle.centre.x, base[1] - circle.centre.y) <= circle.radius;
}

void FieldJudge::judge_finish(double time, const std::array<double, 3>& base, const FieldObservation& field,
                              std::vector<RefereeEvent>& out) {
  const FieldThresholds& h = points().thresholds;
  const FinishCircle& circle = course_->finish;
  const bool inside = std::hypot(base[0] - circle.centre.x, base[1] - circle.centre.y) <= circle.radius;
  if (!inside || base[2] >= h.lying_height) {
    lying_since_ = -1;
    return;
  }
  if (lying_since_ < 0) lying_since_ = time;
  if (time - lying_since_ < h.lying_hold - 1e-9) return;
  int outside = 0;
  for (const FootState& f : field.feet)
    outside += std::hypot(f.x - circle.centre.x, f.y - circle.centre.y) > circle.radius;
  if (outside > 0)
    out.push_back(deduction(time, FieldRule::feet_outside_finish,
                            formatted("lying down with %d foot/feet outside the finish circle", outside)));
  for (size_t k = 0; k < judged_.size() && k < field.objects.size(); ++k) {
    if (judged_[k].role != Role::kick_out) continue;
    const std::array<double, 4>& r = points().kick_out_region;
    const std::array<double, 3>& at = field.objects[k].position;
    if (at[0] >= r[0] && at[0] <= r[1] && at[1] >= r[2] && at[1] <= r[3])
      out.push_back(deduction(
          time, FieldRule::ball_not_kicked_out,
          formatted("%s still inside its field at (%.2f, %.2f)", layout_.objects[k].name.c_str(), at[0], at[1])));
  }
  pass_segment(time, out);
  finished_ = true;
}

void FieldJudge::observe(double time, const std::array<double, 3>& base, double progress, const FieldObservation& field,
                         std::vector<RefereeEvent>& out) {
  if (finished_) return;
  judge_objects(time, field, out);
  judge_lines(time, field, out);
  judge_beam(time, field, out);
  const int last = static_cast<int>(ends_.size()) - 1;
  while (segment_ < last && progress >= ends_[static_cast<size_t>(segment_)].s - 1e-9 && past_end(segment_, field))
    pass_segment(time, out);
  const int later = arrived_at_later_start(field);
  if (later != arrived_) arrived_ = later, arrived_since_ = time;
  if (arrived_ > segment_ && time - arrived_since_ >= kSkipHold - 1e-9) skip_to(time, arrived_, out);
  if (segment_ == last) judge_finish(time, base, field, out);
}

}  // namespace simarena
