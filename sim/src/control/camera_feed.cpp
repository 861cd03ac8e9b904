#include "camera_feed.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "simarena/base/input_error.h"
#include "simarena/physics/world.h"
#include "simarena/render/camera_renderer.h"

namespace simarena {
namespace {

// splitmix64: a portable, seedable stream (no std:: distribution, whose
// numbers differ between standard libraries).
uint64_t next_random(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Gaussian noise (Box-Muller) on every pixel of one image: seeded by the
// camera's seed and the image's sequence number, so images are the same
// in every run and the noise of one image never depends on another's.
void add_noise(const CameraSpec& camera, uint32_t sequence, unsigned char* pixels) {
  uint64_t state = camera.noise_seed * 0x100000001B3ull + sequence;
  const size_t count =
      static_cast<size_t>(camera.width) * static_cast<size_t>(camera.height) * (camera.kind == CameraKind::rgb ? 3 : 1);
  auto* depth = reinterpret_cast<float*>(pixels);
  for (size_t i = 0; i < count; ++i) {
    const double u1 = (static_cast<double>(next_random(state) >> 11) + 1.0) / 9007199254740993.0;
    const double u2 = static_cast<double>(next_random(state) >> 11) / 9007199254740992.0;
    const double g = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.141592653589793 * u2) * camera.noise_stddev;
    if (camera.kind == CameraKind::rgb) {
      pixels[i] = static_cast<unsigned char>(std::clamp(std::lround(pixels[i] + g), 0L, 255L));
    } else if (depth[i] > 0) {
      const double z = depth[i] * (1.0 + g);
      depth[i] = z < camera.near || z > camera.far ? 0.0f : static_cast<float>(z);
    }
  }
}

}  // namespace

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
  // Match time is ticks times the control period: exact enough that the
  // slot of a tick never depends on rounding (1e-9 s of slack).
  for (Camera& c : cameras_) {
    const CameraSpec& spec = specs_[static_cast<size_t>(c.index)];
    const auto slot = static_cast<int64_t>(std::floor(view.time * spec.rate + 1e-9));
    if (slot == c.last_slot) continue;
    c.last_slot = slot;
    renderer_->render(view.data, c.index, pixels_ + c.offset);
    if (spec.noise_stddev > 0) add_noise(spec, c.sequence + 1, pixels_ + c.offset);
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
