#include "simarena/arena_catalog.h"

#include "simarena/track_mjcf.h"

namespace simarena {

TrackWithRules load_track_with_rules(const std::string& name_or_path, const SearchPaths& paths) {
  Track track = load_track(find_track(name_or_path, paths));
  RuleSet rules = load_rules(find_rules(track.rules, track.file, paths));
  return {std::move(track), std::move(rules)};
}

ArenaMjcf load_arena(const std::string& name_or_path, uint64_t seed, const SearchPaths& paths) {
  if (name_or_path == kFlatArena) return flat_arena();
  return track_arena(load_track(find_track(name_or_path, paths)), seed);
}

}  // namespace simarena
