// Where the robot's camera images wait for a plugin: a fixed table of
// camera slots (the shelf) and one pixel area, in the in-process host's
// memory or in the sandbox's shared memory after the channel. The
// simulator lays the shelf out before the plugin loads and writes images
// into it before a step; the plugin's host (PluginServices) marks the
// cameras the plugin opens and hands the images out. Header-only: the
// sandbox's guest host uses it too.
#pragma once

#include <simarena/controller.h>

#include <cstddef>
#include <cstdint>

namespace simarena::extensions {

struct CameraSlot {
  char name[64];   // NUL-terminated
  int32_t format;  // SIMARENA_PIXELS_*
  int32_t width, height, stride;
  uint64_t offset;  // of the image in the pixel area
  uint64_t bytes;   // height * stride
  double min_range, max_range;
  // Written by the plugin's host: 1 when the plugin opened the camera in
  // attach (the plugin's word: the simulator only reads it as a yes/no).
  uint32_t opened;
  // Written by the simulator with each image.
  uint32_t sequence;  // images so far, 0 before the first
  double capture_time;
  double fx, fy, cx, cy;
};

struct CameraShelf {
  int32_t count;  // slots in use
  CameraSlot slots[SIMARENA_CAMERAS_MAX];
};

// The pixel area starts this far into the sandbox's shared memory, page
// aligned after the channel.
inline constexpr size_t kPageBytes = 4096;
inline constexpr size_t page_rounded(size_t bytes) { return (bytes + kPageBytes - 1) / kPageBytes * kPageBytes; }

}  // namespace simarena::extensions
