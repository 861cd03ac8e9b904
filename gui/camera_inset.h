// The robot's camera as a picture-in-picture inset in the viewer (key I):
// off, then each camera of robot.yaml's `cameras:` in turn, then off again.
// The image comes from the core's CameraRenderer, as a controller gets it
// (depth shown grey, robot_camera_view.h), rendered from the shown state in
// a GL context of its own; it reads the state and never writes it, so what
// is simulated is the same with the inset on or off. A replay re-renders
// its camera views on demand: replays hold no images.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "robot_camera_view.h"
#include "shown_run.h"

namespace simarena::gui {

class CameraInset {
 public:
  CameraInset() = default;
  ~CameraInset();  // frees the texture: the viewer's GL context must be current
  CameraInset(const CameraInset&) = delete;
  CameraInset& operator=(const CameraInset&) = delete;

  // The next camera of the robot of `run`, or off after the last.
  void cycle(const ShownRun& run);
  bool showing() const { return selected_ >= 0 || no_camera_; }

  // When showing: renews the image once per frame period of the camera in
  // simulated time (and whenever time jumps back or the world changes) and
  // draws the inset at the left edge below `top` (the overlay's top-left
  // panels; 0 without them), labelled with the camera's name. Needs the
  // viewer's GL context current and an ImGui frame begun.
  void draw(const ShownRun& run, float top, float scale);

 private:
  void upload(const std::vector<unsigned char>& rgb, int width, int height);

  int selected_ = -1;       // index in the robot's cameras; -1 off
  bool no_camera_ = false;  // cycled on a robot without cameras: says so
  std::unique_ptr<RobotCameraView> view_;
  std::string failure_;  // why there is no image (no GL for the cameras)
  unsigned texture_ = 0;
  int texture_width_ = 0, texture_height_ = 0;
  // What the image shows: which world, which frame slot (floor(t * rate)).
  const World* shown_world_ = nullptr;
  int64_t shown_slot_ = -1;
  double shown_time_ = -1;
};

}  // namespace simarena::gui
