// What an HTML replay draws, read from the compiled MuJoCo model itself:
// every visible geom (box, sphere, capsule, cylinder, ellipsoid, plane, mesh,
// heightfield) with its size and colour, attached either to a moving body
// (posed per frame) or placed once in the world.
#pragma once

#include <mujoco/mujoco.h>

#include <nlohmann/json.hpp>
#include <vector>

namespace simarena {

// Bodies that move (not welded to the world), in body-id order: the ones
// whose poses each frame carries.
std::vector<int> moving_bodies(const mjModel* m);

// The page's "scene": {"geoms": [...], "meshes": [...], "hfields": [...]}.
// A geom on a moving body refers to its index in `moving`, with its pose
// relative to the body; a static geom has its world pose from `d`.
nlohmann::json html_replay_scene(const mjModel* m, const mjData* d, const std::vector<int>& moving);

}  // namespace simarena
