// What the robot sees, for `simarena view --camera robot:<name>` with
// --record or --screenshot and for the window's inset (camera_inset.h): the
// robot's own camera (robot.yaml's, rendered
// by the core's CameraRenderer exactly as a controller gets it) from the
// shown state, live or re-simulated from a replay. Depth images are shown
// grey: near is bright, no reading is black.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "shown_run.h"
#include "simarena/render/camera_renderer.h"

namespace simarena::gui {

// "robot:<name>" names a robot camera.
bool is_robot_camera(const std::string& camera_option);

class RobotCameraView {
 public:
  // Throws InputError naming the option and listing the robot's cameras
  // when `camera_option` names none; std::runtime_error without GL.
  RobotCameraView(const World& world, const std::string& camera_option);
  // Camera `index` of the world's robot (in range); std::runtime_error without GL.
  RobotCameraView(const World& world, int index);

  // Another camera of the same robot (in range), on the same renderer.
  void select(const World& world, int index);

  int width() const { return spec_.width; }
  int height() const { return spec_.height; }
  const CameraSpec& spec() const { return spec_; }
  // RGB rows top to bottom of the camera's image of `run`'s shown state.
  std::vector<unsigned char> rgb(const ShownRun& run);

 private:
  CameraSpec spec_;
  int index_ = -1;
  CameraRenderer renderer_;
};

}  // namespace simarena::gui
