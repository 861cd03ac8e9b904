#include "simarena/track/track_spec.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "broadcast_camera_reader.h"
#include "field_course_reader.h"
#include "simarena/base/content_hash.h"
#include "simarena/base/formatted.h"
#include "simarena/base/yaml_fields.h"
#include "simarena/track/course_path.h"

namespace simarena {
namespace {

constexpr int kFormatVersion = 1;
constexpr double kMaxRunningHeight = 1.0;  // m: tracks are for a robot whose hip stands ~0.25 m
constexpr double kMinPitDepth = 0.05;      // m: a pit must be deep enough to tell from the surface

// `value` (read from `key`) if lo <= value <= hi; else an error saying the range.
template <class N>
N within(const YamlFile& f, const YAML::Node& node, const char* key, N value, N lo, N hi) {
  if (value < lo || value > hi)
    f.fail(node[key], Message(tr_noop("'%s' is %s; allowed: %s to %s"), key, shown_number(value), shown_number(lo),
                              shown_number(hi)));
  return value;
}
double bounded(const YamlFile& f, const YAML::Node& node, const char* key, double lo, double hi) {
  return within(f, node, key, f.number(node, key), lo, hi);
}
double bounded(const YamlFile& f, const YAML::Node& node, const char* key, double lo, double hi, double fallback) {
  if (!node[key].IsDefined() || node[key].IsNull()) return fallback;
  return bounded(f, node, key, lo, hi);
}
int bounded_count(const YamlFile& f, const YAML::Node& node, const char* key, int lo, int hi) {
  return within(f, node, key, f.integer(node, key), lo, hi);
}
uint64_t seed(const YamlFile& f, const YAML::Node& node) {
  return static_cast<uint64_t>(bounded(f, node, "seed", 0, 1e15, 1));
}

// One course element from `- kind: {params}`; sets shape and length.
CourseElement read_element(const YamlFile& f, const YAML::Node& item) {
  if (!item.IsMap() || item.size() != 1)
    f.fail(item, tr_noop("each course element is one 'kind: {parameters}' entry; kinds: flat, slope, stairs, hurdles, "
                         "gap, stepping_stones, beam, rough"));
  const std::string kind = item.begin()->first.as<std::string>();
  const YAML::Node p = item.begin()->second;
  f.expect_map(p, "the parameters of '" + kind + "'");
  CourseElement e;
  e.line = p.Mark().line + 1;
  if (kind == "flat") {
    f.only_keys(p, {"length"});
    e.shape = FlatElement{};
    e.length = bounded(f, p, "length", 0.1, 200);
  } else if (kind == "slope") {
    f.only_keys(p, {"length", "rise"});
    e.length = bounded(f, p, "length", 0.2, 50);
    SlopeElement s{bounded(f, p, "rise", -kMaxRunningHeight, kMaxRunningHeight)};
    if (std::abs(s.rise) > 0.5 * e.length)
      f.fail(p["rise"], tr_noop("slope steeper than 0.5 rise over run; allowed: |rise| <= length/2"));
    e.shape = s;
  } else if (kind == "stairs") {
    f.only_keys(p, {"steps", "step_height", "tread"});
    StairsElement s;
    s.steps = bounded_count(f, p, "steps", 1, 100);
    s.step_height = bounded(f, p, "step_height", -0.25, 0.25);
    if (s.step_height == 0)
      f.fail(p["step_height"], tr_noop("step_height must not be 0 (positive goes up, negative down)"));
    s.tread = bounded(f, p, "tread", 0.1, 2.0);
    e.length = s.steps * s.tread;
    e.shape = s;
  } else if (kind == "hurdles") {
    f.only_keys(p, {"count", "spacing", "bar_height", "bar_radius", "bar_mass"});
    HurdlesElement h;
    h.count = bounded_count(f, p, "count", 1, 50);
    h.spacing = bounded(f, p, "spacing", 0.3, 10);
    h.bar_radius = bounded(f, p, "bar_radius", 0.003, 0.05, 0.01);
    h.bar_height = bounded(f, p, "bar_height", 2 * h.bar_radius + 0.005, 0.5);
    h.bar_mass = bounded(f, p, "bar_mass", 0.01, 5, 0.1);
    e.length = h.count * h.spacing;
    e.shape = h;
  } else if (kind == "gap") {
    f.only_keys(p, {"length"});
    e.shape = GapElement{};
    e.length = bounded(f, p, "length", 0.02, 1.0);
  } else if (kind == "stepping_stones") {
    f.only_keys(p, {"count", "columns", "stone_length", "stone_width", "spacing", "column_spacing", "jitter", "seed"});
    SteppingStonesElement s;
    s.count = bounded_count(f, p, "count", 1, 100);
    s.columns = bounded_count(f, p, "columns", 1, 2);
    s.stone_length = bounded(f, p, "stone_length", 0.05, 2);
    s.stone_width = bounded(f, p, "stone_width", 0.05, 2);
    s.spacing = bounded(f, p, "spacing", s.stone_length, 2);
    s.column_spacing = s.columns == 2 ? bounded(f, p, "column_spacing", s.stone_width, 2) : 0;
    if (s.columns == 1 && p["column_spacing"].IsDefined())
      f.fail(p["column_spacing"], tr_noop("column_spacing applies to 2 columns only"));
    s.jitter = bounded(f, p, "jitter", 0, 0.5 * (s.spacing - s.stone_length) + 1e-12, 0);
    s.seed = seed(f, p);
    e.length = s.count * s.spacing;
    e.shape = s;
  } else if (kind == "beam") {
    f.only_keys(p, {"length", "width"});
    e.length = bounded(f, p, "length", 0.2, 50);
    e.shape = BeamElement{bounded(f, p, "width", 0.05, 1.0)};
  } else if (kind == "rough") {
    f.only_keys(p, {"length", "amplitude", "cell", "seed"});
    RoughElement r;
    e.length = bounded(f, p, "length", 0.5, 100);
    r.amplitude = bounded(f, p, "amplitude", 0.005, 0.2);
    r.cell = bounded(f, p, "cell", 0.02, 0.5);
    r.seed = seed(f, p);
    e.shape = r;
  } else {
    f.fail(item.begin()->first,
           Message(tr_noop("unknown course element '%s'; allowed: flat, slope, stairs, hurdles, gap, stepping_stones, "
                           "beam, rough"),
                   kind));
  }
  return e;
}

double height_change(const CourseElement& e) {
  if (const auto* s = std::get_if<SlopeElement>(&e.shape)) return s->rise;
  if (const auto* s = std::get_if<StairsElement>(&e.shape)) return s->steps * s->step_height;
  return 0;
}

// The rest of a track whose course is a field (field_course.h).
Track load_field_track(const YamlFile& f, Track t) {
  const YAML::Node& root = f.root();
  for (const char* linear : {"course", "lane", "checkpoints"})
    if (root[linear].IsDefined())
      f.fail(root[linear], std::string("'") + linear +
                               "' belongs to a course along +x; a track with 'field' describes its course there");
  auto field = std::make_shared<FieldCourse>(read_field_course(f, root["field"]));
  t.lane_line = field->line;
  t.lane.width = field->bounds.x_max - field->bounds.x_min;  // shown in listings only: lanes are the field's lines

  const YAML::Node start = f.require(root, "start");
  f.only_keys(start, {"x", "y", "yaw_deg"});
  t.start.x = f.number(start, "x");
  t.start.y = f.number(start, "y");
  t.start.yaw = bounded(f, start, "yaw_deg", -180, 180, 0) * std::numbers::pi / 180;
  if (!field->bounds.contains(t.start.x, t.start.y))
    f.fail(start, "the start pose must be inside the field's 'bounds'");
  const PathPoint on_path = locate_on_path(field->path, t.start.x, t.start.y, -kPathWindow, kPathWindow);
  if (on_path.s >= 0)
    f.fail(start, "the start pose must be before the path's first point, so nothing counts until the robot crosses it");
  if (on_path.distance > kPathCorridor)
    f.fail(start, "the start pose must be within 2.5 m of the path's first point, where the referee follows the body");
  t.field = std::move(field);
  return t;
}

}  // namespace

bool CourseElement::has_pit() const {
  return std::holds_alternative<GapElement>(shape) || std::holds_alternative<SteppingStonesElement>(shape) ||
         std::holds_alternative<BeamElement>(shape);
}

const char* element_kind(const ElementShape& shape) {
  static const char* const names[] = {"flat", "slope", "stairs", "hurdles", "gap", "stepping_stones", "beam", "rough"};
  return names[shape.index()];
}

double Track::length() const {
  if (field) return path_length(field->path);
  return course.empty() ? 0 : course.back().end_x();
}

double Track::surface_height(double x) const {
  if (field) return 0;
  for (const CourseElement& e : course) {
    if (x >= e.end_x()) continue;
    if (x < e.start_x) return e.start_height;  // before the course: the floor
    const double along = x - e.start_x;
    if (const auto* s = std::get_if<SlopeElement>(&e.shape)) return e.start_height + s->rise * along / e.length;
    if (const auto* s = std::get_if<StairsElement>(&e.shape))
      return e.start_height + (std::floor(along / s->tread) + 1) * s->step_height;
    return e.start_height;
  }
  return course.empty() ? 0 : course.back().end_height;
}

int Track::hurdle_bar_count() const {
  int n = 0;
  for (const CourseElement& e : course)
    if (const auto* h = std::get_if<HurdlesElement>(&e.shape)) n += h->count;
  return n;
}

namespace {

// name, description and rules: what a variant sets over its base.
void read_identity(const YamlFile& f, const YAML::Node& root, Track& t) {
  t.name = f.name(root, "name");
  t.description = f.text(root, "description", "");
  t.rules = f.text(root, "rules");
  t.rules_line = root["rules"].Mark().line + 1;
  // A rule set name or a relative path: checked here so that a bad one is
  // reported against this file, not as the file system's "File name too long".
  if (t.rules.empty()) f.fail(root["rules"], tr_noop("'rules' must name a rule set, like standard"));
  for (const auto& part : std::filesystem::path(t.rules))
    if (part.string().size() > 255)
      f.fail(root["rules"],
             tr_noop("'rules' has a path component longer than 255 bytes, which no file system accepts"));
}

bool plain_track_file_name(const std::string& name) {
  return name.size() > 5 && name.find('/') == std::string::npos && name.ends_with(".yaml");
}

// A variant: the course of another track file beside this one, under its own
// name and rules (e.g. the same course with course information for assisted
// entries), so the two cannot drift apart.
Track load_variant(const YamlFile& f, const YAML::Node& root, const std::filesystem::path& yaml_file) {
  f.only_keys(root, {"format_version", "name", "description", "rules", "variant_of"});
  const std::string base_name = f.text(root, "variant_of");
  if (!plain_track_file_name(base_name))
    f.fail(root["variant_of"], tr_noop("'variant_of' must be the file name of a track file in the same folder, like "
                                       "xiaomi-cup-2026.yaml"));
  const std::filesystem::path base_file = std::filesystem::absolute(yaml_file).parent_path() / base_name;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(base_file, ec))
    f.fail(root["variant_of"], Message(tr_noop("no track file %s beside this one"), base_file.string()));
  if (YamlFile(base_file).root()["variant_of"].IsDefined())
    f.fail(root["variant_of"], tr_noop("the base track is itself a variant; name the track it is a variant of"));
  Track t = load_track(base_file);
  t.base_file = t.file;
  t.file = std::filesystem::absolute(yaml_file);
  read_identity(f, root, t);
  return t;
}

}  // namespace

std::string track_hash(const Track& track) {
  if (track.base_file.empty()) return hash_file(track.file);
  return hash_text(hash_file(track.file) + " " + hash_file(track.base_file));
}

Track load_track(const std::filesystem::path& yaml_file) {
  const YamlFile f(yaml_file);
  const YAML::Node& root = f.root();
  if (root.IsMap() && root["variant_of"].IsDefined()) {
    if (f.integer(root, "format_version") != kFormatVersion)
      f.fail(root["format_version"], Message(tr_noop("unsupported format_version; this simarena reads track format "
                                                     "version %s"),
                                             kFormatVersion));
    return load_variant(f, root, yaml_file);
  }
  f.only_keys(root, {"format_version", "name", "description", "rules", "time_limit", "lane", "start", "course",
                     "checkpoints", "field", "broadcast_camera"});
  if (f.integer(root, "format_version") != kFormatVersion)
    f.fail(root["format_version"],
           Message(tr_noop("unsupported format_version; this simarena reads track format version %s"), kFormatVersion));

  Track t;
  t.file = std::filesystem::absolute(yaml_file);
  read_identity(f, root, t);
  t.time_limit = bounded(f, root, "time_limit", 1, 3600);
  if (root["broadcast_camera"].IsDefined()) t.broadcast_camera = read_broadcast_camera(f, root["broadcast_camera"]);

  if (root["field"].IsDefined()) return load_field_track(f, std::move(t));

  const YAML::Node lane = f.require(root, "lane");
  f.only_keys(lane, {"width", "walls"});
  t.lane_line = lane.Mark().line + 1;
  t.lane.width = bounded(f, lane, "width", 0.3, 20);
  t.lane.wall_height = bounded(f, lane, "walls", 0, 2, 0);

  const YAML::Node start = f.require(root, "start");
  f.only_keys(start, {"x", "y", "yaw_deg"});
  t.start.x = f.number(start, "x");
  if (t.start.x >= 0)
    f.fail(start["x"],
           tr_noop("the start pose must be before the start line (x < 0), so nothing counts until it is crossed"));
  within(f, start, "x", t.start.x, -50.0, 0.0);
  t.start.y = f.number(start, "y", 0);
  if (std::abs(t.start.y) >= t.lane.width / 2) f.fail(start["y"], tr_noop("the start pose must be inside the lane"));
  t.start.yaw = bounded(f, start, "yaw_deg", -180, 180, 0) * std::numbers::pi / 180;

  const YAML::Node course = f.require(root, "course");
  f.expect_sequence(course, "'course'");
  if (course.size() == 0) f.fail(course, tr_noop("'course' needs at least one element"));
  double x = 0, height = 0;
  for (const YAML::Node& item : course) {
    CourseElement e = read_element(f, item);
    e.start_x = x;
    e.start_height = height;
    e.end_height = height + height_change(e);
    if (e.end_height < -1e-9)
      f.fail(item,
             Message(tr_noop("%s would take the running height to %s m, below the floor (z = 0 is the lowest level)"),
                     element_kind(e.shape), std::to_string(e.end_height)));
    if (e.end_height > kMaxRunningHeight) f.fail(item, tr_noop("running height above 1 m; allowed: 0 to 1 m"));
    if (e.has_pit() && height < kMinPitDepth)
      f.fail(item,
             Message(tr_noop("%s needs a raised course (running height >= 0.05 m here, it is %s m): put a slope or "
                             "stairs up before it"),
                     element_kind(e.shape), std::to_string(height)));
    e.end_height = std::max(0.0, e.end_height);
    x = e.end_x();
    height = e.end_height;
    t.course.push_back(e);
  }

  if (root["checkpoints"].IsDefined()) {
    const YAML::Node gates = root["checkpoints"];
    f.expect_sequence(gates, "'checkpoints'");
    double previous_x = 0;
    for (const YAML::Node& g : gates) {
      f.only_keys(g, {"name", "x", "y", "width"});
      Gate gate;
      gate.line = g.Mark().line + 1;
      gate.name = f.name(g, "name", "checkpoint " + std::to_string(t.checkpoints.size() + 1));
      gate.x = f.number(g, "x");
      if (gate.x <= previous_x || gate.x >= t.length())
        f.fail(g["x"],
               Message(tr_noop("checkpoint x must increase along the course, strictly between the start line (0 or "
                               "the previous checkpoint) and the finish line (%s m)"),
                       std::to_string(t.length())));
      gate.y = f.number(g, "y", 0);
      gate.width = bounded(f, g, "width", 0.1, t.lane.width);
      if (std::abs(gate.y) + gate.width / 2 > t.lane.width / 2 + 1e-9)
        f.fail(g, tr_noop("the checkpoint reaches outside the lane (|y| + width/2 must be <= lane width/2)"));
      previous_x = gate.x;
      t.checkpoints.push_back(gate);
    }
  }
  return t;
}

}  // namespace simarena
