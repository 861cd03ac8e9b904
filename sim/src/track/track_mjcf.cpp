#include "simarena/track/track_mjcf.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "simarena/base/formatted.h"
#include "simarena/base/seeded_random.h"
#include "simarena/track/field_mjcf.h"

namespace simarena {
namespace {

constexpr double kSideMargin = 0.3;     // m of raised surface beside the lane on each side
constexpr double kPitMargin = 1.0;      // m of pit floor beside the lane on each side
constexpr double kSlabThickness = 0.1;  // m, slope slabs
constexpr double kRunout = 1.0;         // m of surface past the finish line
constexpr double kPostSize = 0.02;      // m, half side of a hurdle post
constexpr double kPostGap = 0.04;       // m from the lane edge to a post centre

class Builder {
 public:
  explicit Builder(const Track& track) : track_(track) {}

  // A static box spanning x0..x1, centred on y with half width hy, from z0 to z1.
  void box(const std::string& name, double x0, double x1, double y, double hy, double z0, double z1,
           const char* material) {
    if (z1 - z0 < 1e-4 || x1 - x0 < 1e-4) return;
    note(name);
    body_ << "\n    <geom name=\"" << name << "\" type=\"box\" material=\"" << material << "\" pos=\""
          << mjcf_vector((x0 + x1) / 2, y, (z0 + z1) / 2) << "\" size=\""
          << mjcf_vector((x1 - x0) / 2, hy, (z1 - z0) / 2) << "\" contype=\"1\" conaffinity=\"1\"/>";
  }

  // A surface from the floor to `top` across the lane and its side margins.
  void platform(const std::string& name, double x0, double x1, double top) {
    box(name, x0, x1, 0, surface_half_width(), 0, top, "course");
  }

  void pit_floor(int k, const CourseElement& e) {
    box(std::string(kPitPrefix) + std::to_string(k), e.start_x, e.end_x(), 0, track_.lane.width / 2 + kPitMargin, 0,
        0.002, "pit");
  }

  void slope(const std::string& name, const CourseElement& e) {
    const double rise = e.end_height - e.start_height;
    const double angle = std::atan2(rise, e.length);
    const double half_length = std::hypot(e.length, rise) / 2;
    // The slab's top face runs from (x0, h0) to (x1, h1); its centre is half a
    // thickness below that face's midpoint, along the face normal.
    const double cx = e.start_x + e.length / 2 + std::sin(angle) * kSlabThickness / 2;
    const double cz = (e.start_height + e.end_height) / 2 - std::cos(angle) * kSlabThickness / 2;
    note(name);
    body_ << "\n    <geom name=\"" << name << "\" type=\"box\" material=\"course\" pos=\"" << mjcf_vector(cx, 0, cz)
          << "\" size=\"" << mjcf_vector(half_length, surface_half_width(), kSlabThickness / 2) << "\" quat=\""
          << mjcf_number(std::cos(-angle / 2)) << " 0 " << mjcf_number(std::sin(-angle / 2))
          << " 0\" contype=\"1\" conaffinity=\"1\"/>";
  }

  void hurdle_bar(int index, double x, double top, const HurdlesElement& h) {
    // Posts stand outside the lane, or just inside it between walls so the bar clears them.
    const double post_y =
        track_.lane.wall_height > 0 ? track_.lane.width / 2 - kPostSize - 0.01 : track_.lane.width / 2 + kPostGap;
    const double half_span = post_y + kPostSize;
    const double centre_z = top - h.bar_radius;
    const std::string name = std::string(kHurdleBarPrefix) + std::to_string(index);
    // Explicit inertia: the robot's MJCF may switch off inertia from geoms for the whole model.
    const double length = 2 * half_span;
    const double across = h.bar_mass * length * length / 12, along = h.bar_mass * h.bar_radius * h.bar_radius / 2;
    note(name);
    body_ << "\n    <body name=\"" << name << "\" pos=\"" << mjcf_vector(x, 0, centre_z) << "\">"
          << "<freejoint name=\"" << name << "\"/>"
          << "<inertial pos=\"0 0 0\" mass=\"" << mjcf_number(h.bar_mass) << "\" diaginertia=\""
          << mjcf_vector(across, along, across) << "\"/>"
          << "<geom name=\"" << name << "\" type=\"capsule\" material=\"bar\" size=\"" << mjcf_number(h.bar_radius)
          << "\" fromto=\"" << mjcf_vector(0, -half_span, 0) << " " << mjcf_vector(0, half_span, 0) << "\" mass=\""
          << mjcf_number(h.bar_mass) << "\" contype=\"1\" conaffinity=\"1\" friction=\"0.6 0.005 0.0001\"/></body>";
    for (int side : {-1, 1})
      box("terrain_hurdle_post_" + std::to_string(index) + (side < 0 ? "_r" : "_l"), x - kPostSize, x + kPostSize,
          side * post_y, kPostSize, 0, centre_z - h.bar_radius, "post");
  }

  void rough(int k, const CourseElement& e, const RoughElement& r, uint64_t run_seed, SceneMjcf& arena) {
    const double half_width = surface_half_width();
    HeightFieldData field;
    field.name = "rough_" + std::to_string(k);
    field.ncol = static_cast<int>(std::ceil(e.length / r.cell)) + 1;
    field.nrow = static_cast<int>(std::ceil(2 * half_width / r.cell)) + 1;
    field.elevation.assign(static_cast<size_t>(field.nrow) * field.ncol, 0.0f);
    SeededRandom random(SeededRandom::combine(r.seed, run_seed));
    // Edge samples stay at the running height so the patch meets its neighbours without a step.
    for (int row = 1; row + 1 < field.nrow; ++row)
      for (int col = 1; col + 1 < field.ncol; ++col)
        field.elevation[static_cast<size_t>(row) * field.ncol + col] = static_cast<float>(random.uniform());
    const double base = e.start_height + 0.02;  // the solid part reaches below the floor
    note(field.name);
    note("terrain_" + std::to_string(k));
    asset_ << "\n    <hfield name=\"" << field.name << "\" nrow=\"" << field.nrow << "\" ncol=\"" << field.ncol
           << "\" size=\"" << mjcf_number(e.length / 2) << " " << mjcf_number(half_width) << " "
           << mjcf_number(r.amplitude) << " " << mjcf_number(base) << "\"/>";
    body_ << "\n    <geom name=\"terrain_" << k << "\" type=\"hfield\" hfield=\"" << field.name
          << "\" material=\"rough\" pos=\"" << mjcf_vector(e.start_x + e.length / 2, 0, e.start_height)
          << "\" contype=\"1\" conaffinity=\"1\"/>";
    arena.heightfields.push_back(std::move(field));
  }

  // A painted line across the lane (or a gate) with a pole at each end.
  void line(const std::string& name, double x, double y, double width, const char* material) {
    const double z = track_.surface_height(x) + 0.001;
    for (const char* suffix : {"", "_pole_r", "_pole_l"}) note(std::string(kMarkPrefix) + name + suffix);
    body_ << "\n    <geom name=\"" << kMarkPrefix << name << "\" type=\"box\" material=\"" << material << "\" pos=\""
          << mjcf_vector(x, y, z) << "\" size=\"" << mjcf_vector(0.015, width / 2, 0.001)
          << "\" contype=\"0\" conaffinity=\"0\"/>";
    for (int side : {-1, 1})
      body_ << "\n    <geom name=\"" << kMarkPrefix << name << (side < 0 ? "_pole_r" : "_pole_l")
            << "\" type=\"cylinder\" material=\"" << material << "\" pos=\""
            << mjcf_vector(x, y + side * width / 2, z + 0.25)
            << "\" size=\"0.012 0.25\" contype=\"0\" conaffinity=\"0\"/>";
  }

  void walls(double top) {
    const double x0 = std::min(track_.start.x, 0.0) - 1.0, x1 = track_.length() + kRunout;
    const double t = track_.lane.wall_thickness;
    for (int side : {-1, 1})
      box(std::string(kWallPrefix) + (side < 0 ? "right" : "left"), x0, x1, side * (track_.lane.width / 2 + t / 2),
          t / 2, 0, top, "wall");
  }

  double surface_half_width() const { return track_.lane.width / 2 + kSideMargin; }
  // What follows comes from this line of the track file.
  void from_line(int line) { line_ = line; }
  std::map<std::string, int> source_lines() const { return source_lines_; }
  std::string asset() const { return asset_.str(); }
  std::string worldbody() const { return body_.str(); }

 private:
  const Track& track_;
  std::ostringstream asset_;
  std::ostringstream body_;
  int line_ = 0;
  std::map<std::string, int> source_lines_;

  void note(const std::string& name) { source_lines_[name] = line_; }
};

}  // namespace

SceneMjcf track_arena(const Track& track, uint64_t run_seed) {
  SceneMjcf arena;
  arena.name = track.name;
  arena.seed = run_seed;
  arena.start = {track.start.x, track.start.y, 0.0, track.start.yaw};  // the start area is the floor

  Builder b(track);
  int bar = 0;
  double highest = 0;
  for (size_t i = 0; i < track.course.size(); ++i) {
    const CourseElement& e = track.course[i];
    const int k = static_cast<int>(i);
    const std::string name = "terrain_" + std::to_string(k);
    b.from_line(e.line);
    highest = std::max({highest, e.start_height, e.end_height});
    if (e.has_pit()) b.pit_floor(k, e);
    std::visit(
        [&](const auto& shape) {
          using T = std::decay_t<decltype(shape)>;
          if constexpr (std::is_same_v<T, FlatElement>) {
            b.platform(name, e.start_x, e.end_x(), e.start_height);
          } else if constexpr (std::is_same_v<T, SlopeElement>) {
            b.slope(name, e);
          } else if constexpr (std::is_same_v<T, StairsElement>) {
            for (int s = 0; s < shape.steps; ++s)
              b.platform(name + "_step_" + std::to_string(s), e.start_x + s * shape.tread,
                         e.start_x + (s + 1) * shape.tread, e.start_height + (s + 1) * shape.step_height);
          } else if constexpr (std::is_same_v<T, HurdlesElement>) {
            b.platform(name, e.start_x, e.end_x(), e.start_height);
            for (int h = 0; h < shape.count; ++h)
              b.hurdle_bar(bar++, e.start_x + (h + 0.5) * shape.spacing, e.start_height + shape.bar_height, shape);
          } else if constexpr (std::is_same_v<T, GapElement>) {
            // Nothing at running height: the pit floor shows.
          } else if constexpr (std::is_same_v<T, SteppingStonesElement>) {
            SeededRandom random(SeededRandom::combine(shape.seed, run_seed));
            for (int s = 0; s < shape.count; ++s)
              for (int c = 0; c < shape.columns; ++c) {
                const double x = e.start_x + (s + 0.5) * shape.spacing + random.uniform(-1, 1) * shape.jitter;
                const double y = (shape.columns == 2 ? (c == 0 ? -0.5 : 0.5) * shape.column_spacing : 0.0) +
                                 random.uniform(-1, 1) * shape.jitter;
                b.box(name + "_stone_" + std::to_string(s) + "_" + std::to_string(c), x - shape.stone_length / 2,
                      x + shape.stone_length / 2, y, shape.stone_width / 2, 0, e.start_height, "stone");
              }
          } else if constexpr (std::is_same_v<T, BeamElement>) {
            b.box(name, e.start_x, e.end_x(), 0, shape.width / 2, 0, e.start_height, "course");
          } else if constexpr (std::is_same_v<T, RoughElement>) {
            b.rough(k, e, shape, run_seed, arena);
          }
        },
        e.shape);
  }
  const double end_height = track.course.empty() ? 0 : track.course.back().end_height;
  b.from_line(track.lane_line);
  b.platform("terrain_runout", track.length(), track.length() + kRunout, end_height);
  if (track.lane.wall_height > 0) b.walls(highest + track.lane.wall_height);

  if (!track.field) b.line("start", 0, 0, track.lane.width, "start_line");
  for (size_t g = 0; g < track.checkpoints.size(); ++g) {
    const Gate& gate = track.checkpoints[g];
    b.from_line(gate.line);
    b.line("checkpoint_" + std::to_string(g), gate.x, gate.y, gate.width, "checkpoint");
  }
  b.from_line(track.lane_line);
  if (!track.field) b.line("finish", track.length(), 0, track.lane.width, "finish_line");
  arena.source = track.file.string();
  arena.source_lines = b.source_lines();

  arena.asset = R"(
    <texture name="grid" type="2d" builtin="checker" rgb1="0.32 0.36 0.40" rgb2="0.26 0.29 0.33"
             width="512" height="512" mark="edge" markrgb="0.5 0.5 0.5"/>
    <material name="floor" texture="grid" texrepeat="1 1" texuniform="true" reflectance="0.1"/>
    <material name="course" rgba="0.55 0.52 0.47 1"/>
    <material name="rough" rgba="0.45 0.40 0.33 1"/>
    <material name="stone" rgba="0.50 0.50 0.52 1"/>
    <material name="pit" rgba="0.15 0.12 0.10 1"/>
    <material name="wall" rgba="0.70 0.72 0.75 0.6"/>
    <material name="post" rgba="0.85 0.85 0.85 1"/>
    <material name="bar" rgba="0.90 0.20 0.15 1"/>
    <material name="start_line" rgba="0.95 0.95 0.95 1"/>
    <material name="checkpoint" rgba="0.20 0.45 0.95 1"/>
    <material name="finish_line" rgba="0.95 0.80 0.10 1"/>)" +
                b.asset();
  arena.worldbody = R"(
    <light name="sun" directional="true" pos="0 0 5" dir="-0.3 0.2 -1" diffuse="0.8 0.8 0.8"/>
    <geom name="floor" type="plane" size="0 0 0.05" material="floor" contype="1" conaffinity="1"
          friction="0.9 0.005 0.0001"/>)" +
                    b.worldbody();
  if (track.field) append_field_course(*track.field, place_field(*track.field, run_seed), arena);
  return arena;
}

}  // namespace simarena
