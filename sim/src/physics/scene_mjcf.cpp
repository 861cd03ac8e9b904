#include "simarena/physics/scene_mjcf.h"

namespace simarena {

SceneMjcf flat_arena() {
  SceneMjcf arena;
  arena.name = "flat";
  arena.asset = R"(
    <texture name="grid" type="2d" builtin="checker" rgb1="0.32 0.36 0.40" rgb2="0.26 0.29 0.33"
             width="512" height="512" mark="edge" markrgb="0.5 0.5 0.5"/>
    <material name="floor" texture="grid" texrepeat="1 1" texuniform="true" reflectance="0.1"/>)";
  // contype/conaffinity 1/1: the robot's geoms (1/0) collide with it.
  arena.worldbody = R"(
    <light name="sun" directional="true" pos="0 0 5" dir="-0.3 0.2 -1" diffuse="0.8 0.8 0.8"/>
    <geom name="floor" type="plane" size="0 0 0.05" material="floor" contype="1" conaffinity="1"
          friction="0.9 0.005 0.0001"/>)";
  return arena;
}

}  // namespace simarena
