#include "route_follower.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace locomotion {
namespace {

constexpr size_t kOverheadEnd = offsetof(SimarenaCourseInfo, overhead_clearance) + sizeof(float);
constexpr double kBarMargin = 0.03;    // m kept between the robot's top and a low bar
constexpr double kLookahead = 0.5;     // m along the route's line the heading aims at
constexpr double kLineGain = 1.5;      // 1/s: sideways speed per m off the route's line
constexpr double kMaxLineSpeed = 0.2;  // m/s sideways back to the line
constexpr double kTurnOnSpot = 1.0;    // rad: aiming further off than this, turn without walking on
constexpr double kObstacleRise = 0.1;  // m above the ground under the body: a thing to go around, not over
constexpr double kHalfWay = 0.25;      // m either side of the body's centre line it needs clear
constexpr double kBehind = -0.45;      // m: obstacles this far behind the trunk still beside the legs
constexpr double kDetourGain = 2.0;    // 1/s: sideways speed per m still to shift
constexpr double kCloseAhead = 0.45;   // m: an obstacle this close in the body's way: creep
constexpr double kCreepSpeed = 0.15;   // m/s
constexpr double kShiftStep = 0.05;    // m between tried sideways shifts
constexpr double kMaxShift = 0.7;      // m: the farthest sideways shift tried
constexpr double kDropDepth = 0.08;    // m lower than under the trunk: a step down (stones' gaps are 5 cm)
constexpr double kDropFrom = 0.15, kDropTo = 0.55, kDropHalfWidth = 0.12;  // m: where ahead steps down are looked for
constexpr double kEdgeShare = 0.8;      // of the cells across the way lower: the ground steps down there
constexpr double kStepDownSpeed = 0.2;  // m/s
constexpr double kFacingRoute = 0.15;   // rad: the body faces along the route
// m: an edge this far past the next corner still ends the leg (a deck's end
// at its corner); farther, it is the side of the deck the route turns onto.
constexpr double kEdgePastCorner = 0.1;

}  // namespace

LocomotionCommand RouteFollower::follow(const SimarenaCourseInfo& info, LocomotionCommand wanted) {
  step_down_.reset();
  // A low bar over the way (assisted events): duck under it.
  if (info.struct_size >= kOverheadEnd && std::isfinite(info.overhead_clearance))
    wanted.body_height = std::min(wanted.body_height, info.overhead_clearance - params_.head_room - kBarMargin);
  if (info.next_gate_width <= 0.0f) return follow_route(info, wanted);
  // A checkpoint: steer toward it, slower into sharp turns.
  const double bearing = std::atan2(info.next_gate_body[1], info.next_gate_body[0]);
  wanted.yaw_rate = std::clamp(params_.steer_gain * bearing, -params_.max_steer_rate, params_.max_steer_rate);
  wanted.forward_speed *= std::max(0.3, std::cos(bearing));
  return wanted;
}

LocomotionCommand RouteFollower::follow_route(const SimarenaCourseInfo& info, LocomotionCommand wanted) {
  // The leg into the corner, in the heading frame: its direction d and the
  // corner g. `along`: how far ahead the corner is along d; `off`: how far
  // left of the line the body is.
  const double gx = info.next_gate_body[0], gy = info.next_gate_body[1];
  const double dx = std::cos(info.next_gate_heading), dy = std::sin(info.next_gate_heading);
  const double along = gx * dx + gy * dy;
  const double off = gx * dy - gy * dx;
  // Aim at the line kLookahead ahead, never past the corner.
  const double aim = std::max(0.0, along - kLookahead);
  const double bearing = std::atan2(gy - dy * aim, gx - dx * aim);
  wanted.yaw_rate = std::clamp(params_.steer_gain * bearing, -params_.max_steer_rate, params_.max_steer_rate);
  // Walk on at full speed only roughly facing the way; turn on the spot at a sharp corner.
  wanted.forward_speed *=
      std::clamp((std::cos(bearing) - std::cos(kTurnOnSpot)) / (1.0 - std::cos(kTurnOnSpot)), 0.0, 1.0);

  map_.update(info);
  const Detour way = map_.available() ? detour(-off * dx, along) : Detour{};
  // Toward a step down (the end of a deck): slowly, and only facing along the route, short of its corner.
  if (way.edge) {
    wanted.forward_speed = std::min(wanted.forward_speed, kStepDownSpeed);
    if (std::abs(bearing) < kFacingRoute && *way.edge < along + kEdgePastCorner) {
      step_down_ = way.edge;
      step_depth_ = way.depth;
    }
  }
  if (way.active) {
    wanted.lateral_speed = std::clamp(kDetourGain * way.shift, -kMaxLineSpeed, kMaxLineSpeed);
    if (way.close) wanted.forward_speed = std::min(wanted.forward_speed, kCreepSpeed);
  } else {
    // Back to the line, sideways (the heading already aims along it).
    wanted.lateral_speed = std::clamp(-kLineGain * off * dx, -kMaxLineSpeed, kMaxLineSpeed);
  }
  return wanted;
}

RouteFollower::Detour RouteFollower::detour(double line_y, double corner_ahead) {
  // The ground under the trunk: the lowest cell near the centre that has ground.
  double ground = NAN;
  const int ci = LocalHeightMap::kRows / 2, cj = LocalHeightMap::kCols / 2;
  for (int i = ci - 2; i <= ci + 1; ++i)
    for (int j = cj - 2; j <= cj + 1; ++j) {
      const double h = map_.height(i, j);
      if (std::isfinite(h) && !(h >= ground)) ground = h;
    }
  if (!std::isfinite(ground)) return {};
  const double ahead = std::min(static_cast<double>(LocalHeightMap::kCell) * (LocalHeightMap::kRows / 2), corner_ahead);
  // The cells where something stands, found once: the bands below are tried
  // against them (up to 30 shifts a period, on the control path).
  standing_.clear();
  for (int i = 0; i < LocalHeightMap::kRows; ++i)
    for (int j = 0; j < LocalHeightMap::kCols; ++j) {
      const Eigen::Vector2d c = map_.centre(i, j);
      if (c.x() >= kBehind && map_.height(i, j) > ground + kObstacleRise) standing_.push_back(c);
    }
  // Whether a band [y - kHalfWay, y + kHalfWay] holds something standing, from kBehind to `until` ahead.
  const auto blocked = [&](double y, double until) {
    return std::any_of(standing_.begin(), standing_.end(),
                       [&](const Eigen::Vector2d& c) { return c.x() <= until && std::abs(c.y() - y) <= kHalfWay; });
  };
  Detour out;
  // The nearest row ahead whose cells across the way are nearly all lower: an edge, not a deck's side.
  for (int i = LocalHeightMap::kRows / 2; i < LocalHeightMap::kRows && !out.edge; ++i) {
    int across = 0, low = 0;
    double deepest = 0;
    for (int j = 0; j < LocalHeightMap::kCols; ++j) {
      const Eigen::Vector2d c = map_.centre(i, j);
      if (c.x() < kDropFrom || c.x() > kDropTo || std::abs(c.y()) > kDropHalfWidth) continue;
      ++across;
      const double h = map_.height(i, j);
      if (h < ground - kDropDepth) {  // NaN (no ground at all) is not a step
        ++low;
        deepest = std::max(deepest, ground - h);
      }
    }
    if (across > 0 && low >= kEdgeShare * across) {
      out.edge = map_.centre(i, 0).x();
      out.depth = deepest;
    }
  }
  out.active = blocked(line_y, ahead) || (side_ != 0 && blocked(0.0, ahead));
  if (!out.active) {
    side_ = 0;
    return out;
  }
  out.close = blocked(0.0, kCloseAhead);
  if (!blocked(0.0, ahead)) return out;  // beside it: hold this course until the line is clear
  // The smallest shift that clears the way; once a side is chosen, keep it.
  for (double shift = kShiftStep; shift <= kMaxShift + 1e-9; shift += kShiftStep)
    for (const int side : {1, -1}) {
      if (side_ != 0 && side != side_) continue;
      if (blocked(side * shift, ahead)) continue;
      side_ = side;
      out.shift = side * shift;
      return out;
    }
  return out;  // nothing clear within reach: creep on, the walker's feet find their way
}

}  // namespace locomotion
