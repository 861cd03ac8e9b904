#include "field_course_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "simarena/base/formatted.h"

namespace simarena {
namespace {

constexpr double kFieldExtent = 100;  // m: any coordinate of a field course lies within ±100 m
constexpr int kMaxItems = 10000;      // lines, solids, objects per list

class Reader {
 public:
  explicit Reader(const YamlFile& f) : f_(f) {}

  double bounded(const YAML::Node& n, const char* key, double lo, double hi) const {
    const double v = f_.number(n, key);
    if (v < lo || v > hi)
      f_.fail(n[key], std::string("'") + key + "' is " + shown_number(v) + "; allowed: " + shown_number(lo) + " to " +
                          shown_number(hi));
    return v;
  }
  double bounded(const YAML::Node& n, const char* key, double lo, double hi, double fallback) const {
    if (!n[key].IsDefined() || n[key].IsNull()) return fallback;
    return bounded(n, key, lo, hi);
  }
  Vec2 point(const YAML::Node& value, const std::string& what) const {
    if (!value.IsSequence() || value.size() != 2) f_.fail(value, what + " must be a point [x, y] in metres");
    Vec2 p{f_.as_number(value[0], what + "[0]"), f_.as_number(value[1], what + "[1]")};
    if (std::abs(p.x) > kFieldExtent || std::abs(p.y) > kFieldExtent)
      f_.fail(value, what + " lies outside the ±" + shown_number(kFieldExtent) + " m a field may span");
    return p;
  }
  Vec2 point(const YAML::Node& n, const char* key) const {
    return point(f_.require(n, key), std::string("'") + key + "'");
  }
  Vec2 point(const YAML::Node& n, const char* key, Vec2 fallback) const {
    return n[key].IsDefined() ? point(n, key) : fallback;
  }
  std::array<Vec2, 2> line_across(const YAML::Node& n, const char* key) const {
    const YAML::Node v = f_.require(n, key);
    if (!v.IsSequence() || v.size() != 2) f_.fail(v, std::string("'") + key + "' must be two points [[x, y], [x, y]]");
    return {point(v[0], std::string("'") + key + "[0]'"), point(v[1], std::string("'") + key + "[1]'")};
  }
  Rgb colour(const YAML::Node& n, Rgb fallback) const {
    if (!n["colour"].IsDefined()) return fallback;
    const std::vector<double> c = f_.numbers(n, "colour", 3);
    for (double v : c)
      if (v < 0 || v > 1) f_.fail(n["colour"], "'colour' is [red, green, blue], each 0 to 1");
    return {c[0], c[1], c[2]};
  }
  // A fresh node each time: assigning to a YAML::Node that already refers
  // to one rebinds the node it refers to (corrupting the document, and
  // throwing when the key is absent), so an optional section after a
  // present one must never be read into the same variable.
  YAML::Node sequence(const YAML::Node& n, const char* key) const {
    YAML::Node out = n[key];
    if (!out.IsDefined()) return out;
    f_.expect_sequence(out, std::string("'") + key + "'");
    if (out.size() > static_cast<size_t>(kMaxItems))
      f_.fail(out, std::string("'") + key + "' has more than " + std::to_string(kMaxItems) + " entries");
    return out;
  }
  int line_of(const YAML::Node& n) const { return n.Mark().line + 1; }

  PaintedLine painted_line(const YAML::Node& n) const {
    f_.expect_map(n, "a line");
    f_.only_keys(n,
                 {"name", "from", "to", "centre", "radius", "degrees", "width", "z", "style", "dash", "gap", "colour"});
    PaintedLine l;
    l.line = line_of(n);
    l.name = f_.name(n, "name");
    if (n["from"].IsDefined() || n["to"].IsDefined()) {
      if (n["centre"].IsDefined())
        f_.fail(n["centre"], "a line is straight (from, to) or an arc (centre, radius, degrees), not both");
      LineSegment s{point(n, "from"), point(n, "to")};
      if (std::hypot(s.to.x - s.from.x, s.to.y - s.from.y) < 0.01)
        f_.fail(n["to"], "a line must be at least 1 cm long");
      l.shape = s;
    } else {
      LineArc a;
      a.centre = point(n, "centre");
      a.radius = bounded(n, "radius", 0.05, 50);
      const std::vector<double> d = f_.numbers(n, "degrees", 2);
      if (std::abs(d[0]) > 720 || std::abs(d[1]) > 720 || std::abs(d[1] - d[0]) < 1 || std::abs(d[1] - d[0]) > 360)
        f_.fail(n["degrees"], "'degrees' is [from, to], within ±720, spanning 1 to 360 degrees");
      a.from_deg = d[0];
      a.to_deg = d[1];
      l.shape = a;
    }
    l.width = bounded(n, "width", 0.005, 0.5, 0.1);
    l.z = bounded(n, "z", 0, 2, 0);
    l.style = f_.choice(n, "style", {"solid", "dashed"}) == "dashed" ? LineStyle::dashed : LineStyle::solid;
    if (l.style == LineStyle::dashed) {
      l.dash = bounded(n, "dash", 0.01, 5, 0.1);
      l.gap = bounded(n, "gap", 0.01, 5, 0.1);
    } else if (n["dash"].IsDefined() || n["gap"].IsDefined()) {
      f_.fail(n["dash"].IsDefined() ? n["dash"] : n["gap"], "'dash' and 'gap' apply to dashed lines only");
    }
    l.colour = colour(n, l.colour);
    return l;
  }

  SolidBox solid(const YAML::Node& n) const {
    f_.expect_map(n, "a solid");
    f_.only_keys(n, {"name", "at", "size", "yaw_deg", "obstacle", "colour"});
    SolidBox s;
    s.line = line_of(n);
    s.name = f_.name(n, "name");
    s.at = point(n, "at");
    const std::vector<double> size = f_.numbers(n, "size", 3);
    for (double v : size)
      if (v < 0.005 || v > 20) f_.fail(n["size"], "'size' is [x, y, z] in metres, each 0.005 to 20");
    s.size = {size[0], size[1], size[2]};
    s.yaw_deg = bounded(n, "yaw_deg", -360, 360, 0);
    s.obstacle = n["obstacle"].IsDefined() && f_.choice(n, "obstacle", {"true", "false"}) == "true";
    s.colour = colour(n, s.colour);
    return s;
  }

  Deck deck(const YAML::Node& n) const {
    f_.expect_map(n, "a deck");
    f_.only_keys(n, {"name", "from", "to", "width", "height", "bank", "colour"});
    Deck d;
    d.line = line_of(n);
    d.name = f_.name(n, "name");
    d.from = point(n, "from");
    d.to = point(n, "to");
    if (std::hypot(d.to.x - d.from.x, d.to.y - d.from.y) < 0.05) f_.fail(n["to"], "a deck must be at least 5 cm long");
    d.width = bounded(n, "width", 0.05, 5);
    const std::vector<double> h = f_.numbers(n, "height", 2);
    if (h[0] < 0.005 || h[0] > 2 || h[1] < 0.005 || h[1] > 2)
      f_.fail(n["height"], "'height' is [at from, at to], each 0.005 to 2 m");
    d.height_from = h[0];
    d.height_to = h[1];
    d.bank = bounded(n, "bank", -1, 1, 0);
    if (std::min(h[0], h[1]) - std::abs(d.bank) / 2 < 0.005)
      f_.fail(n["bank"], "'bank' takes an edge of the deck to the floor; keep |bank|/2 below the lower height");
    d.colour = colour(n, d.colour);
    return d;
  }

  FieldObject object(const YAML::Node& item, bool relative) const {
    if (!item.IsMap() || item.size() != 1)
      f_.fail(item,
              "each object is one 'kind: {parameters}' entry; kinds: hanging_ball, ball, bottle, goal, low_bar, cubes");
    const std::string kind = item.begin()->first.as<std::string>();
    const YAML::Node p = item.begin()->second;
    f_.expect_map(p, "the parameters of '" + kind + "'");
    FieldObject o;
    o.line = line_of(p);
    o.name = f_.name(p, "name", kind);
    o.at = relative ? point(p, "at", Vec2{}) : point(p, "at");
    if (kind == "hanging_ball") {
      f_.only_keys(p, {"name", "at", "radius", "mass", "pivot_height", "string", "damping", "colour"});
      o.shape = hanging_ball(p, HangingBall{});
    } else if (kind == "ball") {
      f_.only_keys(p, {"name", "at", "radius", "mass", "colour"});
      FreeBall b;
      b.radius = bounded(p, "radius", 0.01, 0.5, b.radius);
      b.mass = bounded(p, "mass", 0.005, 20, b.mass);
      b.colour = colour(p, b.colour);
      o.shape = b;
    } else if (kind == "bottle") {
      f_.only_keys(p, {"name", "at", "radius", "height", "mass", "colour"});
      Bottle b;
      b.radius = bounded(p, "radius", 0.01, 0.5, b.radius);
      b.height = bounded(p, "height", 0.02, 2, b.height);
      b.mass = bounded(p, "mass", 0.005, 50, b.mass);
      b.colour = colour(p, b.colour);
      o.shape = b;
    } else if (kind == "goal") {
      f_.only_keys(p, {"name", "at", "width", "height", "depth", "post_radius", "yaw_deg", "colour"});
      Goal g;
      g.width = bounded(p, "width", 0.1, 10, g.width);
      g.height = bounded(p, "height", 0.1, 3, g.height);
      g.depth = bounded(p, "depth", 0, 5, g.depth);
      g.post_radius = bounded(p, "post_radius", 0.003, 0.1, g.post_radius);
      g.yaw_deg = bounded(p, "yaw_deg", -360, 360, 0);
      g.colour = colour(p, g.colour);
      o.shape = g;
    } else if (kind == "low_bar") {
      f_.only_keys(p, {"name", "at", "length", "section", "clearance", "colour"});
      LowBar b;
      b.length = bounded(p, "length", 0.2, 10, b.length);
      b.section = bounded(p, "section", 0.01, 0.5, b.section);
      b.clearance = bounded(p, "clearance", 0.05, 2, b.clearance);
      b.colour = colour(p, b.colour);
      o.shape = b;
    } else if (kind == "cubes") {
      f_.only_keys(p, {"name", "at", "count", "size", "gap", "colour"});
      Cubes c;
      c.count = static_cast<int>(bounded(p, "count", 1, 20, c.count));
      c.size = bounded(p, "size", 0.02, 2, c.size);
      c.gap = bounded(p, "gap", 0, 2, c.gap);
      c.colour = colour(p, c.colour);
      o.shape = c;
    } else {
      f_.fail(item.begin()->first,
              "unknown object '" + kind + "'; allowed: hanging_ball, ball, bottle, goal, low_bar, cubes");
    }
    return o;
  }

  HangingBall hanging_ball(const YAML::Node& p, HangingBall b) const {
    b.radius = bounded(p, "radius", 0.01, 0.5, b.radius);
    b.mass = bounded(p, "mass", 0.005, 20, b.mass);
    b.pivot_height = bounded(p, "pivot_height", 0.05, 5, b.pivot_height);
    b.string_length = bounded(p, "string", 0.01, 5, b.string_length);
    if (b.pivot_height - b.string_length - b.radius < 0.005)
      f_.fail(p["string"].IsDefined() ? p["string"] : p,
              "the ball would touch the floor: keep pivot_height - string - radius >= 0.005 m");
    b.damping = bounded(p, "damping", 0, 10, b.damping);
    b.colour = colour(p, b.colour);
    return b;
  }

  std::vector<int> indices(const YAML::Node& n, const char* key, int lo, int hi) const {
    std::vector<int> out;
    for (double v : f_.numbers(n, key, 0)) {
      if (v != std::floor(v) || v < lo || v > hi)
        f_.fail(n[key], std::string("'") + key + "' holds whole numbers from " + std::to_string(lo) + " to " +
                            std::to_string(hi));
      out.push_back(static_cast<int>(v));
    }
    return out;
  }

  BallGrid ball_grid(const YAML::Node& n) const {
    f_.expect_map(n, "a ball grid");
    f_.only_keys(n, {"name", "columns", "rows", "always_plain", "published", "ball", "target_colour"});
    BallGrid g;
    g.line = line_of(n);
    g.name = f_.name(n, "name");
    g.column_x = f_.numbers(n, "columns", 0);
    g.row_y = f_.numbers(n, "rows", 0);
    const size_t size = g.column_x.size();
    if (size < 2 || size > 8 || g.row_y.size() != size)
      f_.fail(n["rows"], "a ball grid is square: 'columns' and 'rows' list the same number (2 to 8) of coordinates");
    const int count = static_cast<int>(size);
    const YAML::Node plain = f_.require(n, "always_plain");
    f_.expect_sequence(plain, "'always_plain'");
    for (const YAML::Node& cell : plain) {
      if (!cell.IsSequence() || cell.size() != 2) f_.fail(cell, "each 'always_plain' cell is [row, column]");
      std::array<int, 2> rc{};
      for (int k = 0; k < 2; ++k) {
        const double v = f_.as_number(cell[k], "a cell's row or column");
        if (v != std::floor(v) || v < 1 || v > count)
          f_.fail(cell, "rows and columns are numbered 1 to " + std::to_string(count));
        rc[static_cast<size_t>(k)] = static_cast<int>(v);
      }
      g.always_plain.push_back(rc);
    }
    g.published = indices(n, "published", 1, count);
    if (g.published.size() != size) f_.fail(n["published"], "'published' gives the target column of every row");
    if (std::set<int>(g.published.begin(), g.published.end()).size() != size)
      f_.fail(n["published"], "'published' must hold every column once: one target per row and per column");
    for (size_t r = 0; r < size; ++r)
      for (const auto& cell : g.always_plain)
        if (cell[0] == static_cast<int>(r) + 1 && cell[1] == g.published[r])
          f_.fail(n["published"],
                  "'published' puts a target in an 'always_plain' cell (row " + std::to_string(r + 1) + ")");
    const YAML::Node ball = f_.require(n, "ball");
    f_.expect_map(ball, "'ball'");
    f_.only_keys(ball, {"radius", "mass", "pivot_height", "string", "damping", "colour"});
    g.ball = hanging_ball(ball, HangingBall{});
    if (n["target_colour"].IsDefined()) {
      const std::vector<double> c = f_.numbers(n, "target_colour", 3);
      g.target_colour = {c[0], c[1], c[2]};
    }
    return g;
  }

  TunnelItem tunnel_item(const YAML::Node& n, size_t channels) const {
    f_.expect_map(n, "a tunnel item");
    f_.only_keys(n, {"name", "y", "published", "objects"});
    TunnelItem t;
    t.line = line_of(n);
    t.name = f_.name(n, "name");
    const std::vector<double> y = f_.numbers(n, "y", 2);
    if (y[0] > y[1] || std::abs(y[0]) > kFieldExtent || std::abs(y[1]) > kFieldExtent)
      f_.fail(n["y"], "'y' is [lowest, highest] of where the item may stand along its channel");
    t.y_min = y[0];
    t.y_max = y[1];
    const YAML::Node pub = f_.require(n, "published");
    f_.only_keys(pub, {"channel", "y"});
    t.published_channel = static_cast<int>(bounded(pub, "channel", 1, static_cast<double>(channels))) - 1;
    t.published_y = bounded(pub, "y", t.y_min, t.y_max);
    const YAML::Node objects = sequence(n, "objects");
    if (!objects.IsDefined() || objects.size() == 0) f_.fail(n, "a tunnel item needs 'objects'");
    for (const YAML::Node& o : objects) t.objects.push_back(object(o, true));
    return t;
  }

  Tunnel tunnel(const YAML::Node& n) const {
    f_.expect_map(n, "a tunnel");
    f_.only_keys(n, {"channels", "channel_width", "spacing", "targets", "obstacles"});
    Tunnel t;
    t.line = line_of(n);
    t.channel_x = f_.numbers(n, "channels", 0);
    if (t.channel_x.empty() || t.channel_x.size() > 8)
      f_.fail(n["channels"], "'channels' lists 1 to 8 channel centres (x)");
    t.channel_width = bounded(n, "channel_width", 0.2, 10);
    t.spacing = bounded(n, "spacing", 0, 10);
    for (const char* group : {"targets", "obstacles"}) {
      const YAML::Node items = sequence(n, group);
      if (!items.IsDefined() || items.size() != t.channel_x.size())
        f_.fail(items.IsDefined() ? items : n,
                std::string("'") + group + "' needs one item per channel (" + std::to_string(t.channel_x.size()) + ")");
      auto& out = std::string(group) == "targets" ? t.targets : t.obstacles;
      std::set<int> channels;
      for (const YAML::Node& item : items) {
        out.push_back(tunnel_item(item, t.channel_x.size()));
        if (!channels.insert(out.back().published_channel).second)
          f_.fail(item["published"], std::string("two ") + group + " are published in the same channel");
      }
    }
    // A channel's target stands at least `spacing` past (north of) its
    // obstacle: every draw must have room, and so must the published layout.
    for (const TunnelItem& o : t.obstacles)
      for (const TunnelItem& target : t.targets) {
        if (o.y_min + t.spacing > target.y_max)
          f_.fail(n["spacing"], "obstacle '" + o.name + "' may stand where target '" + target.name +
                                    "' has no room 'spacing' past it: lower the obstacle's 'y' or raise the target's");
        if (o.published_channel == target.published_channel && o.published_y + t.spacing > target.published_y)
          f_.fail(n["spacing"], "published: target '" + target.name + "' stands less than 'spacing' past obstacle '" +
                                    o.name + "' in its channel");
      }
    return t;
  }

  FieldSegment segment(const YAML::Node& n) const {
    f_.expect_map(n, "a segment");
    f_.only_keys(n, {"name", "start", "end"});
    FieldSegment s;
    s.line = line_of(n);
    s.name = f_.name(n, "name");
    s.start = line_across(n, "start");
    s.end = line_across(n, "end");
    return s;
  }

  // 'points:' after the segments and objects it refers to.
  FieldPoints points(const YAML::Node& n, const FieldCourse& c) const {
    f_.expect_map(n, "'points'");
    f_.only_keys(n, {"segments", "deductions", "thresholds", "beam_segment", "kick_out"});
    FieldPoints p;
    p.line = line_of(n);
    p.segment_points = f_.numbers(n, "segments", 0);
    if (p.segment_points.size() != c.segments.size())
      f_.fail(n["segments"], "'segments' lists " + std::to_string(p.segment_points.size()) +
                                 " points values; the field has " + std::to_string(c.segments.size()) + " segments");
    for (double v : p.segment_points)
      if (v < 0 || v > 1e6) f_.fail(n["segments"], "each segment's points must be between 0 and 1e6");

    const YAML::Node deductions = f_.require(n, "deductions");
    f_.expect_map(deductions, "'deductions'");
    for (const auto& entry : deductions) {
      const std::string key = entry.first.as<std::string>();
      size_t rule = 0;
      while (rule < kFieldRuleCount && key != field_rule_name(static_cast<FieldRule>(rule))) ++rule;
      if (rule == kFieldRuleCount) {
        std::string allowed;
        for (size_t k = 0; k < kFieldRuleCount; ++k)
          allowed += std::string(k ? ", " : "") + field_rule_name(static_cast<FieldRule>(k));
        f_.fail(entry.first, "unknown deduction '" + key + "'; allowed: " + allowed);
      }
      p.deduct[rule] = bounded(deductions, key.c_str(), 0, 1e6);
    }

    if (const YAML::Node t = n["thresholds"]; t.IsDefined()) {
      f_.expect_map(t, "'thresholds'");
      f_.only_keys(t, {"swing_deg", "tilt_deg", "line_margin_m", "touch_rejoin_s", "floor_sole_m", "lying_height_m",
                       "lying_hold_s"});
      FieldThresholds& h = p.thresholds;
      constexpr double kDeg = 3.14159265358979323846 / 180;
      h.swing = bounded(t, "swing_deg", 0.5, 90, h.swing / kDeg) * kDeg;
      h.tilt = bounded(t, "tilt_deg", 1, 90, h.tilt / kDeg) * kDeg;
      h.line_margin = bounded(t, "line_margin_m", 0, 0.5, h.line_margin);
      h.touch_rejoin = bounded(t, "touch_rejoin_s", 0, 60, h.touch_rejoin);
      h.floor_sole = bounded(t, "floor_sole_m", 0, 1, h.floor_sole);
      h.lying_height = bounded(t, "lying_height_m", 0.01, 1, h.lying_height);
      h.lying_hold = bounded(t, "lying_hold_s", 0, 60, h.lying_hold);
    }
    if (n["beam_segment"].IsDefined()) {
      p.beam_segment = f_.integer(n, "beam_segment") - 1;
      if (p.beam_segment < 0 || p.beam_segment >= static_cast<int>(c.segments.size()))
        f_.fail(n["beam_segment"], "'beam_segment' is a segment number, 1 to " + std::to_string(c.segments.size()));
    }
    if (const YAML::Node k = n["kick_out"]; k.IsDefined()) {
      f_.expect_map(k, "'kick_out'");
      f_.only_keys(k, {"object", "x", "y"});
      p.kick_out_object = f_.name(k, "object");
      const bool known = std::any_of(c.objects.begin(), c.objects.end(),
                                     [&](const FieldObject& o) { return o.name == p.kick_out_object; });
      if (!known)
        f_.fail(k["object"], "'kick_out' object '" + p.kick_out_object + "' is not one of the field's 'objects'");
      const std::vector<double> x = f_.numbers(k, "x", 2), y = f_.numbers(k, "y", 2);
      if (x[1] <= x[0] || y[1] <= y[0]) f_.fail(k, "'kick_out' region is {x: [min, max], y: [min, max]}");
      p.kick_out_region = {x[0], x[1], y[0], y[1]};
    }
    return p;
  }

 private:
  const YamlFile& f_;
};

}  // namespace

FieldCourse read_field_course(const YamlFile& f, const YAML::Node& n) {
  const Reader r(f);
  f.expect_map(n, "'field'");
  f.only_keys(n, {"bounds", "path", "segments", "lines", "solids", "decks", "objects", "ball_grids", "tunnels",
                  "finish_circle", "announcements", "points"});
  FieldCourse c;
  c.line = n.Mark().line + 1;

  const YAML::Node bounds = f.require(n, "bounds");
  f.only_keys(bounds, {"x", "y"});
  const std::vector<double> bx = f.numbers(bounds, "x", 2), by = f.numbers(bounds, "y", 2);
  if (bx[1] - bx[0] < 0.5 || by[1] - by[0] < 0.5)
    f.fail(bounds, "'bounds' is {x: [min, max], y: [min, max]}, at least 0.5 m each way");
  c.bounds = {bx[0], bx[1], by[0], by[1]};

  const YAML::Node path = f.require(n, "path");
  f.expect_sequence(path, "'path'");
  if (path.size() < 2) f.fail(path, "'path' needs at least two points");
  for (size_t i = 0; i < path.size(); ++i) {
    c.path.push_back(r.point(path[i], "path point " + std::to_string(i + 1)));
    if (i > 0 && std::hypot(c.path[i].x - c.path[i - 1].x, c.path[i].y - c.path[i - 1].y) < 0.01)
      f.fail(path[i], "path points must be at least 1 cm apart");
    if (!c.bounds.contains(c.path[i].x, c.path[i].y)) f.fail(path[i], "path point outside the field's 'bounds'");
  }

  if (const YAML::Node list = r.sequence(n, "segments"); list.IsDefined())
    for (const YAML::Node& s : list) c.segments.push_back(r.segment(s));
  if (const YAML::Node list = r.sequence(n, "lines"); list.IsDefined())
    for (const YAML::Node& l : list) c.lines.push_back(r.painted_line(l));
  if (const YAML::Node list = r.sequence(n, "solids"); list.IsDefined())
    for (const YAML::Node& s : list) c.solids.push_back(r.solid(s));
  if (const YAML::Node list = r.sequence(n, "decks"); list.IsDefined())
    for (const YAML::Node& d : list) c.decks.push_back(r.deck(d));
  if (const YAML::Node list = r.sequence(n, "objects"); list.IsDefined())
    for (const YAML::Node& o : list) c.objects.push_back(r.object(o, false));
  if (const YAML::Node list = r.sequence(n, "ball_grids"); list.IsDefined())
    for (const YAML::Node& g : list) c.ball_grids.push_back(r.ball_grid(g));
  if (const YAML::Node list = r.sequence(n, "tunnels"); list.IsDefined())
    for (const YAML::Node& t : list) c.tunnels.push_back(r.tunnel(t));

  const YAML::Node finish = f.require(n, "finish_circle");
  f.only_keys(finish, {"centre", "radius"});
  c.finish.centre = r.point(finish, "centre");
  c.finish.radius = r.bounded(finish, "radius", 0.05, 5);

  if (const YAML::Node a = n["announcements"]; a.IsDefined()) {
    f.expect_map(a, "'announcements'");
    f.only_keys(a, {"segment", "range", "half_angle_deg"});
    c.announcements.judged = true;
    c.announcements.line = r.line_of(a);
    c.announcements.segment = f.integer(a, "segment");
    if (c.announcements.segment < 1 || c.announcements.segment > static_cast<int>(c.segments.size()))
      f.fail(a["segment"], "'segment' is the number (from 1) of one of the field's 'segments'");
    c.announcements.range = r.bounded(a, "range", 0.2, 10, 1.5);
    c.announcements.half_angle_deg = r.bounded(a, "half_angle_deg", 1, 180, 45);
  }
  if (n["points"].IsDefined()) c.points = r.points(n["points"], c);
  return c;
}

}  // namespace simarena
