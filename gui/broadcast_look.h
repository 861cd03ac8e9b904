// The broadcast look of the 3D view: a sky, lit ground instead of a
// mirrored checkerboard, the course in event colours, lane markings, painted
// lines clear of the surface they lie on, crisp shadows near the robot.
// Everything here changes only the renderer's private copy of the model and
// the geoms of its mjvScene: the simulated model, the world's MJCF (and so
// every replay's world hash) and the physics never see it.
#pragma once

#include <mujoco/mujoco.h>

#include "simarena/track/track_spec.h"

namespace simarena::gui {

// How much the renderer draws: `fast` (no shadows or reflections, a sky
// drawn as a dome of coloured vertices: sky_behind.h, the infinite floor
// as a finite plane of few triangles; for quick videos) or `broadcast`
// (everything); `mirror_floor` keeps the floor's
// reflection (MJCF reflectance), which the broadcast look turns off.
enum class RenderPreset { broadcast, fast };

struct LookOptions {
  RenderPreset preset = RenderPreset::broadcast;
  bool mirror_floor = false;
};

// Restyles `render_model` (the renderer's copy; call before mjr_makeContext):
// the floor's checker texture becomes a sky gradient, the floor plain lit
// ground, the track's materials event colours, reflectance zero unless
// `mirror_floor`, shadows sized for the area around the robot; in the fast
// preset an infinite floor becomes a finite one reaching the far clip.
void restyle_for_broadcast(mjModel* render_model, const LookOptions& options);

// The sky's colour `t` of the way from the horizon (0) to the zenith (1).
void sky_colour(double t, float rgb[3]);

// Per frame, after mjv_updateScene: the render flags of the preset, the
// sun's shadow centred on `focus` (the trunk), the painted lines lifted off
// their surface as shadowless paint (their top faces only), and the lane
// markings of a course along x (none on a field course; `track` null: a
// faint metre grid on the flat arena).
void dress_scene(const mjModel* render_model, mjvScene& scene, const LookOptions& options, const Track* track,
                 const mjtNum focus[3]);

// A downward marker `height` above `at` (a trunk), `length` long, so a robot
// is found in a wide shot.
void add_robot_marker(mjvScene& scene, const mjtNum at[3], const float rgba[4], double height, double length = 0.3);

}  // namespace simarena::gui
