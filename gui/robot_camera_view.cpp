#include "robot_camera_view.h"

#include <algorithm>
#include <cmath>

#include "simarena/base/input_error.h"
#include "simarena/physics/world.h"

namespace simarena::gui {

namespace {
constexpr const char* kPrefix = "robot:";
}

bool is_robot_camera(const std::string& camera_option) { return camera_option.rfind(kPrefix, 0) == 0; }

RobotCameraView::RobotCameraView(const World& world, int index)
    : spec_(world.robot().cameras.at(static_cast<size_t>(index))), index_(index) {
  renderer_.prepare(world);
}

void RobotCameraView::select(const World& world, int index) {
  spec_ = world.robot().cameras.at(static_cast<size_t>(index));
  index_ = index;
}

RobotCameraView::RobotCameraView(const World& world, const std::string& camera_option) {
  const std::string name = camera_option.substr(std::string(kPrefix).size());
  const auto& cameras = world.robot().cameras;
  std::string names;
  for (size_t i = 0; i < cameras.size(); ++i) {
    names += (names.empty() ? "robot:" : ", robot:") + cameras[i].name;
    if (cameras[i].name == name) index_ = static_cast<int>(i);
  }
  if (index_ < 0)
    throw InputError("--camera " + camera_option,
                     "robot '" + world.robot().name + "' has no camera '" + name + "'" +
                         (names.empty() ? std::string(" (it has none)") : "; it has " + names));
  spec_ = cameras[static_cast<size_t>(index_)];
  renderer_.prepare(world);
}

std::vector<unsigned char> RobotCameraView::rgb(const ShownRun& run) {
  renderer_.prepare(run.world());
  const size_t pixels = static_cast<size_t>(spec_.width) * static_cast<size_t>(spec_.height);
  if (spec_.kind == CameraKind::rgb) {
    std::vector<unsigned char> image(pixels * 3);
    renderer_.render(run.display_state(), index_, image.data());
    return image;
  }
  std::vector<float> depth(pixels);
  renderer_.render(run.display_state(), index_, depth.data());
  std::vector<unsigned char> image(pixels * 3);
  // Inverse depth: the near range gets most of the grey levels.
  const double near = spec_.near;
  for (size_t i = 0; i < pixels; ++i) {
    const double z = depth[i];
    const auto grey = static_cast<unsigned char>(z > 0 ? std::lround(std::clamp(255.0 * near / z, 16.0, 255.0)) : 0);
    image[3 * i] = image[3 * i + 1] = image[3 * i + 2] = grey;
  }
  return image;
}

}  // namespace simarena::gui
