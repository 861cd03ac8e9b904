// A track built with the CyberDog 2 into a MuJoCo world, probed by rays.
#pragma once

#include <cstdint>
#include <memory>

#include "simarena/physics/world.h"
#include "simarena/track/track_mjcf.h"
#include "test_helpers.h"

namespace simarena::test {

struct BuiltTrack {
  std::shared_ptr<const World> world;
  DataPtr data;
};

inline BuiltTrack build_track(const Track& track, uint64_t seed = 0) {
  BuiltTrack b{World::build(cyberdog2(), track_arena(track, seed)), nullptr};
  b.data.reset(mj_makeData(b.world->model()));
  b.world->reset(b.data.get());
  return b;
}

// Height of the first thing a ray straight down at (x, y) hits, the robot
// (geom group 2) aside; -1 when nothing is below.
inline double ground_at(const BuiltTrack& b, double x, double y) {
  const mjtNum from[3] = {x, y, 3.0};
  const mjtNum down[3] = {0, 0, -1};
  const mjtByte groups[mjNGROUP] = {1, 1, 0, 1, 1, 1};
  int geom = -1;
  const double distance = mj_ray(b.world->model(), b.data.get(), from, down, groups, 1, -1, &geom);
  return distance < 0 ? -1 : 3.0 - distance;
}

}  // namespace simarena::test
