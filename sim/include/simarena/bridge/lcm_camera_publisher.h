// The robot's cameras on the LCM bus, for `simarena bridge --cameras`:
// each asked-for camera rendered at its rate in simulated time, from the
// state of the tick (the same schedule and images as a plugin's
// simarena.camera, docs/cameras.md), published as simarena_camera_image_lcmt
// on channel "simarena_camera_<name>". Rendering reads the state and never
// writes it; publishing depends on simulated time alone, so a lockstep run
// publishes the same images in every run.
#pragma once

#include <cstdint>
#include <lcm/lcm-cpp.hpp>
#include <memory>
#include <string>
#include <vector>

#include "simarena/control/controller_interface.h"
#include "simarena/physics/robot_spec.h"

namespace simarena {

class CameraRenderer;

// Away from the robot's own ports (7667, 7669-7671): images are large, and
// a program that never asked for them should not have to receive them.
inline constexpr const char* kDefaultCameraUrl = "udpm://239.255.76.67:7672?ttl=255";

// The channel a camera's images go to.
std::string camera_channel(const std::string& camera_name);

class LcmCameraPublisher {
 public:
  // `names`: cameras of `robot` (robot.yaml's names). Throws InputError
  // naming --cameras for a name the robot does not have, and when no GL
  // context can be made; std::runtime_error when LCM cannot open `url`.
  LcmCameraPublisher(const RobotSpec& robot, const std::vector<std::string>& names, const std::string& url);
  ~LcmCameraPublisher();
  LcmCameraPublisher(const LcmCameraPublisher&) = delete;
  LcmCameraPublisher& operator=(const LcmCameraPublisher&) = delete;

  // Renders and publishes the cameras whose next frame is due at the view's
  // time (the first tick at or after each k / rate s). Call once per tick.
  void publish_due(const SimulatorView& view);
  uint64_t images_published() const { return published_; }

 private:
  struct Camera {
    int index;  // in the robot's cameras
    std::string channel;
    int64_t last_slot = -1;  // floor(t * rate) of the last image
    int32_t sequence = 0;
  };
  std::vector<CameraSpec> specs_;
  std::vector<Camera> cameras_;
  lcm::LCM lcm_;
  std::unique_ptr<CameraRenderer> renderer_;
  std::vector<float> depth_;
  uint64_t published_ = 0;
};

}  // namespace simarena
