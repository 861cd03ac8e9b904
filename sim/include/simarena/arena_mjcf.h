// The arena side of a world: MJCF text for the ground, obstacles, lights and
// their assets, merged with the robot's MJCF when a World is built.
#pragma once

#include <string>

namespace simarena {

struct ArenaMjcf {
  std::string name;       // shown in results, e.g. "flat"
  std::string asset;      // children of <asset>
  std::string worldbody;  // children of <worldbody>
};

// A flat, endless floor with lights: the default practice ground.
ArenaMjcf flat_arena();

}  // namespace simarena
