#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "commands.h"
#include "simarena/base/messages.h"
#include "simarena/base/search_paths.h"
#include "simarena/track/field_course.h"
#include "simarena/track/track_spec.h"
#include "terminal_columns.h"

namespace simarena::cli {
namespace {

// "field: 6 segments, 33 lines, 4 solids, 5 decks, 1 fixed object, seeded layout".
std::string field_summary(const FieldCourse& field) {
  // Element words stay untranslated, like the element kinds of other tracks.
  const auto count = [](size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  std::string out = "field: " + count(field.segments.size(), "segment", "segments") + ", " +
                    count(field.lines.size(), "line", "lines") + ", " + count(field.solids.size(), "solid", "solids") +
                    ", " + count(field.decks.size(), "deck", "decks") + ", " +
                    count(field.objects.size(), "fixed object", "fixed objects");
  if (field.randomized()) out += ", seeded layout";
  return out;
}

// "flat x3, stairs x2, hurdles" in order of first appearance.
std::string element_summary(const Track& track) {
  if (track.field) return field_summary(*track.field);
  std::vector<std::string> order;
  std::map<std::string, int> counts;
  for (const CourseElement& e : track.course) {
    const std::string kind = element_kind(e.shape);
    if (counts[kind]++ == 0) order.push_back(kind);
  }
  std::string out;
  for (const std::string& kind : order) {
    out += (out.empty() ? "" : ", ") + kind;
    if (counts[kind] > 1) out += " x" + std::to_string(counts[kind]);
  }
  if (!track.checkpoints.empty()) out += ", " + std::to_string(track.checkpoints.size()) + " checkpoints";
  if (track.lane.wall_height > 0) out += ", walls";
  return out;
}

}  // namespace

std::function<int()> add_tracks_command(CLI::App& app) {
  CLI::App* cmd =
      app.add_subcommand("tracks", "List the tracks simarena knows: length, elements, time limit and rules");
  cmd->footer("Run one with 'simarena run --track NAME'. Writing a track: docs/tracks.md; rules: docs/rules.md.");
  return [] {
    const SearchPaths paths = default_search_paths();
    std::printf("%s %s %s  %s %s\n", padded(tr("track"), 16).c_str(), right_aligned(tr("length"), 7).c_str(),
                right_aligned(tr("limit"), 6).c_str(), padded(tr("rules"), 9).c_str(), tr("elements"));
    for (const std::string& name : list_tracks(paths)) {
      const Track track = load_track(find_track(name, paths));
      std::printf("%-16s %5.1f m %4.0f s  %-9s %s\n", name.c_str(), track.length(), track.time_limit,
                  track.rules.c_str(), element_summary(track).c_str());
      if (!track.description.empty()) std::printf("%-16s %s\n", "", track.description.c_str());
    }
    return 0;
  };
}

}  // namespace simarena::cli
