#include "simarena/track/referee.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "simarena/base/formatted.h"
#include "simarena/track/course_path.h"
#include "simarena/track/field_course.h"

namespace simarena {
namespace {

constexpr double kEps = 1e-9;

double degrees(double rad) { return rad * 180 / std::numbers::pi; }

}  // namespace

// The body's path crossing a gate line between two observations.
struct Referee::Crossing {
  double fraction = 0;  // along the path segment, 0..1
  double time = 0;      // interpolated
  int gate = 0;         // 0 start line, 1..n checkpoints, n+1 finish line
  bool forward = true;  // in +x
  double y = 0;         // where on the line
  bool in_lane = true;  // the body crossed inside the lane (a field course: inside its bounds)
};

double Referee::course_x(const Observation& o) const {
  if (!track_.field) return o.position[0];
  // Searched around the progress so far, or after a restart around where the robot was laid down.
  const double around = resume_ >= 0 ? resume_ : progress_;
  const PathPoint p =
      locate_on_path(track_.field->path, o.position[0], o.position[1], around - kPathWindow, around + kPathWindow);
  // Far from the route near the progress so far (a shortcut, a detour): no
  // movement along the course until the body is back along it.
  return p.distance <= kPathCorridor ? p.s : last_x_;
}

bool Referee::body_in_lane(double x, double y) const {
  if (track_.field) return track_.field->bounds.contains(x, y);
  return std::abs(y) <= track_.lane.width / 2;
}

Referee::Referee(Track track, RuleSet rules, uint64_t layout_seed)
    : track_(std::move(track)), rules_(std::move(rules)) {
  knocked_.assign(static_cast<size_t>(track_.hurdle_bar_count()), false);
  if (track_.field && track_.field->points) field_judge_.emplace(track_.field, place_field(*track_.field, layout_seed));
  if (track_.field && track_.field->announcements.judged) announcements_.emplace(*track_.field);
}

RefereeEvent Referee::event(double time, RefereeEventType type, int index, std::string detail) const {
  RefereeEvent e;
  e.time = time;
  e.type = type;
  e.index = index;
  e.progress = progress_;
  e.detail = std::move(detail);
  return e;
}

void Referee::count(RefereeEvent e, std::vector<RefereeEvent>& out) {
  if (field_judge_ && field_judge_->points_for(e.type) != 0) {
    e.points = field_judge_->points_for(e.type);
    e.segment = std::min(field_judge_->segment(), static_cast<int>(track_.field->segments.size()) - 1);
  }
  const Cost* cost = cost_of(e.type, rules_);
  const double time = e.time;
  const std::string why = std::string(event_name(e.type)) + ": " + e.detail;
  out.push_back(std::move(e));
  if (cost != nullptr && cost->kind == Cost::Kind::disqualify)
    end(time, RefereeEventType::disqualified, why + " (disqualifies under rules '" + rules_.name + "')", out);
}

void Referee::end(double time, RefereeEventType type, std::string detail, std::vector<RefereeEvent>& out) {
  RefereeEvent e = event(time, type, -1, std::move(detail));
  e.value = progress_time_;
  out.push_back(std::move(e));
  over_ = true;
  finished_ = type == RefereeEventType::finish;
}

void Referee::update_progress(double x, double time) {
  const double p = std::floor(std::clamp(x, 0.0, track_.length()) * 1000 + kEps) / 1000;
  if (p > progress_) {
    progress_ = p;
    progress_time_ = time;
  }
}

void Referee::cross_lines(const Observation& from, const Observation& to, double x0, double x1, double fraction_limit,
                          std::vector<RefereeEvent>& out) {
  std::vector<Crossing> crossings;
  const int n = static_cast<int>(track_.checkpoints.size());
  for (int gate = 0; gate <= n + 1; ++gate) {
    const double line_x = gate == 0 ? 0.0 : gate <= n ? track_.checkpoints[gate - 1].x : track_.length();
    const bool forward = x0 < line_x && x1 >= line_x;
    const bool backward = x0 >= line_x && x1 < line_x;
    if (!forward && !backward) continue;
    Crossing c;
    c.fraction = (line_x - x0) / (x1 - x0);
    if (c.fraction > fraction_limit) continue;
    c.time = from.time + c.fraction * (to.time - from.time);
    c.gate = gate;
    c.forward = forward;
    c.y = from.position[1] + c.fraction * (to.position[1] - from.position[1]);
    c.in_lane = body_in_lane(from.position[0] + c.fraction * (to.position[0] - from.position[0]), c.y);
    crossings.push_back(c);
  }
  // In the order the body met them (a backward path meets them in reverse).
  std::stable_sort(crossings.begin(), crossings.end(),
                   [](const Crossing& a, const Crossing& b) { return a.fraction < b.fraction; });
  for (const Crossing& c : crossings) on_crossing(c, out);
}

void Referee::on_crossing(const Crossing& c, std::vector<RefereeEvent>& out) {
  if (over_) return;
  const int n = static_cast<int>(track_.checkpoints.size());
  const bool in_lane = c.in_lane;
  if (c.gate == 0) {
    if (c.forward && !started_ && in_lane) {
      started_ = true;
      start_time_ = c.time;
      progress_time_ = c.time;
      out.push_back(
          event(c.time, RefereeEventType::start, -1, formatted("crossed the start line at y = %+.2f m", c.y)));
    } else if (!c.forward && started_) {
      out.push_back(event(c.time, RefereeEventType::crossed_backward, 0, "start line, against the course"));
    }
    return;
  }
  if (!started_) return;  // nothing counts before the start

  if (c.gate <= n) {
    const int g = c.gate - 1;
    const Gate& gate = track_.checkpoints[g];
    const bool in_opening = std::abs(c.y - gate.y) <= gate.width / 2;
    if (!c.forward) {
      if (in_opening)
        out.push_back(event(c.time, RefereeEventType::crossed_backward, c.gate, gate.name + ", against the course"));
      return;
    }
    if (in_opening && g >= next_checkpoint_) {
      for (int k = next_checkpoint_; k < g && !over_; ++k)
        count(event(c.time, RefereeEventType::checkpoint_missed, k,
                    track_.checkpoints[k].name + " skipped: passed " + gate.name + " first"),
              out);
      if (over_) return;
      out.push_back(event(c.time, RefereeEventType::checkpoint, g, gate.name));
      next_checkpoint_ = g + 1;
    } else if (!in_opening && in_lane && g == next_checkpoint_) {
      next_checkpoint_ = g + 1;
      count(event(c.time, RefereeEventType::checkpoint_missed, g,
                  formatted("%s: crossed its line at y = %+.2f m, outside the opening", gate.name.c_str(), c.y)),
            out);
    }
    return;
  }

  // The finish line (a course scored by points finishes by its field judge).
  if (!c.forward || !in_lane || field_judge_) return;
  for (int k = next_checkpoint_; k < n && !over_; ++k)
    count(event(c.time, RefereeEventType::checkpoint_missed, k,
                track_.checkpoints[k].name + " not passed before the finish"),
          out);
  next_checkpoint_ = n;
  if (over_) return;
  progress_ = track_.length();
  progress_time_ = c.time;
  end(c.time, RefereeEventType::finish, formatted("course time %.3f s", c.time - start_time_), out);
}

void Referee::judge_body(const Observation& now, std::vector<RefereeEvent>& out) {
  const double t = now.time;
  const FallRule& fall = rules_.fall;
  // Lying down in a field course's finish circle puts the trunk on the ground on purpose.
  const bool finishing = field_judge_ && field_judge_->at_finish(now.position);
  const bool contact = !now.fall_contact.empty() && !finishing;
  const bool tilted = now.tilt > fall.tilt_limit;
  if (!tilted)
    tilted_since_ = -1;
  else if (tilted_since_ < 0)
    tilted_since_ = t;
  const bool tilt_held = tilted && t - tilted_since_ >= fall.tilt_hold - kEps;
  if (fall_armed_ && (contact || tilt_held)) {
    fall_armed_ = false;
    clear_since_ = -1;
    count(event(t, RefereeEventType::fall, -1,
                contact ? now.fall_contact + " touched the ground"
                        : formatted("tilted past %.0f deg for %.2f s", degrees(fall.tilt_limit), fall.tilt_hold)),
          out);
    if (over_) return;
    restart_after(t, out);
  } else if (!fall_armed_) {
    if (contact || tilted) {
      clear_since_ = -1;
    } else {
      if (clear_since_ < 0) clear_since_ = t;
      if (t - clear_since_ >= fall.rearm - kEps) fall_armed_ = true;
    }
  }

  // Lane: the body's path leaving |y| <= width/2 (timed where it crossed), or a pit floor touched.
  const double half = track_.lane.width / 2;
  const double y0 = last_.position[1], y1 = now.position[1];
  const bool body_out = !body_in_lane(now.position[0], y1);
  const bool outside = body_out || now.pit_contact;
  // Back in the lane: the excursion is over once it stays back for lane_rejoin.
  if (out_of_lane_ && !outside) {
    if (back_in_lane_since_ < 0) back_in_lane_since_ = t;
    if (t - back_in_lane_since_ >= rules_.lane_rejoin - 1e-9) {
      out_of_lane_ = false;
      out.push_back(event(t, RefereeEventType::lane_return, -1,
                          rules_.lane_rejoin > 0 ? formatted("back in the lane since %.3f s", back_in_lane_since_)
                                                 : std::string("back in the lane")));
      back_in_lane_since_ = -1;
    }
  } else if (out_of_lane_ && outside) {
    back_in_lane_since_ = -1;  // out again before the excursion ended: the same excursion
  }
  if (outside && !out_of_lane_) {
    double time = t;
    if (!track_.field && (std::abs(y0) > half) != (std::abs(y1) > half)) {
      const double edge = std::copysign(half, std::abs(y1) > half ? y1 : y0);
      time = last_.time + (edge - y0) / (y1 - y0) * (t - last_.time);
    }
    out_of_lane_ = true;
    count(event(time, RefereeEventType::lane_exit, -1,
                body_out ? formatted("body left the lane at x = %.2f m", now.position[0])
                         : formatted("touched the pit floor at x = %.2f m", now.position[0])),
          out);
    if (over_) return;
    restart_after(time, out);
  }

  const bool touch_starts = now.wall_contact && !touching_wall_;
  touching_wall_ = now.wall_contact;
  if (now.wall_contact) {
    const bool new_touch =
        touch_starts && (wall_contact_until_ < 0 || t - wall_contact_until_ > rules_.wall_rejoin + 1e-9);
    wall_contact_until_ = t;
    if (new_touch) {
      count(event(t, RefereeEventType::wall_touch, -1, formatted("at x = %.2f m", now.position[0])), out);
      if (over_) return;
    }
  }

  for (size_t i = 0; i < now.obstacle_displacement.size() && i < knocked_.size(); ++i) {
    if (knocked_[i] || now.obstacle_displacement[i] <= rules_.knock_displacement) continue;
    knocked_[i] = true;
    count(event(t, RefereeEventType::obstacle_knocked, static_cast<int>(i),
                formatted("hurdle bar %zu moved %.3f m", i, now.obstacle_displacement[i])),
          out);
    if (over_) return;
  }
}

void Referee::judge_field(const Observation& now, std::vector<RefereeEvent>& out) {
  const size_t first = out.size();
  field_judge_->observe(now.time, now.position, progress_, now.field, out);
  bool skipped = false;
  for (size_t i = first; i < out.size(); ++i) {
    out[i].progress = progress_;
    skipped = skipped || out[i].type == RefereeEventType::segment_skipped;
  }
  // Skipped ahead: progress goes on from the start of the segment reached.
  if (skipped && !field_judge_->finished()) {
    update_progress(field_judge_->segment_start(field_judge_->segment()), now.time);
    resume_ = -1;
  }
  if (!field_judge_->finished()) return;
  progress_ = track_.length();
  progress_time_ = now.time;
  end(now.time, RefereeEventType::finish,
      formatted("lying in the finish circle; course time %.3f s", now.time - start_time_), out);
}

void Referee::restart_after(double time, std::vector<RefereeEvent>& out) {
  if (rules_.after_fall != AfterFall::last_point || !field_judge_) return;
  const int segment = field_judge_->segment();
  if (segment >= static_cast<int>(track_.field->segments.size())) return;  // every segment passed: nothing to restart
  const RestartPlace place = restart_place(*track_.field, segment, field_judge_->segment_start(segment), progress_);
  RefereeEvent e = event(
      time, RefereeEventType::restart, -1,
      formatted("laid down at (%.2f, %.2f) heading %.0f deg, %.2f m along the route in '%s'", place.x, place.y,
                degrees(place.heading), place.s, track_.field->segments[static_cast<size_t>(segment)].name.c_str()));
  e.segment = segment;
  e.value = place.s;
  out.push_back(std::move(e));
  restart_ = place;
  resume_ = place.s;
}

void Referee::judge_match_events(const Observation& now, std::vector<RefereeEvent>& out) {
  for (const MatchEvent& e : now.match_events) {
    if (over_) return;
    if (e.time < start_time_ - kEps) continue;  // before the start: not part of the run
    if (e.type == MatchEventType::err_bit_set)
      count(event(e.time, RefereeEventType::protection_trip, -1, e.detail), out);
    else if (is_controller_fault(e.type))
      count(event(e.time, RefereeEventType::controller_fault, -1,
                  std::string(match_event_name(e.type)) + ": " + e.detail),
            out);
    else if (e.type == MatchEventType::deadline_miss)
      count(event(e.time, RefereeEventType::deadline_miss, -1, e.detail), out);
  }
}

void Referee::judge_announcements(const Observation& now, std::vector<RefereeEvent>& out) {
  if (!announcements_) return;
  const Vec2 then{last_.position[0], last_.position[1]};
  for (const MatchEvent& e : now.match_events) {
    if (over_) return;
    if (e.type != MatchEventType::recognition || e.time < start_time_ - kEps) continue;
    const auto said = recognised_object(e.object);
    if (!said) continue;  // a record this build cannot read
    const size_t colon = e.detail.find(": ");
    const std::string_view words =
        colon == std::string::npos ? std::string_view() : std::string_view(e.detail).substr(colon + 2);
    AnnouncementVerdict v = announcements_->judge(e.time, then, last_.yaw, last_.object_places, *said, words);
    count(event(v.time, v.type, v.object, std::move(v.detail)), out);
  }
  for (AnnouncementVerdict& v :
       announcements_->moved(last_.time, then, now.time, {now.position[0], now.position[1]}, now.object_places)) {
    if (over_) return;
    count(event(v.time, v.type, v.object, std::move(v.detail)), out);
  }
}

void Referee::observe(const Observation& now) {
  if (over_) return;
  if (!have_last_) {
    last_ = now;
    last_x_ = course_x(now);
    have_last_ = true;
    return;
  }
  const double limit = track_.time_limit;
  const bool time_up = now.time >= limit - kEps;
  double fraction_limit = 1;
  if (time_up && now.time > last_.time)
    fraction_limit = std::clamp((limit - last_.time) / (now.time - last_.time), 0.0, 1.0);

  if (relocated_) {  // laid down again: the body did not travel there, nothing was crossed or passed on the way
    last_.position = now.position;
    last_.yaw = now.yaw;
    last_x_ = course_x(now);
    relocated_ = false;
  }
  std::vector<RefereeEvent> out;
  const double x = course_x(now);
  cross_lines(last_, now, last_x_, x, fraction_limit, out);
  const bool past_limit = now.time > limit + kEps;  // this state is after the time limit: it does not count
  if (resume_ >= 0) {  // back along the route from the restart point; past the progress so far, as before
    resume_ = std::max(resume_, x);
    if (resume_ >= progress_) resume_ = -1;
  }
  if (started_ && !over_ && !past_limit) {
    update_progress(x, now.time);
    judge_match_events(now, out);
    if (!over_) judge_announcements(now, out);
    if (!over_) judge_body(now, out);
    if (!over_ && field_judge_) judge_field(now, out);
  }
  if (!over_ && time_up)
    end(limit, RefereeEventType::timeout,
        started_ ? formatted("time limit %.1f s reached at %.3f m", limit, progress_)
                 : formatted("time limit %.1f s reached without crossing the start line", limit),
        out);
  std::stable_sort(out.begin(), out.end(),
                   [](const RefereeEvent& a, const RefereeEvent& b) { return a.time < b.time; });
  events_.insert(events_.end(), out.begin(), out.end());
  last_ = now;
  last_x_ = x;
  last_.match_events.clear();
}

void Referee::stop(double time) {
  if (over_) return;
  std::vector<RefereeEvent> out;
  end(time, RefereeEventType::stopped,
      started_ ? formatted("stopped at %.3f m, before the finish", progress_)
               : "stopped before crossing the start line",
      out);
  events_.insert(events_.end(), out.begin(), out.end());
}

SimarenaCourseInfo Referee::course_info() const {
  SimarenaCourseInfo info{};
  info.struct_size = sizeof(SimarenaCourseInfo);
  if (rules_.course_info == CourseInfoMode::none) {
    info.next_gate_index = -1;
    return info;
  }
  if (track_.field) return field_course_info(info);
  const int n = static_cast<int>(track_.checkpoints.size());
  info.available = 1;
  info.gate_count = n + 2;
  info.next_gate_index = over_ ? -1 : !started_ ? 0 : next_checkpoint_ + 1;
  if (info.next_gate_index < 0) return info;
  const int g = info.next_gate_index;
  const double gx = g == 0 ? 0.0 : g <= n ? track_.checkpoints[g - 1].x : track_.length();
  const double gy = g >= 1 && g <= n ? track_.checkpoints[g - 1].y : 0.0;
  const double width = g >= 1 && g <= n ? track_.checkpoints[g - 1].width : track_.lane.width;
  const double dx = gx - last_.position[0], dy = gy - last_.position[1];
  const double dz = track_.surface_height(gx) - last_.position[2];
  const double c = std::cos(last_.yaw), s = std::sin(last_.yaw);
  info.next_gate_body[0] = static_cast<float>(c * dx + s * dy);
  info.next_gate_body[1] = static_cast<float>(-s * dx + c * dy);
  info.next_gate_body[2] = static_cast<float>(dz);
  info.next_gate_heading = static_cast<float>(std::remainder(-last_.yaw, 2 * std::numbers::pi));
  info.next_gate_width = static_cast<float>(width);
  return info;
}

SimarenaCourseInfo Referee::field_course_info(SimarenaCourseInfo info) const {
  // The gates of a field course are the corners of its route (a point each,
  // width 0), the next one that more than kCornerReach ahead of where the
  // body is along the route.
  const std::vector<Vec2>& path = track_.field->path;
  info.available = 1;
  info.gate_count = static_cast<int32_t>(path.size());
  const RouteCorner corner = next_route_corner(path, last_x_, kCornerReach);
  info.next_gate_index = over_ ? -1 : corner.index;
  if (info.next_gate_index < 0) return info;
  const double dx = corner.pose.at.x - last_.position[0], dy = corner.pose.at.y - last_.position[1];
  const double c = std::cos(last_.yaw), s = std::sin(last_.yaw);
  info.next_gate_body[0] = static_cast<float>(c * dx + s * dy);
  info.next_gate_body[1] = static_cast<float>(-s * dx + c * dy);
  info.next_gate_body[2] = static_cast<float>(-last_.position[2]);  // the floor
  info.next_gate_heading = static_cast<float>(std::remainder(corner.pose.heading - last_.yaw, 2 * std::numbers::pi));
  info.next_gate_width = 0;
  return info;
}

}  // namespace simarena
