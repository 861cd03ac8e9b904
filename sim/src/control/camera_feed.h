// The simulator's side of simarena.camera: lays the robot's cameras out on
// a shelf (extensions/camera_shelf.h) before a plugin attaches, and, for the
// cameras it opened, renders each at its rate in simulated time into the
// shelf before the step that should see it. Used by the in-process host
// and the sandboxed one alike; the renderer (and its GL context) exists
// only when the plugin opened a camera.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "extensions/camera_shelf.h"
#include "simarena/control/controller_interface.h"
#include "simarena/physics/robot_spec.h"

namespace simarena {

class CameraRenderer;

class CameraFeed {
 public:
  // Fills `shelf` with the robot's cameras (names, formats, sizes, where
  // each image goes) and returns the bytes the pixel area needs.
  static size_t lay_out(const RobotSpec& robot, extensions::CameraShelf& shelf);

  // After attach: reads which cameras the plugin opened (its host's marks,
  // read once as yes or no). When it opened any, makes the renderer; throws
  // InputError naming `where` when no GL context can be made.
  CameraFeed(const RobotSpec& robot, extensions::CameraShelf& shelf, const std::string& where);
  ~CameraFeed();
  CameraFeed(const CameraFeed&) = delete;
  CameraFeed& operator=(const CameraFeed&) = delete;

  bool active() const { return renderer_ != nullptr; }
  // Where images go: the pixel area of lay_out's size (set before capture).
  void set_pixels(unsigned char* pixels) { pixels_ = pixels; }
  // Renders the opened cameras whose next frame is due at the view's time,
  // from the view's state, into the shelf and the pixel area.
  void capture(const SimulatorView& view);

 private:
  struct Camera {
    int index;  // in the robot's cameras and the shelf
    size_t offset;
    int64_t last_slot = -1;  // frame slot (floor(t * rate)) of the last image
    uint32_t sequence = 0;
  };
  std::vector<CameraSpec> specs_;  // the robot's cameras
  extensions::CameraShelf& shelf_;
  std::vector<Camera> cameras_;
  unsigned char* pixels_ = nullptr;
  std::unique_ptr<CameraRenderer> renderer_;
};

}  // namespace simarena
