// A field course: a contest course laid out on a flat field (x right, y
// toward the finish) instead of end to end along +x, read from the 'field:'
// block of a track file. Painted lines, static solids, bridge decks, objects
// (hanging and free balls, bottles, goals, low bars, cubes), the seeded
// ball grid and tunnel, the segments with their start and end lines, and the
// route (`path`) along which progress is measured. Plain data: the seeded
// placement is field_layout.h, the MJCF field_mjcf.h.
#pragma once

#include <array>
#include <string>
#include <variant>
#include <vector>

namespace simarena {

struct Vec2 {
  double x = 0, y = 0;
};
using Rgb = std::array<double, 3>;  // 0..1

// --- Painted lines: visual only; the referee tests feet against them. ---
enum class LineStyle { solid, dashed };  // solid: may not be touched; dashed: may be crossed
struct LineSegment {
  Vec2 from, to;  // centre line
};
struct LineArc {
  Vec2 centre;
  double radius = 0;
  double from_deg = 0, to_deg = 0;  // angles of the centre line's ends; to < from runs clockwise
};
struct PaintedLine {
  std::string name;
  std::variant<LineSegment, LineArc> shape;
  double width = 0.1;  // m
  double z = 0;        // m of the surface it is painted on (0: the floor; a deck's height on a bridge)
  LineStyle style = LineStyle::solid;
  double dash = 0.1, gap = 0.1;  // m, dashed lines only
  Rgb colour{1, 1, 0};
  int line = 0;  // in the track file
};

// --- Static bodies. ---
// A box resting on the floor: stones (walkable) or, with obstacle = true,
// something the robot must not touch (the probe does not count it as ground).
struct SolidBox {
  std::string name;
  Vec2 at;                       // centre
  std::array<double, 3> size{};  // m, full extents x, y, z (z from the floor up)
  double yaw_deg = 0;
  bool obstacle = false;
  Rgb colour{0.37, 0.41, 0.41};
  int line = 0;
};
// A plank of a bridge: its top face runs along the centre line from `from`
// to `to` at heights height_from..height_to, and is `bank` m higher on the
// left edge (seen walking from `from` to `to`) than on the right.
struct Deck {
  std::string name;
  Vec2 from, to;
  double width = 0.5;
  double height_from = 0, height_to = 0;
  double bank = 0;
  Rgb colour{0.37, 0.41, 0.41};
  int line = 0;
};

// --- Objects (positions are where they stand; in tunnel items relative to the item's anchor). ---
// A ball hanging on a string from a fixed pivot (a ball joint): hit, it sways.
struct HangingBall {
  double radius = 0.1, mass = 0.08;
  double pivot_height = 0.6;   // m above the floor
  double string_length = 0.3;  // m from the pivot to the ball's centre
  double damping = 0.002;      // N·m·s/rad at the pivot
  Rgb colour{0.92, 0.45, 0.17};
};
// A free ball lying on the floor (the football).
struct FreeBall {
  double radius = 0.1, mass = 0.36;
  Rgb colour{1, 1, 1};
};
// A free upright cylinder (the coke bottle).
struct Bottle {
  double radius = 0.055, height = 0.31, mass = 2.1;
  Rgb colour{0.1, 0.1, 0.1};
};
// A goal frame: two posts and a crossbar across the mouth at `at`, the net's
// frame `depth` behind it (toward +y rotated by yaw). Static; an obstacle.
struct Goal {
  double width = 0.54, height = 0.49, depth = 0.5, post_radius = 0.015;
  double yaw_deg = 0;  // 0: the mouth faces -y (a ball enters moving +y)
  Rgb colour{1, 1, 1};
};
// A height-limit bar: a square crossbar on two posts, across the x axis at `at`.
struct LowBar {
  double length = 1.0, section = 0.1, clearance = 0.4;  // clearance: bottom of the crossbar above the floor
  Rgb colour{1, 0, 0};
};
// Impassable obstacle: `count` cubes side by side along x with gaps.
struct Cubes {
  int count = 2;
  double size = 0.2, gap = 0.1;
  Rgb colour{0.37, 0.41, 0.41};
};

using ObjectShape = std::variant<HangingBall, FreeBall, Bottle, Goal, LowBar, Cubes>;
// Kind names as written in track files ("hanging_ball", ...).
const char* object_kind(const ObjectShape& shape);

struct FieldObject {
  std::string name;
  ObjectShape shape;
  Vec2 at;
  bool target = false;  // a ball-grid target or part of a tunnel target item (set when placed)
  int line = 0;
};

// --- Seeded parts. ---
// Segment 2: a grid of hanging balls; one target per row and per column,
// never in the `always_plain` cells. Rows and columns are numbered from 1.
struct BallGrid {
  std::string name;
  std::vector<double> column_x;                  // C1..Cn
  std::vector<double> row_y;                     // R1..Rn
  std::vector<std::array<int, 2>> always_plain;  // {row, column}
  std::vector<int> published;                    // column of the target in each row at seed 0
  HangingBall ball;                              // colour: the plain balls'
  Rgb target_colour{0.92, 0.45, 0.17};
  int line = 0;
};

// Segment 4: parallel channels; each holds one target item and one obstacle
// item, shuffled over the channels and slid along y within their ranges, the
// target at least `spacing` past (at greater y than) its channel's obstacle.
struct TunnelItem {
  std::string name;
  double y_min = 0, y_max = 0;  // where the anchor may go along its channel
  int published_channel = 0;    // 0-based, seed 0
  double published_y = 0;
  std::vector<FieldObject> objects;  // `at` relative to the anchor (channel centre x, chosen y)
  int line = 0;
};
struct Tunnel {
  std::vector<double> channel_x;  // channel centres
  double channel_width = 1.0;
  double spacing = 0.2;  // m from a channel's obstacle anchor to its target anchor, at least
  std::vector<TunnelItem> targets, obstacles;
  int line = 0;
};

// --- Judging geometry for a referee. ---
struct FieldSegment {
  std::string name;
  std::array<Vec2, 2> start, end;  // lines across the route: the segment starts and ends crossing them
  int line = 0;
};
struct FinishCircle {
  Vec2 centre;
  double radius = 0.25;
};
// Where controllers announce what they recognised (docs/rules.md,
// "Announcements"): the tunnel's items. A recognition is judged against the
// item object nearest the body's centre within `range` and within
// `half_angle_deg` of its heading; when the body leaves `segment`'s end line,
// every item object it came within `range` of and never announced rightly is
// missing.
struct Announcements {
  bool judged = false;         // the track file has an 'announcements:' block
  int segment = 0;             // 1-based, into FieldCourse::segments
  double range = 1.5;          // m
  double half_angle_deg = 45;  // deg either side of the heading
  int line = 0;
};
struct FieldBounds {
  double x_min = 0, x_max = 0, y_min = 0, y_max = 0;  // the inside of the outer border
  bool contains(double x, double y) const { return x >= x_min && x <= x_max && y >= y_min && y <= y_max; }
};

struct FieldCourse {
  FieldBounds bounds;
  std::vector<Vec2> path;  // the route's centre line; progress is measured along it
  std::vector<FieldSegment> segments;
  std::vector<PaintedLine> lines;
  std::vector<SolidBox> solids;
  std::vector<Deck> decks;
  std::vector<FieldObject> objects;  // fixed objects
  std::vector<BallGrid> ball_grids;
  std::vector<Tunnel> tunnels;
  FinishCircle finish;
  Announcements announcements;
  int line = 0;

  bool randomized() const { return !ball_grids.empty() || !tunnels.empty(); }
};

}  // namespace simarena
