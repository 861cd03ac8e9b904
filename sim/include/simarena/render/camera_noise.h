// A camera's optional seeded noise (robot.yaml's `noise: {stddev, seed}`),
// added to an image after rendering, the same wherever images go (the
// plugins' simarena.camera, the LCM bridge): Gaussian (Box-Muller) on every
// pixel, seeded by the camera's seed and the image's sequence number, so
// images are the same in every run and one image's noise never depends on
// another's (docs/cameras.md, "Determinism").
#pragma once

#include <cstdint>

#include "simarena/physics/robot_spec.h"

namespace simarena {

// `pixels`: one image of `camera` as CameraRenderer renders it (RGB8, or
// float depth in metres; noisy depth leaving the range becomes 0).
void add_camera_noise(const CameraSpec& camera, uint32_t sequence, unsigned char* pixels);

}  // namespace simarena
