#include "simarena/track/field_restart.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "simarena/track/course_path.h"

namespace simarena {

double field_surface_height(const FieldCourse& course, Vec2 at) {
  double top = 0;
  for (const SolidBox& box : course.solids) {
    if (box.obstacle) continue;
    const double yaw = box.yaw_deg * std::numbers::pi / 180;
    const double dx = at.x - box.at.x, dy = at.y - box.at.y;
    const double along = dx * std::cos(yaw) + dy * std::sin(yaw), across = -dx * std::sin(yaw) + dy * std::cos(yaw);
    if (std::abs(along) <= box.size[0] / 2 && std::abs(across) <= box.size[1] / 2) top = std::max(top, box.size[2]);
  }
  for (const Deck& deck : course.decks) {
    const double ux = deck.to.x - deck.from.x, uy = deck.to.y - deck.from.y, length = std::hypot(ux, uy);
    if (length <= 0) continue;
    const double dx = at.x - deck.from.x, dy = at.y - deck.from.y;
    const double t = (dx * ux + dy * uy) / (length * length);
    const double left = (-dx * uy + dy * ux) / length;  // m to the left of the centre line
    if (t < 0 || t > 1 || std::abs(left) > deck.width / 2) continue;
    top = std::max(top, deck.height_from + t * (deck.height_to - deck.height_from) + deck.bank * left / deck.width);
  }
  return top;
}

RestartPlace restart_place(const FieldCourse& course, int segment, double segment_start, double progress) {
  RestartPlace place;
  place.segment = segment;
  place.s = std::max(segment_start, std::min(segment_start + kRestartAhead, progress));
  const PathPose pose = point_on_path(course.path, place.s);
  place.x = pose.at.x;
  place.y = pose.at.y;
  place.heading = pose.heading;
  // The highest surface under the body's length and width: it is laid on top, never into it.
  const double c = std::cos(pose.heading), s = std::sin(pose.heading);
  for (const double along : {-0.3, 0.0, 0.3})
    for (const double across : {-0.12, 0.0, 0.12})
      place.ground =
          std::max(place.ground,
                   field_surface_height(course, {place.x + along * c - across * s, place.y + along * s + across * c}));
  return place;
}

}  // namespace simarena
