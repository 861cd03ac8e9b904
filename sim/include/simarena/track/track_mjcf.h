// A Track as MJCF: the floor, every course element as static boxes (or a
// heightfield for rough ground), hurdle bars as free bodies, walls, pit
// floors and painted lines, ready for World::build.
#pragma once

#include <cstdint>
#include <string_view>

#include "simarena/physics/scene_mjcf.h"
#include "simarena/track/track_spec.h"

namespace simarena {

// Name prefixes of what the referee tells apart by contact (docs/tracks.md).
inline constexpr std::string_view kWallPrefix = "wall_";             // lane walls
inline constexpr std::string_view kPitPrefix = "pit_";               // floor under gaps, stones, beams
inline constexpr std::string_view kHurdleBarPrefix = "hurdle_bar_";  // free bodies, numbered along the course
inline constexpr std::string_view kMarkPrefix = "mark_";             // painted lines and gate poles: no contact

// `run_seed` varies the seeded parts (rough ground, stone jitter); 0 gives
// the track as published.
SceneMjcf track_arena(const Track& track, uint64_t run_seed);

}  // namespace simarena
