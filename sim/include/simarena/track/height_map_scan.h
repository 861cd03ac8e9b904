// The local height map of assisted events (SimarenaCourseInfo.height_map):
// rays straight down onto the track's fixed ground, on a grid around the
// robot in its heading frame. Only the world body's geoms that take contact
// are ground (painted lines, the robot, movable hurdle bars and overhead
// bars are not), so the map shows what a foot can stand on. Same state, same
// bits.
#pragma once

#include <mujoco/mujoco.h>
#include <simarena/controller.h>

#include <array>
#include <vector>

#include "simarena/physics/world.h"

namespace simarena {

class HeightMapScan {
 public:
  explicit HeightMapScan(const World& world);

  // Fills info.height_map (and height_map_available) and
  // info.overhead_clearance for the base body's pose in `data`.
  void fill(const mjModel* model, const mjData* data, SimarenaCourseInfo& info) const;

  // Height of the fixed ground at world (x, y), looking down from `top`;
  // NaN when nothing lies between `top` and `bottom`.
  double ground_height(const mjModel* model, const mjData* data, double x, double y, double top, double bottom) const;

 private:
  struct GroundGeom {
    int id;
    std::array<double, 4> xy_box;  // x_min, x_max, y_min, y_max; planes: unbounded
  };
  // The lowest underside of an overhead geom above world (x, y), looking up
  // from `from`; NaN when none.
  double overhead_underside(const mjModel* model, const mjData* data, double x, double y, double from) const;

  int base_body_;
  std::vector<GroundGeom> ground_;
  std::vector<GroundGeom> overhead_;  // fixed, but too high to stand on (kOverhead)
};

}  // namespace simarena
