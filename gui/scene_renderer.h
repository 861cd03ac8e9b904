// MuJoCo's 3D view of a match: mjvScene + mjrContext (RAII) over a private
// copy of the model and of the displayed state, so drawing can never change
// what is simulated.
#pragma once

#include <mujoco/mujoco.h>

#include <array>
#include <memory>
#include <optional>
#include <vector>

#include "broadcast_look.h"
#include "ghost.h"
#include "simarena/physics/mujoco_handles.h"

namespace simarena::gui {

// Where a frame goes: the window's framebuffer or MuJoCo's offscreen one.
struct RenderTarget {
  bool offscreen = false;
  int width = 0, height = 0;  // pixels
};

// How the scene is dressed (broadcast_look.h): the preset, the track whose
// lane is painted (null: the flat arena's grid) and the body the sun's
// shadow follows (-1: none).
struct SceneLook {
  LookOptions options;
  const Track* track = nullptr;
  int focus_body = -1;
};

class SceneRenderer {
 public:
  // Needs a current OpenGL context. `offscreen_width/height` size MuJoCo's
  // offscreen framebuffer (0 = the model's own setting).
  SceneRenderer(const mjModel* model, int offscreen_width, int offscreen_height, const SceneLook& look = {});
  ~SceneRenderer();
  SceneRenderer(const SceneRenderer&) = delete;
  SceneRenderer& operator=(const SceneRenderer&) = delete;

  const mjModel* model() const { return model_.get(); }
  const mjvScene& scene() const { return scene_; }

  // Copies `state` (which must belong to a model of the same structure) and
  // draws it from `camera` into `target`, leaving that framebuffer bound for
  // anything drawn on top (the overlay). A `ghost` adds its robot (not its
  // track), translucent, at its own state.
  void render(const mjData* state, mjvCamera& camera, const RenderTarget& target, const Ghost* ghost = nullptr);
  // The same with every ghost, each in its own colour (Ghost::rgba).
  void render(const mjData* state, mjvCamera& camera, const RenderTarget& target,
              const std::vector<std::unique_ptr<Ghost>>& ghosts);

  // Marks the focus body with a marker sized for the camera's distance (the
  // overview, where the robot is a speck).
  void set_robot_marker(bool on) { robot_marker_ = on; }

  // Takes the model of a world rebuilt with another seed (same structure):
  // copies it in and re-uploads the heightfields the GPU holds.
  void replace_model(const mjModel* model);

  // Where `point` (world frame) fell in the last rendered `width` x `height`
  // picture, in pixels from the top left (outside it when out of view);
  // nothing when it is behind the camera.
  std::optional<std::array<float, 2>> project(const mjtNum point[3], int width, int height) const;

  // RGB, 3 bytes per pixel, rows top to bottom, of the target just rendered.
  std::vector<unsigned char> read_rgb(const RenderTarget& target);
  // The OpenGL framebuffer `target` is drawn in (0: the window's), to read
  // it as is: single-sampled offscreen (restyle_for_broadcast), so no resolve.
  unsigned framebuffer(const RenderTarget& target) const { return target.offscreen ? context_.offFBO : 0; }

 private:
  void draw(const mjData* state, mjvCamera& camera, const RenderTarget& target,
            const std::vector<const Ghost*>& ghosts);
  void add_ghost(const Ghost& ghost, size_t slot);

  SceneLook look_;
  bool robot_marker_ = false;
  ModelPtr model_;
  DataPtr data_;
  struct GhostSlot {
    const mjModel* model = nullptr;  // the ghost's, which data is made for
    DataPtr data;
    bool meshes_match = false;  // its robot's mesh ids name the same meshes here
  };
  std::vector<GhostSlot> ghost_slots_;  // one per ghost shown
  std::vector<mjvGeom> unshadowed_;     // the ghosts' geoms, drawn after mjr_render (unshadowed_geoms.h)
  mjvOption option_;
  mjvPerturb perturb_;
  mjvScene scene_;
  mjrContext context_;
};

}  // namespace simarena::gui
