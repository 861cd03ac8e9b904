#include "simarena/render/camera_renderer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <stdexcept>
#include <utility>

#include "simarena/physics/world.h"

namespace simarena {

CameraIntrinsics camera_intrinsics(const CameraSpec& camera, double fovy_degrees) {
  const double f = 0.5 * camera.height / std::tan(0.5 * fovy_degrees * std::numbers::pi / 180.0);
  return {f, f, 0.5 * camera.width - 0.5, 0.5 * camera.height - 0.5};
}

size_t camera_image_bytes(const CameraSpec& camera) {
  const size_t pixels = static_cast<size_t>(camera.width) * static_cast<size_t>(camera.height);
  return pixels * (camera.kind == CameraKind::rgb ? 3 : sizeof(float));
}

// MuJoCo's renderer state for one world: its own model copy (the clip
// planes are the model's, set per camera), scene and GL context objects.
struct CameraRenderer::Scene {
  const World* world = nullptr;
  ModelPtr model;
  std::vector<int> camera_ids;
  mjvOption option{};
  mjvPerturb perturb{};
  mjvScene scene{};
  mjrContext context{};
  std::vector<unsigned char> rgb;  // bottom row first, as GL reads it
  std::vector<float> depth;

  Scene(const World& w) : world(&w), model(mj_copyModel(nullptr, w.model())) {
    mjModel* m = model.get();
    int width = 1, height = 1;
    for (const CameraSpec& camera : w.robot().cameras) {
      const int id = mj_name2id(m, mjOBJ_CAMERA, camera.name.c_str());
      if (id < 0) throw std::runtime_error("camera '" + camera.name + "' is not in the model");
      camera_ids.push_back(id);
      width = std::max(width, camera.width);
      height = std::max(height, camera.height);
    }
    // One offscreen buffer fits every camera; no multisampling, so a pixel
    // is one sample of the scene (and cheaper with software GL).
    m->vis.global.offwidth = width;
    m->vis.global.offheight = height;
    m->vis.quality.offsamples = 0;
    mjv_defaultOption(&option);
    mjv_defaultPerturb(&perturb);
    mjv_defaultScene(&scene);
    mjr_defaultContext(&context);
    mjv_makeScene(m, &scene, 2000);
    mjr_makeContext(m, &context, mjFONTSCALE_50);
    if (context.offFBO == 0) {
      mjr_freeContext(&context);
      mjv_freeScene(&scene);
      throw std::runtime_error("MuJoCo could not make an offscreen framebuffer for the cameras");
    }
    // What a camera sees: no shadows or reflections (a cost with software
    // GL, and not what a robot's camera is about).
    scene.flags[mjRND_SHADOW] = 0;
    scene.flags[mjRND_REFLECTION] = 0;
    mjr_setBuffer(mjFB_OFFSCREEN, &context);
    rgb.resize(static_cast<size_t>(width) * height * 3);
    depth.resize(static_cast<size_t>(width) * height);
  }
  ~Scene() {
    mjr_freeContext(&context);
    mjv_freeScene(&scene);
  }
  Scene(const Scene&) = delete;
  Scene& operator=(const Scene&) = delete;
};

CameraRenderer::CameraRenderer() : thread_([this] { serve(); }) {
  try {
    on_gl_thread([this] { context_ = std::make_unique<EglSurfacelessContext>(); });
  } catch (...) {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
    throw;
  }
}

CameraRenderer::~CameraRenderer() {
  try {
    on_gl_thread([this] {
      scene_.reset();
      context_.reset();
    });
  } catch (...) {
  }
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void CameraRenderer::serve() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return work_ != nullptr || stopping_; });
    if (work_ == nullptr) return;
    try {
      (*work_)();
    } catch (...) {
      failure_ = std::current_exception();
    }
    work_ = nullptr;
    done_ = true;
    changed_.notify_all();
  }
}

void CameraRenderer::on_gl_thread(const std::function<void()>& work) {
  std::unique_lock lock(mutex_);
  work_ = &work;
  done_ = false;
  failure_ = nullptr;
  changed_.notify_all();
  changed_.wait(lock, [this] { return done_; });
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void CameraRenderer::prepare(const World& world) {
  if (scene_ && scene_->world == &world) return;
  on_gl_thread([&] {
    scene_.reset();
    scene_ = std::make_unique<Scene>(world);
  });
}

CameraIntrinsics CameraRenderer::intrinsics(int index) const {
  const CameraSpec& camera = scene_->world->robot().cameras.at(static_cast<size_t>(index));
  return camera_intrinsics(camera, scene_->model->cam_fovy[scene_->camera_ids[static_cast<size_t>(index)]]);
}

void CameraRenderer::render(const mjData* data, int index, void* out) {
  on_gl_thread([&] { render_here(data, index, out); });
}

void CameraRenderer::render_here(const mjData* data, int index, void* out) {
  Scene& s = *scene_;
  const CameraSpec& camera = s.world->robot().cameras.at(static_cast<size_t>(index));
  mjModel* m = s.model.get();
  // MuJoCo's clip planes are fractions of the model's extent.
  m->vis.map.znear = static_cast<float>(camera.near / m->stat.extent);
  m->vis.map.zfar = static_cast<float>(camera.far / m->stat.extent);
  mjvCamera view;
  mjv_defaultCamera(&view);
  view.type = mjCAMERA_FIXED;
  view.fixedcamid = s.camera_ids[static_cast<size_t>(index)];
  // mjv_updateScene reads the state; its mjData* is not const in MuJoCo 2.2.2.
  mjv_updateScene(m, const_cast<mjData*>(data), &s.option, &s.perturb, &view, mjCAT_ALL, &s.scene);
  const mjrRect viewport{0, 0, camera.width, camera.height};
  mjr_render(viewport, &s.scene, &s.context);
  const bool rgb = camera.kind == CameraKind::rgb;
  mjr_readPixels(rgb ? s.rgb.data() : nullptr, rgb ? nullptr : s.depth.data(), viewport, &s.context);
  const size_t w = static_cast<size_t>(camera.width), h = static_cast<size_t>(camera.height);
  if (rgb) {
    auto* to = static_cast<unsigned char*>(out);
    for (size_t row = 0; row < h; ++row) std::memcpy(to + row * w * 3, s.rgb.data() + (h - 1 - row) * w * 3, w * 3);
    return;
  }
  // The depth buffer holds d in [0, 1] of a perspective projection with
  // near n and far f (MuJoCo's mjr_readPixels): z = n f / (f - d (f - n)).
  // Computed in double from the clip planes MuJoCo used (stored as float).
  const double n = static_cast<double>(m->vis.map.znear) * m->stat.extent;
  const double f = static_cast<double>(m->vis.map.zfar) * m->stat.extent;
  auto* to = static_cast<float*>(out);
  for (size_t row = 0; row < h; ++row) {
    const float* from = s.depth.data() + (h - 1 - row) * w;
    for (size_t col = 0; col < w; ++col) {
      const double d = from[col];
      const double z = d >= 1.0 ? 0.0 : n * f / (f - d * (f - n));
      to[row * w + col] = z < camera.near || z > camera.far ? 0.0f : static_cast<float>(z);
    }
  }
}

}  // namespace simarena
