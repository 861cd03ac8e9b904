// How the viewer's broadcast camera frames a track: a `broadcast_camera:`
// block of the track file (docs/tracks.md, "Broadcast camera"). Viewer only:
// it is neither part of the world's MJCF nor of judging.
#pragma once

#include <array>

namespace simarena {

enum class BroadcastStyle {
  trackside,  // a low trackside shot list: wide on the start, a dolly beside the lane, wide on the finish
  follow,     // the robot from a fixed direction (azimuth, elevation, distance), e.g. from behind and above
  fixed,      // one fixed shot of `lookat`
};

struct BroadcastCamera {
  BroadcastStyle style = BroadcastStyle::trackside;
  double distance = 3.0;                     // m from the robot's trunk (trackside, follow) or from `lookat` (fixed)
  double azimuth_deg = 90;                   // heading the camera looks along (MuJoCo's azimuth; 90: along +y)
  double elevation_deg = -9;                 // below the horizon: negative
  std::array<double, 3> lookat = {0, 0, 0};  // fixed: the point looked at (m, world frame)
  int line = 0;                              // line of 'broadcast_camera:' in the track file, for messages
};

}  // namespace simarena
