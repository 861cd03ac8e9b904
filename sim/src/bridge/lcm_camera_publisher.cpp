#include "simarena/bridge/lcm_camera_publisher.h"

#include <algorithm>
#include <cmath>
#include <simarena_camera_image_lcmt.hpp>
#include <stdexcept>

#include "simarena/base/input_error.h"
#include "simarena/base/messages.h"
#include "simarena/bridge/lcm_transport.h"
#include "simarena/physics/world.h"
#include "simarena/render/camera_noise.h"
#include "simarena/render/camera_renderer.h"
#include "simarena/render/camera_schedule.h"

namespace simarena {
namespace {

// Millimetres in uint16, little-endian whatever the host: 0 stays "no
// reading", beyond 65.535 m saturates (no camera's range reaches that).
void depth16(const std::vector<float>& metres, std::vector<uint8_t>& out) {
  out.resize(metres.size() * 2);
  for (size_t i = 0; i < metres.size(); ++i) {
    const auto mm = static_cast<uint16_t>(std::min(std::lround(static_cast<double>(metres[i]) * 1000.0), 65535L));
    out[2 * i] = static_cast<uint8_t>(mm & 0xff);
    out[2 * i + 1] = static_cast<uint8_t>(mm >> 8);
  }
}

}  // namespace

std::string camera_channel(const std::string& camera_name) { return "simarena_camera_" + camera_name; }

LcmCameraPublisher::LcmCameraPublisher(const RobotSpec& robot, const std::vector<std::string>& names,
                                       const std::string& url)
    : specs_(robot.cameras), lcm_(url) {
  std::string all;
  for (const CameraSpec& camera : robot.cameras) all += (all.empty() ? "" : ", ") + camera.name;
  for (const std::string& name : names) {
    const auto found = std::find_if(specs_.begin(), specs_.end(), [&](const CameraSpec& c) { return c.name == name; });
    if (found == specs_.end())
      throw InputError("--cameras " + name, tr_noop("robot '%s' has no camera '%s'; its cameras: %s"), robot.name, name,
                       all.empty() ? std::string("none") : all);
    const int index = static_cast<int>(found - specs_.begin());
    if (std::none_of(cameras_.begin(), cameras_.end(), [&](const Camera& c) { return c.index == index; }))
      cameras_.push_back({index, camera_channel(name)});
  }
  check_lcm_open(lcm_, url);
  if (cameras_.empty()) return;
  try {
    renderer_ = std::make_unique<CameraRenderer>();
  } catch (const std::exception& e) {
    throw InputError("--cameras",
                     tr_noop("cameras need an OpenGL context, which this machine cannot make: %s. Install Mesa's EGL "
                             "(Debian: libegl1 libegl-mesa0 libgl1-mesa-dri, as scripts/setup does), or leave out "
                             "--cameras"),
                     std::string(e.what()));
  }
}

LcmCameraPublisher::~LcmCameraPublisher() = default;

void LcmCameraPublisher::publish_due(const SimulatorView& view) {
  if (!renderer_ || view.world == nullptr || view.data == nullptr) return;
  renderer_->prepare(*view.world);
  for (Camera& c : cameras_) {
    const CameraSpec& spec = specs_[static_cast<size_t>(c.index)];
    if (!camera_due(view.time, spec.rate, c.last_slot)) continue;  // the plugins' schedule
    simarena_camera_image_lcmt image;
    const size_t pixels = static_cast<size_t>(spec.width) * static_cast<size_t>(spec.height);
    if (spec.kind == CameraKind::rgb) {
      image.data.resize(pixels * 3);
      renderer_->render(view.data, c.index, image.data.data());
      if (spec.noise_stddev > 0) add_camera_noise(spec, static_cast<uint32_t>(c.sequence + 1), image.data.data());
      image.encoding = "rgb8";
      image.step = spec.width * 3;
    } else {
      depth_.resize(pixels);
      renderer_->render(view.data, c.index, depth_.data());
      if (spec.noise_stddev > 0)
        add_camera_noise(spec, static_cast<uint32_t>(c.sequence + 1), reinterpret_cast<unsigned char*>(depth_.data()));
      depth16(depth_, image.data);
      image.encoding = "depth16";
      image.step = spec.width * 2;
    }
    const CameraIntrinsics k = renderer_->intrinsics(c.index);
    image.timestamp = std::llround(view.time * 1e6);
    image.sequence = ++c.sequence;
    image.camera = spec.name;
    image.width = spec.width;
    image.height = spec.height;
    image.fx = k.fx;
    image.fy = k.fy;
    image.cx = k.cx;
    image.cy = k.cy;
    image.min_range = static_cast<float>(spec.near);
    image.max_range = static_cast<float>(spec.far);
    image.data_size = static_cast<int32_t>(image.data.size());
    if (lcm_.publish(c.channel, &image) != 0) throw std::runtime_error("LCM: publishing on '" + c.channel + "' failed");
    ++published_;
  }
}

}  // namespace simarena
