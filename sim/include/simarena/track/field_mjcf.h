// The MJCF of a field course (field_course.h) for one run's seed, appended
// to the track's scene. Names the referee's probe relies on:
//   mark_field_*         painted lines (visual: contype 0), finish circle
//   field_solid_<i>      stones and other walkable solids (ground)
//   field_deck_<i>       bridge planks (ground)
//   obstacle_*           static obstacles (low bars, cubes, goals, solids marked obstacle): not ground
//   field_object_<k>     the body of layout object k (FieldLayout::objects order): hanging balls
//                        (ball joint field_object_<k>), free balls and bottles (free joint field_object_<k>)
#pragma once

#include <cstdint>
#include <string_view>

#include "simarena/physics/scene_mjcf.h"
#include "simarena/track/field_layout.h"

namespace simarena {

inline constexpr std::string_view kObstaclePrefix = "obstacle_";
inline constexpr std::string_view kFieldObjectPrefix = "field_object_";

// Appends the field's geoms and bodies to `arena` (worldbody, source_lines).
void append_field_course(const FieldCourse& course, const FieldLayout& layout, SceneMjcf& arena);

}  // namespace simarena
