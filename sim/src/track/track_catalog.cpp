#include "simarena/track/track_catalog.h"

#include "simarena/base/input_error.h"
#include "simarena/track/track_mjcf.h"

namespace simarena {

TrackWithRules load_track_with_rules(const std::string& name_or_path, const SearchPaths& paths) {
  Track track = load_track(find_track(name_or_path, paths));
  std::filesystem::path rules_file;
  try {
    rules_file = find_rules(track.rules, track.file, paths);
  } catch (const InputError& e) {
    // find_rules names the track file; add the line of its 'rules:'.
    if (e.file() != track.file.string() || e.line() != 0) throw;
    throw InputError(track.file.string(), track.rules_line, 0, e.message());
  }
  RuleSet rules = load_rules(rules_file);
  return {std::move(track), std::move(rules)};
}

SceneMjcf load_arena(const std::string& name_or_path, uint64_t seed, const SearchPaths& paths) {
  if (name_or_path == kFlatArena) return flat_arena();
  return track_arena(load_track(find_track(name_or_path, paths)), seed);
}

}  // namespace simarena
