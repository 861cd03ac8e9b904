// Where the referee lays the robot down again after a fall or a lane exit
// under rules with after_fall: last_point (the Xiaomi Cup's "restart from
// the fall spot or any already-passed point of the current segment"): on
// the route, at the current segment's start moved kRestartAhead along it so
// the whole lying body is past the start line, but never beyond the
// progress the run had made; heading along the route; on the highest
// walkable surface under the body (stones, bridge decks, else the floor).
// Pure: computed from the track data alone, so a re-simulation lays the
// robot at the same bits.
#pragma once

#include "simarena/track/field_course.h"

namespace simarena {

inline constexpr double kRestartAhead = 0.3;  // m: about half the lying body's length

struct RestartPlace {
  int segment = 0;  // 0-based
  double s = 0;     // m along the route
  double x = 0, y = 0;
  double ground = 0;   // m: the surface height under the body
  double heading = 0;  // rad from +x, the route's direction there
};

// `segment_start`: the route position of the segment's start line; `progress`:
// the best route position reached so far.
RestartPlace restart_place(const FieldCourse& course, int segment, double segment_start, double progress);

// The top of the walkable surface at (x, y): stones (solids that are not
// obstacles) and decks with their rise and bank; 0 (the floor) elsewhere.
double field_surface_height(const FieldCourse& course, Vec2 at);

}  // namespace simarena
