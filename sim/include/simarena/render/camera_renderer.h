// Renders the robot's cameras offscreen with MuJoCo's renderer (mjv/mjr)
// into plain pixel buffers: RGB8 rows top first, or depth in metres along
// the optical axis. Reads the simulation state and never writes it. The
// same build, model and state give the same bytes: a fixed mjvOption and
// scene flags, no multisampling, no wall clock (docs/cameras.md).
#pragma once

#include <mujoco/mujoco.h>

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "simarena/physics/mujoco_handles.h"
#include "simarena/physics/robot_spec.h"
#include "simarena/render/egl_context.h"

namespace simarena {

class World;

// A camera's pinhole intrinsics in pixels, pixel centres at whole numbers
// (OpenCV's convention), square pixels: from the MJCF camera's fovy.
struct CameraIntrinsics {
  double fx = 0, fy = 0, cx = 0, cy = 0;
};
CameraIntrinsics camera_intrinsics(const CameraSpec& camera, double fovy_degrees);

// Bytes of one image of `camera`: width * height * 3 (RGB8) or * 4 (float depth).
size_t camera_image_bytes(const CameraSpec& camera);

// All GL work happens on the renderer's own thread, where its EGL context
// stays current: the caller's thread keeps whatever context it has (the
// viewer's window or offscreen one). Each call waits for its work, so
// rendering stays a plain function of the state passed in.
class CameraRenderer {
 public:
  // Owns an EGL surfaceless context of its own; throws std::runtime_error
  // saying why when none can be made (no EGL, no Mesa).
  CameraRenderer();
  ~CameraRenderer();
  CameraRenderer(const CameraRenderer&) = delete;
  CameraRenderer& operator=(const CameraRenderer&) = delete;

  // Prepares the scene of `world` (once; later calls with the same world do
  // nothing). The robot's cameras must be in its model (World::build checks).
  void prepare(const World& world);
  // Renders camera `index` of the world's robot from state `data` into
  // `out` (camera_image_bytes of it).
  void render(const mjData* data, int index, void* out);
  CameraIntrinsics intrinsics(int index) const;

 private:
  struct Scene;
  // Runs `work` on the GL thread and waits; rethrows what it threw.
  void on_gl_thread(const std::function<void()>& work);
  void serve();
  void render_here(const mjData* data, int index, void* out);

  std::mutex mutex_;
  std::condition_variable changed_;
  const std::function<void()>* work_ = nullptr;  // the pending work, or null
  bool done_ = false, stopping_ = false;
  std::exception_ptr failure_;
  std::unique_ptr<EglSurfacelessContext> context_;  // made, used and destroyed on the GL thread
  std::unique_ptr<Scene> scene_;
  std::thread thread_;  // last: starts once the rest is in place
};

}  // namespace simarena
