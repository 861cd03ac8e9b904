#include "scene_renderer.h"

#include <cstring>
#include <stdexcept>

namespace simarena::gui {

SceneRenderer::SceneRenderer(const mjModel* model, int offscreen_width, int offscreen_height)
    : model_(mj_copyModel(nullptr, model)), data_(mj_makeData(model)) {
  if (offscreen_width > 0 && offscreen_height > 0) {
    model_->vis.global.offwidth = offscreen_width;
    model_->vis.global.offheight = offscreen_height;
  }
  model_->vis.quality.shadowsize = 4096;
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

void SceneRenderer::render(const mjData* state, mjvCamera& camera, const RenderTarget& target) {
  mj_copyData(data_.get(), model_.get(), state);
  mjr_setBuffer(target.offscreen ? mjFB_OFFSCREEN : mjFB_WINDOW, &context_);
  mjv_updateScene(model_.get(), data_.get(), &option_, &perturb_, &camera, mjCAT_ALL, &scene_);
  mjr_render({0, 0, target.width, target.height}, &scene_, &context_);
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
