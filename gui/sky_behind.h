// The fast preset's sky: the skybox's gradient drawn after MuJoCo's render,
// blended under what it drew (destination alpha: 0 where no geom is, 1 on
// opaque geoms, between behind translucent ones), as a dome of coloured
// vertices around the camera. MuJoCo's own skybox is a screen-filling
// cylinder sampled from a cube map at every pixel, depth-tested against the
// whole scene: about 5 ms of llvmpipe's time per 1080p frame. The colours are
// the same; only the way they fall above 45 degrees differs (one blue
// instead of the cube's top face).
#pragma once

#include <mujoco/mujoco.h>

namespace simarena::gui {

// Needs the OpenGL state mjr_render() leaves (its camera's matrices, the
// framebuffer it drew into); leaves it as found.
void draw_sky_behind(const mjvScene& scene);

}  // namespace simarena::gui
