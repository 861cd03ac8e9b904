// Where a field course's announceable objects (announcement_judge.h) are in
// a run's physics state, so a kicked football or a knocked bottle is judged
// where it lies. Each is found by the names field_mjcf.h gives its layout
// object (field_object_<k>_* geoms, obstacle_<k>_* for static ones) and
// placed at the mean of its geoms' centres.
#pragma once

#include <mujoco/mujoco.h>

#include <vector>

#include "simarena/track/announcement_judge.h"

namespace simarena {

class ObjectPlaces {
 public:
  // Throws std::runtime_error when an object has no geom in `model` (a
  // world not built from the course).
  ObjectPlaces(const mjModel* model, const std::vector<AnnounceableObject>& objects);

  // x y of each object, in the objects' order.
  std::vector<Vec2> places(const mjData* data) const;

 private:
  std::vector<std::vector<int>> geoms_;  // per object
};

}  // namespace simarena
