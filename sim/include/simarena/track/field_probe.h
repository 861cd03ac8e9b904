// Measures what the field judge (field_judge.h) needs from the physics
// state of a field course: where each foot is, how high its sole is and
// whether it stands on something; each field object's swing or tilt, its
// centre, and whether the robot touches it. Built once per model from the
// names field_mjcf.h gives (field_object_<k>, obstacle_<k>_*) and the
// robot's foot geoms (named *_foot).
#pragma once

#include <mujoco/mujoco.h>

#include <vector>

#include "simarena/track/field_judge.h"

namespace simarena {

class FieldProbe {
 public:
  FieldProbe(const mjModel* model, int base_body);

  FieldObservation observe(const mjModel* model, const mjData* data) const;

 private:
  struct Foot {
    int geom = -1;
    double radius = 0;
  };
  struct Object {
    int body = -1;
    int ball_qpos = -1;  // a hanging ball's joint; -1: a free body (tilt) or static (no body)
  };
  int base_body_;
  std::vector<Foot> feet_;
  std::vector<Object> objects_;   // per layout object
  std::vector<int> geom_object_;  // per geom: the layout object it belongs to, -1: none
};

}  // namespace simarena
