// Translucent geoms drawn over a scene after mjr_render, outside MuJoCo's
// shadow pass, so they cast no shadow: MuJoCo 2.2's renderer draws every
// geom but lines into the sun's shadow map and has no per-geom switch. Used
// for ghosts: a ghost is not there, so it must not darken the ground.
#pragma once

#include <mujoco/mujoco.h>

#include <vector>

namespace simarena::gui {

// Draws `geoms` (boxes, spheres, ellipsoids, cylinders, capsules, arrows and
// the model's meshes) blended over what mjr_render just drew with `context`,
// depth-tested against it, lit by the scene's lights, as MuJoCo draws its
// translucent geoms (near to far, then far to near). Needs
// the state mjr_render leaves: its framebuffer, camera matrices and lights.
void draw_unshadowed(std::vector<mjvGeom>& geoms, const mjvScene& scene, const mjrContext& context);

}  // namespace simarena::gui
