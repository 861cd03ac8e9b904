// The Xiaomi Cup 2026 course (arenas/xiaomi-cup-2026.yaml), a field course:
// it loads and compiles with the robot, its geometry is where the file puts
// it, the seeded parts are arranged as at the event (and identically for the
// same seed), hanging balls sway when hit, progress follows the route, and a
// run on it verifies from its replay.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "built_track.h"
#include "edited_copy.h"
#include "simarena/base/input_error.h"
#include "simarena/physics/world.h"
#include "simarena/playback/replay_verify.h"
#include "simarena/replay/replay_reader.h"
#include "simarena/run/run_session.h"
#include "simarena/tournament/tournament_seeds.h"
#include "simarena/track/course_path.h"
#include "simarena/track/field_layout.h"
#include "simarena/track/field_mjcf.h"
#include "simarena/track/painted_line.h"
#include "simarena/track/referee.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_mjcf.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;

namespace {

constexpr const char* kCourse = "xiaomi-cup-2026";

Track course() { return load_track(test::source_path("arenas/xiaomi-cup-2026.yaml")); }

using Built = test::BuiltTrack;
using test::ground_at;
Built build(const Track& track, uint64_t seed = 0) { return test::build_track(track, seed); }

const BallGrid& grid_of(const Track& t) { return t.field->ball_grids.at(0); }
const Tunnel& tunnel_of(const Track& t) { return t.field->tunnels.at(0); }

bool is_permutation_of_columns(const std::vector<int>& columns) {
  std::set<int> seen(columns.begin(), columns.end());
  return columns.size() == 4 && seen.size() == 4 && *seen.begin() == 1 && *seen.rbegin() == 4;
}

// The objects of one tunnel item kind (by the name the file gives it) in a layout.
std::vector<FieldObject> named(const FieldLayout& layout, const std::string& name) {
  std::vector<FieldObject> out;
  for (const FieldObject& o : layout.objects)
    if (o.name == name) out.push_back(o);
  return out;
}

double angle_from_vertical(const mjData* d, int qpos_adr) {
  // A ball joint's quaternion: the rotation's angle is 2 acos(w).
  return 2 * std::acos(std::clamp(std::abs(d->qpos[qpos_adr]), 0.0, 1.0));
}

}  // namespace

TEST_CASE("the Xiaomi Cup course is listed, loads with its rules and compiles with the robot") {
  const auto listed = list_tracks(default_search_paths());
  CHECK(std::find(listed.begin(), listed.end(), kCourse) != listed.end());
  const TrackWithRules loaded = load_track_with_rules(kCourse, default_search_paths());
  const Track& track = loaded.track;
  REQUIRE(track.field);
  CHECK(track.time_limit == 900);
  CHECK(track.field->segments.size() == 6);
  CHECK(track.length() > 50);
  CHECK(track.length() < 70);

  const Built b = build(track, 0);
  const mjModel* m = b.world->model();
  // The robot starts lying at the world's spawn point.
  const double* base = b.data->qpos + b.world->base_qpos_adr();
  CHECK(base[0] == Approx(0).margin(1e-9));
  CHECK(base[1] == Approx(0).margin(1e-9));

  // 16 grid balls + the tunnel's ball hang from ball joints; 3 free objects (two footballs, the bottle).
  int hanging = 0, free_objects = 0;
  for (int j = 0; j < m->njnt; ++j) {
    const char* name = mj_id2name(m, mjOBJ_JOINT, j);
    if (name == nullptr || std::string_view(name).rfind(kFieldObjectPrefix, 0) != 0) continue;
    if (m->jnt_type[j] == mjJNT_BALL) ++hanging;
    if (m->jnt_type[j] == mjJNT_FREE) ++free_objects;
  }
  CHECK(hanging == 17);
  CHECK(free_objects == 3);

  // Painted lines never collide; obstacles are named so the probe does not count them as ground.
  int lines = 0, obstacles = 0;
  for (int g = 0; g < m->ngeom; ++g) {
    const std::string name = mj_id2name(m, mjOBJ_GEOM, g) ? mj_id2name(m, mjOBJ_GEOM, g) : "";
    if (name.rfind("mark_field_", 0) == 0) {
      ++lines;
      CHECK(m->geom_contype[g] == 0);
      CHECK(m->geom_conaffinity[g] == 0);
    }
    if (name.rfind(kObstaclePrefix, 0) == 0) ++obstacles;
  }
  CHECK(lines > 100);
  CHECK(obstacles == 3 + 3 + 2 + 8);  // two low bars (posts + crossbar), two cubes, a goal of 8 bars

  // Heights where the file puts them: floor, stones, lines just above the floor, the bridge.
  CHECK(ground_at(b, 0.3, 0) == Approx(0).margin(1e-6));
  CHECK(ground_at(b, 1.2465, -0.02) == Approx(0.05).margin(1e-6));
  CHECK(ground_at(b, 1.5, 0.535) == Approx(0.002).margin(0.0006));  // a painted line, raised against z-fighting
  CHECK(ground_at(b, 3.125, 7.70) == Approx(0.055 + 0.04 / 4.5 * 0.157).margin(0.002));
  CHECK(ground_at(b, 3.125, 12.10) == Approx(0.212 - 0.06 / 4.5 * 0.157).margin(0.002));
  CHECK(ground_at(b, 1.5, 12.20) == Approx(0.213 - 0.04 / 0.5 * 0.104).margin(0.002));  // ring: outer edge high
  CHECK(ground_at(b, 1.5, 12.62) == Approx(0.109 + 0.04 / 0.5 * 0.104).margin(0.002));  // inner edge low
  CHECK(ground_at(b, 3.12, 14.0) == Approx(0.109).margin(0.002));
  CHECK(ground_at(b, 3.07, 13.67) == Approx(0.111).margin(0.0005));  // the jump line, painted on the deck
  // The low bar in channel 1 (seed 0): its crossbar's top at 0.5 m, free under it up to 0.4 m.
  CHECK(ground_at(b, -0.13, 9.60) == Approx(0.5).margin(1e-6));
}

TEST_CASE("the orange balls stand one per row and column, never by the entrance, and follow the seed") {
  const Track track = course();
  const BallGrid& grid = grid_of(track);
  CHECK(grid_arrangements(grid).size() == 8);  // the facts sheet's count: 1432 2431 3412 3421 4132 4231 4312 4321
  CHECK(place_field(*track.field, 0).target_columns.at(0) == std::vector<int>{1, 4, 3, 2});  // the world's

  std::set<std::vector<int>> seen;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    INFO("seed " << seed);
    const FieldLayout layout = place_field(*track.field, seed);
    const std::vector<int>& columns = layout.target_columns.at(0);
    CHECK(is_permutation_of_columns(columns));
    for (const auto& cell : grid.always_plain) CHECK(columns[static_cast<size_t>(cell[0] - 1)] != cell[1]);
    seen.insert(columns);
    // The balls themselves: 16, four orange ones exactly at the chosen cells.
    int orange = 0;
    for (const FieldObject& o : layout.objects) {
      const auto* ball = std::get_if<HangingBall>(&o.shape);
      if (ball == nullptr || o.name.rfind(grid.name + " R", 0) != 0) continue;
      const int row = o.name[grid.name.size() + 2] - '0', column = o.name[grid.name.size() + 4] - '0';
      const bool target = columns[static_cast<size_t>(row - 1)] == column;
      CHECK(o.target == target);
      CHECK(ball->colour == (target ? grid.target_colour : grid.ball.colour));
      CHECK(o.at.x == grid.column_x[static_cast<size_t>(column - 1)]);
      CHECK(o.at.y == grid.row_y[static_cast<size_t>(row - 1)]);
      orange += target;
    }
    CHECK(orange == 4);
  }
  CHECK(seen.size() >= 4);  // the seed changes the arrangement

  // Same seed, same MJCF; another seed, another one.
  CHECK(track_arena(track, 5).worldbody == track_arena(track, 5).worldbody);
  CHECK(track_arena(track, 0).worldbody == track_arena(course(), 0).worldbody);
  int differing = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed)
    differing += track_arena(track, seed).worldbody != track_arena(track, seed + 1).worldbody;
  CHECK(differing == 20);
}

TEST_CASE("the tunnel holds one target and one obstacle per channel and never blocks the way") {
  const Track track = course();
  const Tunnel& tunnel = tunnel_of(track);
  std::set<std::vector<int>> target_orders, obstacle_orders;
  for (uint64_t seed = 0; seed <= 200; ++seed) {
    INFO("seed " << seed);
    const FieldLayout layout = place_field(*track.field, seed);
    const TunnelPlacement& p = layout.tunnels.at(0);
    std::vector<int> targets = p.target_channel, obstacles = p.obstacle_channel;
    target_orders.insert(targets);
    obstacle_orders.insert(obstacles);
    std::sort(targets.begin(), targets.end());
    std::sort(obstacles.begin(), obstacles.end());
    CHECK(targets == std::vector<int>{0, 1, 2});
    CHECK(obstacles == std::vector<int>{0, 1, 2});
    for (size_t t = 0; t < tunnel.targets.size(); ++t) {
      const size_t o =
          static_cast<size_t>(std::find(p.obstacle_channel.begin(), p.obstacle_channel.end(), p.target_channel[t]) -
                              p.obstacle_channel.begin());
      // The target stands past its channel's obstacle, within its range.
      CHECK(p.target_y[t] >= p.obstacle_y[o] + tunnel.spacing - 1e-12);
      CHECK(p.target_y[t] >= tunnel.targets[t].y_min);
      CHECK(p.target_y[t] <= tunnel.targets[t].y_max);
    }
    // The cubes can be passed through a neighbouring channel: they stand
    // where the separators are dashed (y 7.66-9.16), with nothing else near
    // them in any channel.
    const std::vector<FieldObject> cubes = named(layout, "impassable obstacle");
    REQUIRE(cubes.size() == 1);
    CHECK(cubes[0].at.y - 0.1 >= 7.66);
    CHECK(cubes[0].at.y + 0.1 <= 9.16 - 0.3);
    for (const FieldObject& o : layout.objects)
      if (o.name != cubes[0].name && o.at.y > 7.0 && o.at.y < 12.0) CHECK(o.at.y - 0.3 > cubes[0].at.y + 0.3);
    // Every item inside its channel.
    for (const FieldObject& o : layout.objects) {
      if (o.at.y < 7.66 || o.at.y > 11.66) continue;
      const double nearest =
          *std::min_element(tunnel.channel_x.begin(), tunnel.channel_x.end(),
                            [&](double a, double b) { return std::abs(a - o.at.x) < std::abs(b - o.at.x); });
      CHECK(std::abs(o.at.x - nearest) < tunnel.channel_width / 2);
    }
  }
  CHECK(target_orders.size() == 6);  // every order of three happens
  CHECK(obstacle_orders.size() == 6);
}

TEST_CASE("hanging balls hang still, and sway when hit") {
  const Track track = course();
  Built b = build(track, 3);
  const mjModel* m = b.world->model();
  mjData* d = b.data.get();
  // The first grid ball (R1C1).
  const FieldLayout layout = place_field(*track.field, 3);
  const size_t index = track.field->objects.size();
  REQUIRE(layout.objects[index].name == "ball field R1C1");
  const std::string name = std::string(kFieldObjectPrefix) + std::to_string(index);
  const int joint = mj_name2id(m, mjOBJ_JOINT, name.c_str());
  const int body = mj_name2id(m, mjOBJ_BODY, name.c_str());
  REQUIRE(joint >= 0);
  REQUIRE(m->jnt_type[joint] == mjJNT_BALL);
  const int adr = m->jnt_qposadr[joint];

  const auto run = [&](double seconds) {
    double largest = 0;
    for (int i = 0; i < static_cast<int>(seconds / m->opt.timestep); ++i) {
      mj_step(m, d);
      largest = std::max(largest, angle_from_vertical(d, adr));
    }
    return largest;
  };
  CHECK(run(2.0) < 1e-6);  // untouched: still
  // A 0.1 s push of 1 N sideways at the ball (a robot's nudge).
  d->xfrc_applied[6 * body + 0] = 1.0;
  run(0.1);
  d->xfrc_applied[6 * body + 0] = 0;
  const double swing = run(1.0);
  CHECK(swing > 10 * M_PI / 180);  // visibly sways
  CHECK(swing < 90 * M_PI / 180);
  // The ball's centre stays on its string.
  const double* centre = d->xipos + 3 * body;
  CHECK(std::hypot(centre[0] - (-0.40), centre[1] - 3.86, centre[2] - 0.60) == Approx(0.30).margin(1e-6));
  // And damps out again.
  run(14.0);
  CHECK(run(1.0) < swing / 4);  // the largest swing over a further second
}

TEST_CASE("free objects rest where they are put: the bottle stands, the footballs lie still") {
  const Track track = course();
  for (uint64_t seed : {0, 9}) {
    INFO("seed " << seed);
    Built b = build(track, seed);
    const mjModel* m = b.world->model();
    mjData* d = b.data.get();
    std::vector<int> free_joints;
    for (int j = 0; j < m->njnt; ++j) {
      const char* name = mj_id2name(m, mjOBJ_JOINT, j);
      if (name != nullptr && std::string_view(name).rfind(kFieldObjectPrefix, 0) == 0 && m->jnt_type[j] == mjJNT_FREE)
        free_joints.push_back(m->jnt_qposadr[j]);
    }
    REQUIRE(free_joints.size() == 3);
    std::vector<std::vector<double>> start;
    for (int adr : free_joints) start.emplace_back(d->qpos + adr, d->qpos + adr + 7);
    for (int i = 0; i < 1000; ++i) mj_step(m, d);  // 1 s at the robot's 1 ms step
    for (size_t k = 0; k < free_joints.size(); ++k) {
      const double* q = d->qpos + free_joints[k];
      CHECK(std::hypot(q[0] - start[k][0], q[1] - start[k][1], q[2] - start[k][2]) < 0.002);
      CHECK(std::abs(q[3]) > 0.9999);  // not tipped
    }
  }
}

TEST_CASE("the six segments follow each other along the route, each from its start line to its end line") {
  const Track track = course();
  const std::vector<Vec2>& path = track.field->path;
  // Arc length at which the path first meets the line a-b at or after `from`; -1: never.
  const auto meets = [&](const std::array<Vec2, 2>& line, double from) {
    double s0 = 0;
    for (size_t i = 1; i < path.size(); ++i) {
      const Vec2 p = path[i - 1], q = path[i];
      const double length = std::hypot(q.x - p.x, q.y - p.y);
      const double dx = q.x - p.x, dy = q.y - p.y, ex = line[1].x - line[0].x, ey = line[1].y - line[0].y;
      const double denom = dx * ey - dy * ex;
      if (std::abs(denom) > 1e-12) {
        const double t = ((line[0].x - p.x) * ey - (line[0].y - p.y) * ex) / denom;
        const double u = ((line[0].x - p.x) * dy - (line[0].y - p.y) * dx) / denom;
        if (t >= -1e-9 && t <= 1 + 1e-9 && u >= -1e-9 && u <= 1 + 1e-9 && s0 + t * length >= from - 1e-9)
          return s0 + t * length;
      }
      s0 += length;
    }
    return -1.0;
  };
  double at = 0;
  for (size_t k = 0; k < track.field->segments.size(); ++k) {
    const FieldSegment& segment = track.field->segments[k];
    INFO(segment.name);
    if (k > 0) {  // each segment starts where the last one ended
      CHECK(segment.start[0].x == track.field->segments[k - 1].end[0].x);
      CHECK(segment.start[1].y == track.field->segments[k - 1].end[1].y);
    }
    const double start = meets(segment.start, at), end = meets(segment.end, start);
    REQUIRE(start >= 0);
    REQUIRE(end > start);
    at = end;
  }
  CHECK(at == Approx(track.length()));  // the last segment ends at the finish circle's centre
  const Vec2 finish = path.back();
  CHECK(finish.x == track.field->finish.centre.x);
  CHECK(finish.y == track.field->finish.centre.y);
}

TEST_CASE("painted lines: the referee's geometry is the paint the robot sees") {
  PaintedLine dashed;
  dashed.shape = LineSegment{{0, 0}, {1, 0}};
  dashed.width = 0.1;
  dashed.style = LineStyle::dashed;
  dashed.dash = 0.1;
  dashed.gap = 0.1;
  CHECK(painted_pieces(dashed).size() == 5);
  CHECK(distance_to_paint(dashed, 0.05, 0.0) == 0);              // on a dash
  CHECK(distance_to_paint(dashed, 0.05, 0.08) == Approx(0.03));  // beside it
  CHECK(distance_to_paint(dashed, 0.15, 0.0) == Approx(0.05));   // in a gap: to the nearer dash's end
  CHECK(distance_to_paint(dashed, 1.3, 0.0) == Approx(0.4));     // past the last dash (0.8 to 0.9)

  PaintedLine arc;  // a quarter circle, clockwise from west to north
  arc.shape = LineArc{{0, 0}, 1.0, 180, 90};
  arc.width = 0.1;
  CHECK(line_length(arc) == Approx(M_PI / 2));
  CHECK(line_point(arc, M_PI / 4).x == Approx(-std::sqrt(0.5)));
  CHECK(distance_to_paint(arc, -0.7, 0.7) == Approx(0.0).margin(1e-3));
  CHECK(distance_to_paint(arc, -0.5, 0.5) == Approx(1 - std::sqrt(0.5) - 0.05));
  CHECK(distance_to_paint(arc, 1.08 * std::cos(M_PI * 0.75), 1.08 * std::sin(M_PI * 0.75)) == Approx(0.03));
  // Past an end, measured along the circle: 10 degrees past the north end, 10 before the west one.
  CHECK(distance_to_paint(arc, std::cos(M_PI * 80 / 180), std::sin(M_PI * 80 / 180)) == Approx(M_PI * 10 / 180));
  CHECK(distance_to_paint(arc, std::cos(M_PI * 190 / 180), std::sin(M_PI * 190 / 180)) == Approx(M_PI * 10 / 180));

  // On the course, a ray finds paint exactly where distance_to_paint says (the S-lane's first curve).
  const Track track = course();
  const Built b = build(track, 0);
  const auto curve = std::find_if(track.field->lines.begin(), track.field->lines.end(),
                                  [](const PaintedLine& l) { return l.name == "s-lane first curve outer"; });
  REQUIRE(curve != track.field->lines.end());
  for (double offset : {-0.2, -0.06, -0.04, 0.0, 0.04, 0.06, 0.1}) {
    const Vec2 on = line_point(*curve, 0.6);
    const Vec2 centre = std::get<LineArc>(curve->shape).centre;
    const double r = std::hypot(on.x - centre.x, on.y - centre.y);
    const double x = centre.x + (on.x - centre.x) * (r + offset) / r,
                 y = centre.y + (on.y - centre.y) * (r + offset) / r;
    INFO("offset " << offset);
    const bool painted = ground_at(b, x, y) > 0.001;
    CHECK(painted == (distance_to_paint(*curve, x, y) == 0));
  }
}

TEST_CASE("tournaments treat the Xiaomi Cup course as randomised") { CHECK(track_is_randomized(course())); }

TEST_CASE("progress on a field course follows the route, and a shortcut gains nothing") {
  const TrackWithRules loaded = load_track_with_rules(kCourse, default_search_paths());
  Referee referee(loaded.track, loaded.rules);
  double t = 0;
  const auto at = [&](double x, double y) {
    Observation o;
    o.time = t;
    o.position = {x, y, 0.3};
    t += 0.5;
    referee.observe(o);
  };
  at(0, 0);  // the spawn point: before the start line
  CHECK_FALSE(referee.started());
  at(0.5, 0);
  REQUIRE(referee.started());
  at(1.0, 0.1);
  CHECK(referee.progress() == Approx(0.7).margin(0.002));
  // Straight to the bridge: far ahead along the route, nothing gained.
  at(3.125, 9.0);
  CHECK(referee.progress() == Approx(0.7).margin(0.002));
  // Back on the route and along it, in small steps, progress follows.
  for (int k = 0; k <= 9; ++k) at(1.2 + 0.2 * k, 0);
  CHECK(referee.progress() > 2.6);
  CHECK(referee.events().size() == 1);  // the start only: all inside the field

  // Leaving the field is a lane exit, and under the cup's rules (after_fall:
  // last_point) the robot is then laid back on the route.
  at(3.0, -0.8);
  REQUIRE(referee.events().size() == 3);
  CHECK(referee.events()[1].type == RefereeEventType::lane_exit);
  CHECK(referee.events()[2].type == RefereeEventType::restart);
}

TEST_CASE("locating on a path: the window, and a channel counted up and back down") {
  const std::vector<Vec2> path = {{0, 0}, {0, 4}, {0, 0}, {2, 0}};
  CHECK(path_length(path) == Approx(10));
  CHECK(locate_on_path(path, -0.1, -1, -1, 1).s == Approx(-1));      // before the start: negative
  CHECK(locate_on_path(path, 0.1, 3.5, 0, 4.2).s == Approx(3.5));    // going up
  CHECK(locate_on_path(path, 0.1, 3.5, 3.5, 5.5).s == Approx(4.5));  // at the top: the way down wins the tie
  CHECK(locate_on_path(path, 0.1, 1.0, 6.0, 8.0).s == Approx(7.0));  // coming down
  CHECK(locate_on_path(path, 0.1, 3.9, 0, 2).s == Approx(2));        // far ahead: only the window's edge
  CHECK(locate_on_path(path, 0.1, 3.9, 0, 2).distance == Approx(std::hypot(0.1, 1.9)));
  CHECK(locate_on_path(path, 3, 0, 9, 12).s == Approx(11));  // past the end: beyond the length
}

TEST_CASE("a broken field course is reported with file and line") {
  test::TempFolder folder;
  std::string text = test::file_bytes(test::source_path("arenas/xiaomi-cup-2026.yaml"));
  const auto with = [&](const std::string& find, const std::string& replace) {
    return test::write_edited_copy(text, find, replace, folder.path / "broken.yaml");
  };
  CHECK_THROWS_WITH(load_track(with("published: [1, 4, 3, 2]", "published: [1, 2, 4, 3]")),
                    Contains("broken.yaml:") && Contains("always_plain"));
  CHECK_THROWS_WITH(load_track(with("published: [1, 4, 3, 2]", "published: [1, 1, 3, 2]")),
                    Contains("one target per row and per column"));
  CHECK_THROWS_WITH(load_track(with("published: {channel: 3, y: 10.80}", "published: {channel: 3, y: 10.65}")),
                    Contains("spacing"));
  CHECK_THROWS_WITH(load_track(with("start: {x: 0, y: 0, yaw_deg: 0}", "start: {x: 1.0, y: 0, yaw_deg: 0}")),
                    Contains("before the path's first point"));
  CHECK_THROWS_WITH(load_track(with("style: dashed, dash: 0.1, gap: 0.1}", "style: wavy}")), Contains("dashed"));
  CHECK_THROWS_WITH(load_track(with("  bounds:", "  lane: {width: 1}\n  bounds:")), Contains("unknown"));
  CHECK_THROWS_WITH(load_track(with("field:\n", "lane: {width: 1}\nfield:\n")),
                    Contains("broken.yaml:") && Contains("a track with 'field' describes its course there"));
  CHECK_THROWS_WITH(load_track(with("degrees: [180, 90]", "degrees: [180, 180]")), Contains("degrees"));
}

TEST_CASE("a stand run on the Xiaomi Cup course is judged and verifies from its replay") {
  test::TempFolder folder;
  RunRequest request;
  request.controller = "stand";
  request.track = kCourse;
  request.seed = 11;
  request.duration = 3.0;
  request.replay = folder.path / "cup.replay";
  const RunResult result = test::run_match_untimed(request);
  REQUIRE(result.referee);
  CHECK_FALSE(result.referee->started());  // standing never crosses the start line
  const Replay replay = read_replay(request.replay);
  const VerifyOutcome out = verify_replay(replay, default_search_paths());
  CHECK(out.status == VerifyOutcome::Status::verified);
  CHECK(out.ticks_checked == 1500);

  // The same seed gives the same replay, byte for byte; the seed is in it.
  RunRequest again = request;
  again.replay = folder.path / "cup-again.replay";
  test::run_match_untimed(again);
  CHECK(test::first_difference(request.replay, again.replay) == "");
}
