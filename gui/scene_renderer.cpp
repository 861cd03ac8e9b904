#include "scene_renderer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "sky_behind.h"
#include "unshadowed_geoms.h"

namespace simarena::gui {

SceneRenderer::SceneRenderer(const mjModel* model, int offscreen_width, int offscreen_height, const SceneLook& look)
    : look_(look), model_(mj_copyModel(nullptr, model)), data_(mj_makeData(model)) {
  if (offscreen_width > 0 && offscreen_height > 0) {
    model_->vis.global.offwidth = offscreen_width;
    model_->vis.global.offheight = offscreen_height;
  }
  restyle_for_broadcast(model_.get(), look_.options);
  mjv_defaultOption(&option_);
  mjv_defaultPerturb(&perturb_);
  mjv_defaultScene(&scene_);
  mjr_defaultContext(&context_);
  mjv_makeScene(model_.get(), &scene_, 4000);
  mjr_makeContext(model_.get(), &context_, mjFONTSCALE_100);
  if (offscreen_width > 0 && (context_.offWidth != offscreen_width || context_.offHeight != offscreen_height)) {
    mjr_freeContext(&context_);
    mjv_freeScene(&scene_);
    throw std::runtime_error("OpenGL cannot make a " + std::to_string(offscreen_width) + "x" +
                             std::to_string(offscreen_height) + " offscreen framebuffer");
  }
}

SceneRenderer::~SceneRenderer() {
  mjr_freeContext(&context_);
  mjv_freeScene(&scene_);
}

void SceneRenderer::render(const mjData* state, mjvCamera& camera, const RenderTarget& target, const Ghost* ghost) {
  draw(state, camera, target, ghost ? std::vector<const Ghost*>{ghost} : std::vector<const Ghost*>{});
}

void SceneRenderer::render(const mjData* state, mjvCamera& camera, const RenderTarget& target,
                           const std::vector<std::unique_ptr<Ghost>>& ghosts) {
  std::vector<const Ghost*> shown;
  for (const auto& ghost : ghosts) shown.push_back(ghost.get());
  draw(state, camera, target, shown);
}

void SceneRenderer::draw(const mjData* state, mjvCamera& camera, const RenderTarget& target,
                         const std::vector<const Ghost*>& ghosts) {
  mj_copyData(data_.get(), model_.get(), state);
  mjr_setBuffer(target.offscreen ? mjFB_OFFSCREEN : mjFB_WINDOW, &context_);
  mjv_updateScene(model_.get(), data_.get(), &option_, &perturb_, &camera, mjCAT_ALL, &scene_);
  const mjtNum* focus = look_.focus_body >= 0 ? data_->xpos + 3 * look_.focus_body : camera.lookat;
  dress_scene(model_.get(), scene_, look_.options, look_.track, focus);
  if (robot_marker_ && look_.focus_body >= 0) {
    constexpr float kMarkerRgba[4] = {1.0f, 0.85f, 0.1f, 1.0f};
    const double length = std::max(0.3, 0.035 * camera.distance);
    add_robot_marker(scene_, focus, kMarkerRgba, 0.25 + 0.5 * length, length);
  }
  unshadowed_.clear();
  for (size_t i = 0; i < ghosts.size(); ++i) add_ghost(*ghosts[i], i);
  mjr_render({0, 0, target.width, target.height}, &scene_, &context_);
  if (look_.options.preset == RenderPreset::fast) draw_sky_behind(scene_);
  draw_unshadowed(unshadowed_, scene_, context_);  // the ghosts, after the shadow pass
}

namespace {

bool same_robot_meshes(const mjModel* ghost, int ghost_root, const mjModel* here) {
  for (int g = 0; g < ghost->ngeom; ++g) {
    if (ghost->geom_type[g] != mjGEOM_MESH || ghost->body_rootid[ghost->geom_bodyid[g]] != ghost_root) continue;
    const int mesh = ghost->geom_dataid[g];
    const char* name = mj_id2name(ghost, mjOBJ_MESH, mesh);
    if (mesh >= here->nmesh || !name || mj_name2id(here, mjOBJ_MESH, name) != mesh) return false;
  }
  return true;
}

}  // namespace

void SceneRenderer::add_ghost(const Ghost& ghost, size_t index) {
  const mjModel* m = ghost.model();
  const int root = m->body_rootid[ghost.trunk_body()];
  if (ghost_slots_.size() <= index) ghost_slots_.resize(index + 1);
  GhostSlot& slot = ghost_slots_[index];
  if (m != slot.model) {
    slot.data.reset(mj_makeData(m));
    slot.model = m;
    slot.meshes_match = same_robot_meshes(m, root, model_.get());
  }
  mj_copyData(slot.data.get(), m, ghost.state());
  const int first = scene_.ngeom;
  mjv_addGeoms(m, slot.data.get(), &option_, &perturb_, mjCAT_DYNAMIC, &scene_);
  // Keep the robot's geoms (hurdle bars are dynamic too), in one flat
  // translucent colour so the ghost never passes for the real robot.
  // Its own colour (magenta for the first), never the live robot's.
  const float kGhostRgba[4] = {ghost.rgba()[0], ghost.rgba()[1], ghost.rgba()[2], 0.35f};
  for (int i = first; i < scene_.ngeom; ++i) {
    mjvGeom g = scene_.geoms[i];
    if (g.objtype != mjOBJ_GEOM || m->body_rootid[m->geom_bodyid[g.objid]] != root) continue;
    if (g.type == mjGEOM_MESH && !slot.meshes_match) continue;  // its meshes are not loaded here
    std::copy(kGhostRgba, kGhostRgba + 4, g.rgba);
    g.texid = -1;
    g.emission = 0.3f;
    g.reflectance = 0;
    g.transparent = 1;
    unshadowed_.push_back(g);
  }
  // A marker above it (the overlay writes the entry's name over it): the ghost is told apart even where it
  // covers the live robot.
  const float kMarkerRgba[4] = {ghost.rgba()[0], ghost.rgba()[1], ghost.rgba()[2], 0.9f};
  scene_.ngeom = first;
  add_robot_marker(scene_, slot.data->xpos + 3 * ghost.trunk_body(), kMarkerRgba, 0.35);
  if (scene_.ngeom > first) unshadowed_.push_back(scene_.geoms[first]);
  // None of it goes to mjr_render, whose shadow pass would let the ghost darken the ground.
  scene_.ngeom = first;
}

std::optional<std::array<float, 2>> SceneRenderer::project(const mjtNum point[3], int width, int height) const {
  const mjvGLCamera& cam = scene_.camera[0];
  const float v[3] = {static_cast<float>(point[0]) - cam.pos[0], static_cast<float>(point[1]) - cam.pos[1],
                      static_cast<float>(point[2]) - cam.pos[2]};
  const float* f = cam.forward;
  const float* u = cam.up;
  const float r[3] = {f[1] * u[2] - f[2] * u[1], f[2] * u[0] - f[0] * u[2], f[0] * u[1] - f[1] * u[0]};
  const float depth = v[0] * f[0] + v[1] * f[1] + v[2] * f[2];
  if (depth <= 1e-6f || height <= 0) return std::nullopt;
  const float half_height = (cam.frustum_top - cam.frustum_bottom) / 2;
  const float half_width = half_height * static_cast<float>(width) / static_cast<float>(height);
  const float x =
      ((v[0] * r[0] + v[1] * r[1] + v[2] * r[2]) / depth * cam.frustum_near - cam.frustum_center) / half_width;
  const float y = ((v[0] * u[0] + v[1] * u[1] + v[2] * u[2]) / depth * cam.frustum_near -
                   (cam.frustum_top + cam.frustum_bottom) / 2) /
                  half_height;
  return std::array<float, 2>{(x + 1) / 2 * static_cast<float>(width), (1 - y) / 2 * static_cast<float>(height)};
}

void SceneRenderer::replace_model(const mjModel* model) {
  mj_copyModel(model_.get(), model);                   // same sizes: copied in place, pointers stay valid
  restyle_for_broadcast(model_.get(), look_.options);  // the sky already on the GPU stays
  for (int i = 0; i < model_->nhfield; ++i) mjr_uploadHField(model_.get(), &context_, i);
}

std::vector<unsigned char> SceneRenderer::read_rgb(const RenderTarget& target) {
  const size_t row = 3 * static_cast<size_t>(target.width);
  std::vector<unsigned char> bottom_up(row * target.height);
  mjr_readPixels(bottom_up.data(), nullptr, {0, 0, target.width, target.height}, &context_);
  std::vector<unsigned char> top_down(bottom_up.size());
  for (int y = 0; y < target.height; ++y)
    std::memcpy(top_down.data() + row * y, bottom_up.data() + row * (target.height - 1 - y), row);
  return top_down;
}

}  // namespace simarena::gui
