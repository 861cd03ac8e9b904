#include "camera_feed.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "simarena/base/input_error.h"
#include "simarena/physics/world.h"
#include "simarena/render/camera_noise.h"
#include "simarena/render/camera_renderer.h"
#include "simarena/render/camera_schedule.h"

namespace simarena {
size_t CameraFeed::lay_out(const RobotSpec& robot, extensions::CameraShelf& shelf) {
  shelf = {};
  size_t bytes = 0;
  for (const CameraSpec& camera : robot.cameras) {
    if (shelf.count == SIMARENA_CAMERAS_MAX) break;  // load_robot_spec refuses more
    extensions::CameraSlot& slot = shelf.slots[shelf.count++];
    std::snprintf(slot.name, sizeof(slot.name), "%s", camera.name.c_str());
    const bool rgb = camera.kind == CameraKind::rgb;
    slot.format = rgb ? SIMARENA_PIXELS_RGB8 : SIMARENA_PIXELS_DEPTH_F32;
    slot.width = camera.width;
    slot.height = camera.height;
    slot.stride = camera.width * (rgb ? 3 : static_cast<int>(sizeof(float)));
    slot.offset = bytes;
    slot.bytes = camera_image_bytes(camera);
    slot.min_range = camera.near;
    slot.max_range = camera.far;
    bytes += extensions::page_rounded(slot.bytes);
  }
  return bytes;
}

CameraFeed::CameraFeed(const RobotSpec& robot, extensions::CameraShelf& shelf, const std::string& where)
    : specs_(robot.cameras), shelf_(shelf) {
  extensions::CameraShelf layout;
  lay_out(robot, layout);  // our own copy of where images go: the shelf may be the plugin's memory too
  std::string opened;
  for (int i = 0; i < layout.count; ++i) {
    if (shelf.slots[i].opened != 1) continue;
    cameras_.push_back({i, static_cast<size_t>(layout.slots[i].offset)});
    opened += (opened.empty() ? "'" : ", '") + robot.cameras[static_cast<size_t>(i)].name + "'";
  }
  if (cameras_.empty()) return;
  try {
    renderer_ = std::make_unique<CameraRenderer>();
  } catch (const std::exception& e) {
    throw InputError(where, "the controller opened camera " + opened +
                                "; cameras need an OpenGL context, which this machine cannot make: " + e.what() +
                                ". Install Mesa's EGL (Debian: libegl1 libegl-mesa0 libgl1-mesa-dri, as "
                                "scripts/setup does), or run a controller that opens no camera");
  }
}

CameraFeed::~CameraFeed() = default;

void CameraFeed::capture(const SimulatorView& view) {
  if (!renderer_ || view.world == nullptr || view.data == nullptr || pixels_ == nullptr) return;
  renderer_->prepare(*view.world);
  for (Camera& c : cameras_) {
    const CameraSpec& spec = specs_[static_cast<size_t>(c.index)];
    if (!camera_due(view.time, spec.rate, c.last_slot)) continue;
    renderer_->render(view.data, c.index, pixels_ + c.offset);
    if (spec.noise_stddev > 0) add_camera_noise(spec, c.sequence + 1, pixels_ + c.offset);
    const CameraIntrinsics k = renderer_->intrinsics(c.index);
    extensions::CameraSlot& out = shelf_.slots[c.index];
    out.sequence = ++c.sequence;
    out.capture_time = view.time;
    out.fx = k.fx;
    out.fy = k.fy;
    out.cx = k.cx;
    out.cy = k.cy;
  }
}

}  // namespace simarena
