// Progress along a field course's route: the arc length of the route point
// nearest the robot, searched only within a window around the progress so
// far, so a shortcut to a later part of the route gains nothing until the
// robot follows the route there (and a channel walked up and back down
// counts both ways: ties go to the later point).
#pragma once

#include <vector>

#include "simarena/track/field_course.h"

namespace simarena {

inline constexpr double kPathWindow = 1.0;    // m either side of the progress so far
inline constexpr double kPathCorridor = 2.5;  // m: farther from the route than this, the body is not along it

struct PathPoint {
  double s = 0;         // m along the path
  double distance = 0;  // m from the located point to the body
};

double path_length(const std::vector<Vec2>& path);

// The point of `path` nearest (x, y) among those with arc length in
// [lo, hi]. The first leg extends backward (s < 0 before the start) and the
// last one forward (s > length past the end).
PathPoint locate_on_path(const std::vector<Vec2>& path, double x, double y, double lo, double hi);

// The point at arc length `s` (clamped to the path) and the path's heading
// there (rad from +x), the leg's ahead of it at a corner.
struct PathPose {
  Vec2 at;
  double heading = 0;
};
PathPose point_on_path(const std::vector<Vec2>& path, double s);

// The first corner of `path` (a vertex) more than `reach` ahead of arc
// length `s`, and the heading of the leg leading into it (the first corner:
// leaving it); index -1 past the last. The gates of a field course's course
// information: a controller holds the line of that leg.
struct RouteCorner {
  int index = -1;
  PathPose pose;
};
RouteCorner next_route_corner(const std::vector<Vec2>& path, double s, double reach);

}  // namespace simarena
