// The arena side of a world: MJCF text for the ground, obstacles, lights and
// their assets, merged with the robot's MJCF when a World is built.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "simarena/base/xml_escape.h"

namespace simarena {

// Elevation samples for an <hfield name=... nrow=... ncol=...> declared in
// `asset` without a file; World::build copies them in after compiling.
// Row r, column c is at y = -size_y + 2 size_y r/(nrow-1), x likewise by c.
struct HeightFieldData {
  std::string name;
  int nrow = 0;
  int ncol = 0;
  std::vector<float> elevation;  // nrow*ncol values in [0, 1], scaled by the hfield's elevation size
};

// Where the robot's base starts: its initial pose from robot.yaml is
// rotated by yaw and shifted by (x, y, z).
struct SceneStart {
  double x = 0, y = 0, z = 0;
  double yaw = 0;  // rad
};

struct SceneMjcf {
  std::string name;       // shown in results, e.g. "flat"
  std::string asset;      // children of <asset>
  std::string worldbody;  // children of <worldbody>
  std::vector<HeightFieldData> heightfields;
  SceneStart start;
  uint64_t seed = 0;  // the run seed its random parts were placed with; the referee places them again from it
  // Where the arena was described, so MuJoCo's complaints about the generated
  // XML name that file and line: the track file ("" for built-in arenas),
  // and the line there of what produced each named MJCF element.
  std::string source;
  std::map<std::string, int> source_lines;
};

// A flat, endless floor with lights: the default practice ground.
SceneMjcf flat_arena();

}  // namespace simarena
