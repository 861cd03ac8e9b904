// Arenas by name, for front ends and replays: "flat" is the built-in
// practice floor; anything else is a track (a name in arenas/ or a path).
#pragma once

#include <cstdint>
#include <string>

#include "simarena/base/search_paths.h"
#include "simarena/physics/scene_mjcf.h"
#include "simarena/track/rules.h"
#include "simarena/track/track_spec.h"

namespace simarena {

inline constexpr const char* kFlatArena = "flat";

struct TrackWithRules {
  Track track;
  RuleSet rules;
};

// Finds and loads a track and the rule set it names. Throws InputError.
TrackWithRules load_track_with_rules(const std::string& name_or_path, const SearchPaths& paths);

// The arena MJCF for "flat" or a track; `seed` varies a track's seeded parts.
SceneMjcf load_arena(const std::string& name_or_path, uint64_t seed, const SearchPaths& paths);

}  // namespace simarena
