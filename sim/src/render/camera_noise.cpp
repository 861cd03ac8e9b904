#include "simarena/render/camera_noise.h"

#include <algorithm>
#include <cmath>

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

}  // namespace

void add_camera_noise(const CameraSpec& camera, uint32_t sequence, unsigned char* pixels) {
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

}  // namespace simarena
