#include "simarena/track/announcement_judge.h"

#include <cmath>
#include <cstdio>
#include <numbers>
#include <optional>
#include <variant>

namespace simarena {
namespace {

std::optional<RecognisedObject> kind_of(const ObjectShape& shape) {
  struct {
    std::optional<RecognisedObject> operator()(const Bottle&) const { return RecognisedObject::bottle; }
    std::optional<RecognisedObject> operator()(const HangingBall&) const { return RecognisedObject::orange_ball; }
    std::optional<RecognisedObject> operator()(const FreeBall&) const { return RecognisedObject::football; }
    std::optional<RecognisedObject> operator()(const LowBar&) const { return RecognisedObject::low_bar; }
    std::optional<RecognisedObject> operator()(const Cubes&) const { return RecognisedObject::cubes; }
    std::optional<RecognisedObject> operator()(const Goal&) const { return std::nullopt; }
  } visitor;
  return std::visit(visitor, shape);
}

// Where segment a-b crosses segment c-d, as the fraction along a-b; -1: it does not.
double crossing(Vec2 a, Vec2 b, Vec2 c, Vec2 d) {
  const double rx = b.x - a.x, ry = b.y - a.y, sx = d.x - c.x, sy = d.y - c.y;
  const double denominator = rx * sy - ry * sx;
  if (std::abs(denominator) < 1e-12) return -1;
  const double t = ((c.x - a.x) * sy - (c.y - a.y) * sx) / denominator;
  const double u = ((c.x - a.x) * ry - (c.y - a.y) * rx) / denominator;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? t : -1;
}

std::string said_text(RecognisedObject said, std::string_view words) {
  std::string text = std::string("said ") + recognised_object_name(said);
  if (!words.empty()) text += " (\"" + std::string(words) + "\")";
  return text;
}

}  // namespace

std::vector<AnnounceableObject> announceable_objects(const FieldCourse& course) {
  // Layout order (field_layout.h): fixed objects, every grid's balls, then
  // each tunnel's target items' objects and its obstacle items' objects.
  int index = static_cast<int>(course.objects.size());
  for (const BallGrid& grid : course.ball_grids) index += static_cast<int>(grid.row_y.size() * grid.column_x.size());
  std::vector<AnnounceableObject> out;
  for (const Tunnel& tunnel : course.tunnels)
    for (const auto* items : {&tunnel.targets, &tunnel.obstacles})
      for (const TunnelItem& item : *items)
        for (const FieldObject& object : item.objects) {
          if (const auto kind = kind_of(object.shape)) out.push_back({*kind, object.name, index});
          ++index;
        }
  return out;
}

AnnouncementJudge::AnnouncementJudge(const FieldCourse& course)
    : rule_(course.announcements), objects_(announceable_objects(course)) {
  end_line_ = course.segments.at(static_cast<size_t>(rule_.segment - 1)).end;
  passed_.assign(objects_.size(), false);
  announced_.assign(objects_.size(), false);
}

AnnouncementVerdict AnnouncementJudge::judge(double time, Vec2 at, double yaw, const std::vector<Vec2>& places,
                                             RecognisedObject said, std::string_view words) {
  const double half_angle = rule_.half_angle_deg * std::numbers::pi / 180;
  int nearest = -1;
  double nearest_distance = 0;
  for (size_t i = 0; i < objects_.size() && i < places.size(); ++i) {
    const double dx = places[i].x - at.x, dy = places[i].y - at.y;
    const double distance = std::hypot(dx, dy);
    const double off_heading = std::abs(std::remainder(std::atan2(dy, dx) - yaw, 2 * std::numbers::pi));
    if (distance > rule_.range || off_heading > half_angle) continue;
    if (nearest < 0 || distance < nearest_distance) {  // ties: the first listed
      nearest = static_cast<int>(i);
      nearest_distance = distance;
    }
  }
  AnnouncementVerdict v;
  v.time = time;
  v.object = nearest;
  char where[128];
  if (nearest < 0) {
    std::snprintf(where, sizeof(where), "; nothing announceable within %.2f m and %.0f deg ahead", rule_.range,
                  rule_.half_angle_deg);
    v.type = RefereeEventType::announcement_unmatched;
    v.detail = said_text(said, words) + where;
    return v;
  }
  const AnnounceableObject& object = objects_[static_cast<size_t>(nearest)];
  std::snprintf(where, sizeof(where), " %.2f m ahead", nearest_distance);
  if (object.kind == said) {
    v.type = RefereeEventType::announcement_right;
    v.detail = said_text(said, words) + ": right, " + object.name + where;
    announced_[static_cast<size_t>(nearest)] = true;
  } else {
    v.type = RefereeEventType::announcement_wrong;
    v.detail = said_text(said, words) + ": wrong, the object nearest ahead is " + object.name + " (" +
               recognised_object_name(object.kind) + ")" + where;
  }
  return v;
}

std::vector<AnnouncementVerdict> AnnouncementJudge::moved(double t0, Vec2 from, double t1, Vec2 to,
                                                          const std::vector<Vec2>& places) {
  std::vector<AnnouncementVerdict> out;
  if (segment_over_) return out;
  for (size_t i = 0; i < objects_.size() && i < places.size(); ++i)
    if (std::hypot(places[i].x - to.x, places[i].y - to.y) <= rule_.range) passed_[i] = true;
  const double fraction = crossing(from, to, end_line_[0], end_line_[1]);
  if (fraction < 0) return out;
  segment_over_ = true;
  const double time = t0 + fraction * (t1 - t0);
  for (size_t i = 0; i < objects_.size(); ++i)
    if (passed_[i] && !announced_[i])
      out.push_back({time, RefereeEventType::announcement_missing, static_cast<int>(i),
                     objects_[i].name + " (" + recognised_object_name(objects_[i].kind) +
                         ") passed without a right announcement"});
  return out;
}

}  // namespace simarena
