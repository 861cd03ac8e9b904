// A track: the ground and obstacles of one event, as plain data read from
// arenas/<name>.yaml. The course runs along +x: the start line is x = 0,
// the finish line x = length, the lane is centred on y = 0. Elements are
// laid end to end from x = 0, each starting at the running height where the
// previous one ended (the floor, z = 0, is the pit level everywhere).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "simarena/track/broadcast_camera.h"

namespace simarena {

struct FieldCourse;

struct FlatElement {};
struct SlopeElement {
  double rise = 0;  // m over the element's length; negative goes down
};
struct StairsElement {
  int steps = 0;
  double step_height = 0;  // m per step; negative goes down
  double tread = 0;        // m
};
struct HurdlesElement {
  int count = 0;
  double spacing = 0;     // m between bars; the first bar is spacing/2 into the element
  double bar_height = 0;  // m, top of the bar above the running surface
  double bar_radius = 0;  // m
  double bar_mass = 0;    // kg
};
struct GapElement {};  // a pit as long as the element
struct SteppingStonesElement {
  int count = 0;              // stones per column
  int columns = 0;            // 1 or 2
  double stone_length = 0;    // m along x
  double stone_width = 0;     // m along y
  double spacing = 0;         // m, centre to centre along x
  double column_spacing = 0;  // m, centre to centre along y (2 columns)
  double jitter = 0;          // m, seeded random shift of each stone in x and y
  uint64_t seed = 0;
};
struct BeamElement {
  double width = 0;  // m
};
struct RoughElement {
  double amplitude = 0;  // m, highest bump above the running height
  double cell = 0;       // m between heightfield samples
  uint64_t seed = 0;     // combined with the run's seed; run seed 0 gives the published ground
};

using ElementShape = std::variant<FlatElement, SlopeElement, StairsElement, HurdlesElement, GapElement,
                                  SteppingStonesElement, BeamElement, RoughElement>;

struct CourseElement {
  ElementShape shape;
  double start_x = 0;       // m, where it begins along the course
  double length = 0;        // m along x
  double start_height = 0;  // m, running height where it begins
  double end_height = 0;    // m, running height where it ends
  int line = 0;             // line in the track file, for messages

  double end_x() const { return start_x + length; }
  bool has_pit() const;  // gap, stepping stones and beam leave the floor showing between supports
};

// Kind names as written in track files ("flat", "stepping_stones", ...).
const char* element_kind(const ElementShape& shape);

// An ordered checkpoint: a segment across the course at x, from y - width/2
// to y + width/2, crossed in +x.
struct Gate {
  std::string name;
  double x = 0;
  double y = 0;
  double width = 0;
  int line = 0;  // line in the track file, for messages
};

struct Lane {
  double width = 0;        // m, centred on y = 0
  double wall_height = 0;  // m above the highest running height; 0: no walls
  double wall_thickness = 0.05;
};

// The robot's base is placed here (on the floor, before the start line).
struct StartPose {
  double x = 0, y = 0;
  double yaw = 0;  // rad
};

struct Track {
  std::filesystem::path file;
  // A variant's base track file ('variant_of:'): the course comes from there,
  // name, description and rules from `file`. Empty for an ordinary track.
  std::filesystem::path base_file;
  std::string name;
  std::string description;
  std::string rules;      // rule set name (arenas/rules/<rules>.yaml) or a path relative to the track file
  int rules_line = 0;     // line of 'rules:' in the track file, for messages
  double time_limit = 0;  // s of simulated time from the start of the match
  Lane lane;
  int lane_line = 0;  // line of 'lane:' in the track file, for messages about walls and lines
  StartPose start;
  std::vector<CourseElement> course;
  std::vector<Gate> checkpoints;  // ordered, strictly increasing x inside (0, length)
  // A field course (field_course.h) instead of `course`: laid out on a field,
  // judged along its path (start line at the path's start, finish at its end).
  std::shared_ptr<const FieldCourse> field;
  // The viewer's broadcast camera for this track; none: the viewer's default
  // (the trackside shot list along +x).
  std::optional<BroadcastCamera> broadcast_camera;

  double length() const;  // m: the course's, or a field course's path
  // Nominal running height at x on the course (ignores bumps and pits).
  double surface_height(double x) const;
  int hurdle_bar_count() const;
};

// Reads and validates a track file; every error names file:line:column and
// what is allowed there.
Track load_track(const std::filesystem::path& yaml_file);

// The content hash of what defines the track: its file, and for a variant
// also its base file (an ordinary track's hash is its file's).
std::string track_hash(const Track& track);

}  // namespace simarena
