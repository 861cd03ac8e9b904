#include "simarena/track/field_mjcf.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <sstream>
#include <string>

#include "simarena/base/formatted.h"
#include "simarena/track/painted_line.h"

namespace simarena {
namespace {

constexpr double kLineLift = 0.0015;      // m: painted lines float this far above their surface (no z-fighting)
constexpr double kLineThickness = 0.001;  // m
constexpr double kArcPiece = 5.0;         // degrees per straight piece of a painted arc
constexpr double kDeckSkirt = 0.05;       // m a plank's box reaches below the floor

std::string rgba(const Rgb& c) { return mjcf_vector(c[0], c[1], c[2]) + " 1"; }
// A rotation about z, as a quaternion (independent of the robot MJCF's angle unit).
std::string yaw_quat(double yaw) { return mjcf_number(std::cos(yaw / 2)) + " 0 0 " + mjcf_number(std::sin(yaw / 2)); }
double radians(double deg) { return deg * std::numbers::pi / 180; }

class FieldWriter {
 public:
  explicit FieldWriter(SceneMjcf& arena) : arena_(arena) {}

  void from_line(int line) { line_ = line; }

  // A flat strip of paint from a to b (centre line), `width` wide, at surface height z.
  void paint(const std::string& name, Vec2 a, Vec2 b, double width, double z, const Rgb& colour) {
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    if (length < 1e-4) return;
    note(name);
    body_ << "\n    <geom name=\"" << name << "\" type=\"box\" pos=\""
          << mjcf_vector((a.x + b.x) / 2, (a.y + b.y) / 2, z + kLineLift) << "\" quat=\""
          << yaw_quat(std::atan2(b.y - a.y, b.x - a.x)) << "\" size=\""
          << mjcf_vector(length / 2, width / 2, kLineThickness / 2) << "\" rgba=\"" << rgba(colour)
          << "\" contype=\"0\" conaffinity=\"0\"/>";
  }

  // A painted line as straight strips: one per solid line or dash, arcs cut into kArcPiece-degree chords.
  void line(size_t index, const PaintedLine& l) {
    from_line(l.line);
    const std::string base = "mark_field_line_" + std::to_string(index) + "_";
    const auto* arc = std::get_if<LineArc>(&l.shape);
    const double step = arc != nullptr ? radians(kArcPiece) * arc->radius : std::numeric_limits<double>::infinity();
    int piece = 0;
    for (const auto& [s0, s1] : painted_pieces(l)) {
      const int n = std::max(1, static_cast<int>(std::ceil((s1 - s0) / step - 1e-9)));
      for (int k = 0; k < n; ++k)
        paint(base + std::to_string(piece++), line_point(l, s0 + (s1 - s0) * k / n),
              line_point(l, s0 + (s1 - s0) * (k + 1) / n), l.width, l.z, l.colour);
    }
  }

  // A static box standing on the floor at (x, y), rotated by yaw.
  void box(const std::string& name, double x, double y, double z0, const std::array<double, 3>& size, double yaw,
           const Rgb& colour) {
    note(name);
    body_ << "\n    <geom name=\"" << name << "\" type=\"box\" pos=\"" << mjcf_vector(x, y, z0 + size[2] / 2)
          << "\" quat=\"" << yaw_quat(yaw) << "\" size=\"" << mjcf_vector(size[0] / 2, size[1] / 2, size[2] / 2)
          << "\" rgba=\"" << rgba(colour) << "\" contype=\"1\" conaffinity=\"1\"/>";
  }

  void solid(size_t index, const SolidBox& s) {
    from_line(s.line);
    box((s.obstacle ? std::string(kObstaclePrefix) : std::string("field_")) + "solid_" + std::to_string(index), s.at.x,
        s.at.y, 0, s.size, radians(s.yaw_deg), s.colour);
  }

  // A plank whose top face is the deck's surface; the box reaches below the floor.
  void deck(size_t index, const Deck& d) {
    from_line(d.line);
    const std::string name = "field_deck_" + std::to_string(index);
    const double length = std::hypot(d.to.x - d.from.x, d.to.y - d.from.y);
    const double ux = (d.to.x - d.from.x) / length, uy = (d.to.y - d.from.y) / length;
    // Axes of the top face: x along the deck (with its rise), y across it to the left (with its bank).
    double ex[3] = {ux * length, uy * length, d.height_to - d.height_from};
    double ey[3] = {-uy * d.width, ux * d.width, d.bank};
    const auto normalise = [](double* v) {
      const double n = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
      for (int i = 0; i < 3; ++i) v[i] /= n;
    };
    const double half_length = std::hypot(length, d.height_to - d.height_from) / 2;
    const double half_width = std::hypot(d.width, d.bank) / 2;
    normalise(ex);
    normalise(ey);
    double ez[3] = {ex[1] * ey[2] - ex[2] * ey[1], ex[2] * ey[0] - ex[0] * ey[2], ex[0] * ey[1] - ex[1] * ey[0]};
    normalise(ez);
    const double half_thickness = (std::max(d.height_from, d.height_to) + std::abs(d.bank) / 2 + kDeckSkirt) / 2;
    const double top[3] = {(d.from.x + d.to.x) / 2, (d.from.y + d.to.y) / 2, (d.height_from + d.height_to) / 2};
    note(name);
    body_ << "\n    <geom name=\"" << name << "\" type=\"box\" pos=\""
          << mjcf_vector(top[0] - ez[0] * half_thickness, top[1] - ez[1] * half_thickness,
                         top[2] - ez[2] * half_thickness)
          << "\" xyaxes=\"" << mjcf_vector(ex[0], ex[1], ex[2]) << " " << mjcf_vector(ey[0], ey[1], ey[2])
          << "\" size=\"" << mjcf_vector(half_length, half_width, half_thickness) << "\" rgba=\"" << rgba(d.colour)
          << "\" contype=\"1\" conaffinity=\"1\"/>";
  }

  void object(size_t index, const FieldObject& o) {
    from_line(o.line);
    const std::string name = std::string(kFieldObjectPrefix) + std::to_string(index);
    std::visit([&](const auto& shape) { write(name, o.at, shape); }, o.shape);
  }

  // The finish circle: a white ring on the floor.
  void finish_circle(const FinishCircle& f, int line) {
    from_line(line);
    const int n = static_cast<int>(std::ceil(360 / kArcPiece));
    const auto at = [&](int k) {
      const double angle = 2 * std::numbers::pi * k / n;
      return Vec2{f.centre.x + f.radius * std::cos(angle), f.centre.y + f.radius * std::sin(angle)};
    };
    for (int k = 0; k < n; ++k) paint("mark_field_finish_" + std::to_string(k), at(k), at(k + 1), 0.03, 0, {1, 1, 1});
  }

  std::string worldbody() const { return body_.str(); }

 private:
  SceneMjcf& arena_;
  std::ostringstream body_;
  int line_ = 0;

  void note(const std::string& name) { arena_.source_lines[name] = line_; }

  // Explicit inertia everywhere: the robot's MJCF may switch off inertia from geoms.
  void write(const std::string& name, Vec2 at, const HangingBall& b) {
    const double inertia = 0.4 * b.mass * b.radius * b.radius;
    note(name);
    body_ << "\n    <body name=\"" << name << "\" pos=\"" << mjcf_vector(at.x, at.y, b.pivot_height) << "\">"
          << "<joint name=\"" << name << "\" type=\"ball\" damping=\"" << mjcf_number(b.damping) << "\"/>"
          << "<inertial pos=\"" << mjcf_vector(0, 0, -b.string_length) << "\" mass=\"" << mjcf_number(b.mass)
          << "\" diaginertia=\"" << mjcf_vector(inertia, inertia, inertia) << "\"/>"
          << "<geom name=\"" << name << "_ball\" type=\"sphere\" size=\"" << mjcf_number(b.radius) << "\" pos=\""
          << mjcf_vector(0, 0, -b.string_length) << "\" mass=\"" << mjcf_number(b.mass) << "\" rgba=\""
          << rgba(b.colour) << "\" contype=\"1\" conaffinity=\"1\"/>"
          << "<geom name=\"" << name << "_string\" type=\"capsule\" size=\"0.002\" fromto=\"0 0 0 "
          << mjcf_vector(0, 0, -(b.string_length - b.radius)) << "\" mass=\"0\" rgba=\"0.9 0.9 0.9 1\""
          << " contype=\"0\" conaffinity=\"0\"/></body>";
  }
  void write(const std::string& name, Vec2 at, const FreeBall& b) {
    const double inertia = 2.0 / 3.0 * b.mass * b.radius * b.radius;  // a hollow ball
    note(name);
    body_ << "\n    <body name=\"" << name << "\" pos=\"" << mjcf_vector(at.x, at.y, b.radius) << "\">"
          << "<freejoint name=\"" << name << "\"/>"
          << "<inertial pos=\"0 0 0\" mass=\"" << mjcf_number(b.mass) << "\" diaginertia=\""
          << mjcf_vector(inertia, inertia, inertia) << "\"/>"
          << "<geom name=\"" << name << "_ball\" type=\"sphere\" size=\"" << mjcf_number(b.radius) << "\" mass=\""
          << mjcf_number(b.mass) << "\" rgba=\"" << rgba(b.colour)
          << "\" contype=\"1\" conaffinity=\"1\" friction=\"0.8 0.01 0.001\"/></body>";
  }
  void write(const std::string& name, Vec2 at, const Bottle& b) {
    const double across = b.mass * (3 * b.radius * b.radius + b.height * b.height) / 12;
    const double along = b.mass * b.radius * b.radius / 2;
    note(name);
    body_ << "\n    <body name=\"" << name << "\" pos=\"" << mjcf_vector(at.x, at.y, b.height / 2) << "\">"
          << "<freejoint name=\"" << name << "\"/>"
          << "<inertial pos=\"0 0 0\" mass=\"" << mjcf_number(b.mass) << "\" diaginertia=\""
          << mjcf_vector(across, across, along) << "\"/>"
          << "<geom name=\"" << name << "_bottle\" type=\"cylinder\" size=\"" << mjcf_number(b.radius) << " "
          << mjcf_number(b.height / 2) << "\" mass=\"" << mjcf_number(b.mass) << "\" rgba=\"" << rgba(b.colour)
          << "\" contype=\"1\" conaffinity=\"1\"/></body>";
  }
  // A thin static bar from a to b (local goal frame turned into world coordinates by the caller).
  void bar(const std::string& name, const double* a, const double* b, double radius, const Rgb& colour) {
    note(name);
    body_ << "\n    <geom name=\"" << name << "\" type=\"capsule\" size=\"" << mjcf_number(radius) << "\" fromto=\""
          << mjcf_vector(a[0], a[1], a[2]) << " " << mjcf_vector(b[0], b[1], b[2]) << "\" rgba=\"" << rgba(colour)
          << "\" contype=\"1\" conaffinity=\"1\"/>";
  }
  void write(const std::string& name, Vec2 at, const Goal& g) {
    const double yaw = radians(g.yaw_deg), c = std::cos(yaw), s = std::sin(yaw);
    const double hw = g.width / 2, h = g.height;
    const auto world = [&](double lx, double ly, double z, double* out) {
      out[0] = at.x + c * lx - s * ly;
      out[1] = at.y + s * lx + c * ly;
      out[2] = z;
    };
    const std::string base = std::string(kObstaclePrefix) + name.substr(kFieldObjectPrefix.size()) + "_goal_";
    std::vector<std::array<double, 6>> bars = {{-hw, 0, 0, -hw, 0, h}, {hw, 0, 0, hw, 0, h}, {-hw, 0, h, hw, 0, h}};
    if (g.depth > 0) {
      const double d = g.depth;
      bars.push_back({-hw, d, 0, -hw, d, h});
      bars.push_back({hw, d, 0, hw, d, h});
      bars.push_back({-hw, d, h, hw, d, h});
      bars.push_back({-hw, 0, h, -hw, d, h});
      bars.push_back({hw, 0, h, hw, d, h});
    }
    for (size_t k = 0; k < bars.size(); ++k) {
      double a[3], b[3];
      world(bars[k][0], bars[k][1], bars[k][2], a);
      world(bars[k][3], bars[k][4], bars[k][5], b);
      bar(base + std::to_string(k), a, b, g.post_radius, g.colour);
    }
  }
  void write(const std::string& name, Vec2 at, const LowBar& b) {
    const std::string base = std::string(kObstaclePrefix) + name.substr(kFieldObjectPrefix.size()) + "_low_bar_";
    const double post_x = b.length / 2 - b.section / 2;
    for (int side : {-1, 1})
      box(base + (side < 0 ? "post_w" : "post_e"), at.x + side * post_x, at.y, 0, {b.section, b.section, b.clearance},
          0, b.colour);
    box(base + "crossbar", at.x, at.y, b.clearance, {b.length, b.section, b.section}, 0, b.colour);
  }
  void write(const std::string& name, Vec2 at, const Cubes& cubes) {
    const std::string base = std::string(kObstaclePrefix) + name.substr(kFieldObjectPrefix.size()) + "_cube_";
    const double span = cubes.count * cubes.size + (cubes.count - 1) * cubes.gap;
    for (int k = 0; k < cubes.count; ++k)
      box(base + std::to_string(k), at.x - span / 2 + cubes.size / 2 + k * (cubes.size + cubes.gap), at.y, 0,
          {cubes.size, cubes.size, cubes.size}, 0, cubes.colour);
  }
};

}  // namespace

void append_field_course(const FieldCourse& course, const FieldLayout& layout, SceneMjcf& arena) {
  FieldWriter w(arena);
  for (size_t i = 0; i < course.solids.size(); ++i) w.solid(i, course.solids[i]);
  for (size_t i = 0; i < course.decks.size(); ++i) w.deck(i, course.decks[i]);
  for (size_t i = 0; i < course.lines.size(); ++i) w.line(i, course.lines[i]);
  w.finish_circle(course.finish, course.line);
  for (size_t k = 0; k < layout.objects.size(); ++k) w.object(k, layout.objects[k]);
  arena.worldbody += w.worldbody();
}

}  // namespace simarena
