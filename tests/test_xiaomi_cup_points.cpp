// Referee scenarios for the Xiaomi Cup course's points (field_judge.h): the
// robot, in its lying pose, is placed tick by tick along the route or at a
// spot (its base set through qpos), objects are swung, knocked or moved by
// physics or by setting their joints, and the probe measures the world as
// in a real run: every event below comes from the judge's own measurements.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>

#include "built_track.h"
#include "edited_copy.h"
#include "simarena/run/run_session.h"
#include "simarena/track/course_path.h"
#include "simarena/track/field_layout.h"
#include "simarena/track/field_mjcf.h"
#include "simarena/track/field_restart.h"
#include "simarena/track/painted_line.h"
#include "simarena/track/score.h"
#include "simarena/track/score_sheet.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_probe.h"
#include "test_helpers.h"

using namespace simarena;
using T = RefereeEventType;

namespace {

constexpr double kLying = 0.097;  // base height of the lying pose with feet just in the floor
constexpr double kDt = 0.04;      // s between observations
constexpr double kStep = 0.02;    // m moved per observation

// The course with its rules, built for `seed`, judged by a referee fed by
// the probe after each placement.
class Cup {
 public:
  explicit Cup(uint64_t seed = 0)
      : course_(load_track_with_rules("xiaomi-cup-2026", default_search_paths())),
        built_(test::build_track(course_.track, seed)),
        referee_(course_.track, course_.rules, seed),
        probe_(*built_.world, course_.rules, 0, true),
        folded_(built_.data->qpos, built_.data->qpos + built_.world->model()->nq),
        layout_(place_field(*course_.track.field, seed)) {
    robot_qpos_ = {built_.world->base_qpos_adr()};
    for (int i = 1; i < 7; ++i) robot_qpos_.push_back(built_.world->base_qpos_adr() + i);
    for (const JointBinding& j : built_.world->joints()) robot_qpos_.push_back(j.qpos_adr);
    place(0, 0, 0);
    referee_.observe(probe_.observe(model(), data(), 0, {}));
  }

  const mjModel* model() const { return built_.world->model(); }
  mjData* data() { return built_.data.get(); }
  const Referee& referee() const { return referee_; }
  const FieldCourse& field() const { return *course_.track.field; }
  Score score() const { return score_run(referee_.events(), course_.rules); }
  double time() const { return time_; }

  // The lying robot at (x, y) heading `yaw`, resting on the highest surface under it.
  void place(double x, double y, double yaw, double z_offset = kLying) {
    std::copy(folded_.begin(), folded_.end(), data()->qpos);
    double* base = data()->qpos + built_.world->base_qpos_adr();
    double ground = 0;
    for (double along : {-0.25, 0.0, 0.25})
      ground = std::max(ground, surface(x + along * std::cos(yaw), y + along * std::sin(yaw)));
    base[0] = x;
    base[1] = y;
    base[2] = ground + z_offset;
    base[3] = std::cos(yaw / 2);
    base[4] = base[5] = 0;
    base[6] = std::sin(yaw / 2);
    mj_forward(model(), data());
  }
  // One observation after placing the robot.
  Cup& at(double x, double y, double yaw, double z_offset = kLying) {
    place(x, y, yaw, z_offset);
    return observe();
  }
  Cup& observe() {
    time_ += kDt;
    referee_.observe(probe_.observe(model(), data(), time_, {}));
    return *this;
  }
  Cup& hold(double seconds) {
    for (double t = 0; t < seconds; t += kDt) observe();
    return *this;
  }
  // Walks in a straight line to (x, y), facing the way it goes.
  Cup& to(double x, double y) {
    const double x0 = here_.x, y0 = here_.y;
    const double distance = std::hypot(x - x0, y - y0);
    if (distance > 1e-9) yaw_ = std::atan2(y - y0, x - x0);
    const int steps = std::max(1, static_cast<int>(std::ceil(distance / kStep)));
    for (int i = 1; i <= steps && !referee_.over(); ++i) {
      const double f = static_cast<double>(i) / steps;
      at(x0 + f * (x - x0), y0 + f * (y - y0), yaw_);
    }
    here_ = {x, y};
    return *this;
  }
  Cup& route(const std::vector<Vec2>& points) {
    for (const Vec2& p : points) to(p.x, p.y);
    return *this;
  }

  // A layout object's joint position in qpos, found by the name the track file gives it.
  int object_index(const std::string& name) const {
    for (size_t k = 0; k < layout_.objects.size(); ++k)
      if (layout_.objects[k].name == name) return static_cast<int>(k);
    FAIL("no layout object " << name);
    return -1;
  }
  double* object_qpos(const std::string& name) {
    const std::string joint = std::string(kFieldObjectPrefix) + std::to_string(object_index(name));
    const int j = mj_name2id(model(), mjOBJ_JOINT, joint.c_str());
    REQUIRE(j >= 0);
    return data()->qpos + model()->jnt_qposadr[j];
  }
  // Swings a hanging ball `degrees` about x, or tips a free body over by setting its orientation.
  void turn(const std::string& name, double degrees, int quat_offset) {
    double* q = object_qpos(name) + quat_offset;
    const double half = degrees * M_PI / 360;
    q[0] = std::cos(half);
    q[1] = std::sin(half);
    q[2] = q[3] = 0;
    keep_objects();
  }
  // The objects stay as they are now in every later placement (the robot keeps its lying pose).
  void keep_objects() {
    for (int i = 0; i < model()->nq; ++i)
      if (std::find(robot_qpos_.begin(), robot_qpos_.end(), i) == robot_qpos_.end())
        folded_[static_cast<size_t>(i)] = data()->qpos[i];
  }
  // Physics for `steps` steps with the robot held where it was placed, observing every 20 steps.
  void simulate(int steps) {
    const std::vector<double> robot(data()->qpos, data()->qpos + model()->nq);
    for (int i = 1; i <= steps; ++i) {
      for (int a : robot_qpos_) data()->qpos[a] = robot[static_cast<size_t>(a)];
      mju_zero(data()->qvel + built_.world->base_dof_adr(), 6);
      for (const JointBinding& j : built_.world->joints()) data()->qvel[j.dof_adr] = 0;
      mj_step(model(), data());
      if (i % 20 == 0) observe();
    }
    keep_objects();
  }
  const FieldLayout& layout() const { return layout_; }
  // What the run does after each tick: lays the robot down where the referee decided, if it did.
  std::optional<RestartPlace> restart() {
    const std::optional<RestartPlace> spot = referee_.take_restart();
    if (spot) {
      place(spot->x, spot->y, spot->heading);
      here_ = {spot->x, spot->y};
      yaw_ = spot->heading;
    }
    return spot;
  }

  int count(T type, FieldRule rule) const {
    return static_cast<int>(
        std::count_if(referee_.events().begin(), referee_.events().end(), [&](const RefereeEvent& e) {
          return e.type == type && (type != T::field_deduction || e.index == static_cast<int>(rule));
        }));
  }
  int deductions(FieldRule rule) const { return count(T::field_deduction, rule); }
  int passed() const { return count(T::segment_passed, FieldRule::fall); }
  std::string log() const { return events_log(referee_.events(), course_.rules); }

 private:
  // The height of the first thing the robot could stand on below (x, y, 0.25): under the
  // balls and bars, over the stones and decks; paint (which nothing touches) is looked through.
  double surface(double x, double y) {
    mjtNum from[3] = {x, y, 0.25};
    const mjtNum down[3] = {0, 0, -1};
    const mjtByte groups[mjNGROUP] = {1, 1, 0, 1, 1, 1};
    for (int tries = 0; tries < 4; ++tries) {
      int geom = -1;
      const double d = mj_ray(model(), data(), from, down, groups, 1, -1, &geom);
      if (d < 0) return 0;
      if (model()->geom_contype[geom] != 0 || model()->geom_conaffinity[geom] != 0) return std::max(0.0, from[2] - d);
      from[2] -= d + 1e-4;
    }
    return 0;
  }

  TrackWithRules course_;
  test::BuiltTrack built_;
  Referee referee_;
  TrackProbe probe_;
  std::vector<double> folded_;  // every placement starts from it: the lying robot, the objects as kept
  std::vector<int> robot_qpos_;
  FieldLayout layout_;
  double time_ = 0;
  Vec2 here_{0, 0};
  double yaw_ = 0;
};

// The route (the track file's path) up to the end of segment 3, then the
// tunnel with the cubes passed through the neighbouring channel and each
// channel walked up to y 10.9 (below the hanging ball).
const std::vector<Vec2> kToSegment3End = {{0.30, -0.02},    {3.08, -0.02},     {3.08, 0.535},     {-0.27, 4.65},
                                          {-0.27, 4.75},    {-0.2053, 5.0753}, {-0.0210, 5.3510}, {0.2547, 5.5353},
                                          {0.58, 5.60},     {2.18, 5.60},      {2.5053, 5.6647},  {2.7810, 5.8490},
                                          {2.9653, 6.1247}, {3.03, 6.45},      {3.03, 7.0}};
// Channel 3 beside its football and between the low bar's posts, channel 2 round its cubes through
// channel 1 both ways; each channel up to y 10.9, far enough for the route's way back down to count.
const std::vector<Vec2> kTunnel = {
    {3.03, 7.16},  {2.07, 7.16},  {1.85, 7.4},   {1.85, 10.9},  {1.85, 7.4},   {0.97, 7.16}, {0.97, 8.1}, {0.40, 8.3},
    {0.40, 8.9},   {0.97, 9.1},   {0.97, 10.9},  {0.97, 9.1},   {0.40, 8.9},   {0.40, 8.3},  {0.97, 8.1}, {0.97, 7.16},
    {-0.13, 7.16}, {-0.13, 10.9}, {-0.13, 7.16}, {3.125, 7.16}, {3.125, 7.30}, {3.125, 8.0}};
const std::vector<Vec2> kBeamAndFinish = {{3.125, 12.41}, {-0.38, 12.41}, {-0.38, 15.41},
                                          {3.12, 15.41},  {3.12, 13.4},   {3.12, 12.915}};

}  // namespace

TEST_CASE("xiaomi cup points: a clean walk through segments 1-3 earns them, unstruck orange balls cost points") {
  Cup cup;
  cup.route(kToSegment3End);
  INFO(cup.log());
  CHECK(cup.passed() == 3);
  CHECK(cup.deductions(FieldRule::line_touched) == 0);
  CHECK(cup.deductions(FieldRule::wrong_ball) == 0);
  CHECK(cup.count(T::fall, FieldRule::fall) == 0);
  // The four orange balls were never struck: each costs target_missed as segment 2 ends.
  REQUIRE(cup.deductions(FieldRule::target_missed) == 4);
  const Score s = cup.score();
  CHECK(s.by_points);
  CHECK(s.points == Approx(10 + 25 + 10 - 4 * 5));
  REQUIRE(s.segment_points.size() >= 3);
  CHECK(s.segment_points[1] == Approx(25 - 20));
  for (const RefereeEvent& e : cup.referee().events())
    if (e.type == T::field_deduction) {
      CHECK(e.segment == 1);
      CHECK(e.time > 0);
      CHECK_THAT(e.detail, Catch::Matchers::StartsWith("target_missed: ball field R"));
    }
}

TEST_CASE("xiaomi cup points: orange balls swung by the robot's push count as struck, a blue one is a wrong ball") {
  Cup cup(5);  // a seeded arrangement: the judge places the same one
  const FieldLayout& layout = cup.layout();
  cup.to(0.30, -0.02).to(0.6, -0.02);
  REQUIRE(cup.referee().started());
  // Swing a ball by physics: a push of 1 N for 0.1 s, then 0.5 s of free swing, observed as it goes.
  const auto push = [&](const std::string& name) {
    const std::string body = std::string(kFieldObjectPrefix) + std::to_string(cup.object_index(name));
    const int b = mj_name2id(cup.model(), mjOBJ_BODY, body.c_str());
    REQUIRE(b >= 0);
    cup.data()->xfrc_applied[6 * b + 0] = 1.0;
    cup.simulate(100);
    cup.data()->xfrc_applied[6 * b + 0] = 0;
    cup.simulate(500);
  };
  std::string blue;
  for (const FieldObject& o : layout.objects)
    if (o.name.rfind("ball field", 0) == 0) {
      if (o.target)
        push(o.name);
      else if (blue.empty())
        blue = o.name;
    }
  CHECK(cup.deductions(FieldRule::wrong_ball) == 0);
  push(blue);
  cup.observe().observe();
  REQUIRE(cup.deductions(FieldRule::wrong_ball) == 1);  // once per ball, not once per tick
  CHECK_THAT(cup.referee().events().back().detail, Catch::Matchers::Contains(blue));
  cup.route({{3.08, -0.02}, {3.08, 0.535}, {-0.27, 4.65}, {-0.27, 4.9}});
  INFO(cup.log());
  CHECK(cup.passed() == 2);
  CHECK(cup.deductions(FieldRule::target_missed) == 0);
  CHECK(cup.score().points == Approx(10 + 25 - 3));
}

TEST_CASE("xiaomi cup points: a foot on a solid line costs points once per touch") {
  Cup cup;
  cup.to(0.30, -0.02).to(0.45, -0.02);
  REQUIRE(cup.referee().started());
  // North, before the first stone, until the probe's front feet stand on the stones' north line (paint y 0.48-0.59).
  double y = -0.02;
  while (cup.deductions(FieldRule::line_touched) == 0 && y < 0.6) cup.at(0.45, y += 0.01, M_PI / 2);
  REQUIRE(cup.deductions(FieldRule::line_touched) == 1);
  CHECK_THAT(cup.referee().events().back().detail, Catch::Matchers::Contains("stones north"));
  CHECK(y > 0.2);  // the base well inside the lane: it was a foot, not the body, on the line
  cup.hold(2.0);   // standing on it: still the one touch
  CHECK(cup.deductions(FieldRule::line_touched) == 1);
  cup.at(0.45, -0.02, M_PI / 2).hold(1.5).at(0.45, y, M_PI / 2);  // off for longer than touch_rejoin, and on again
  CHECK(cup.deductions(FieldRule::line_touched) == 2);
  CHECK(cup.score().points == Approx(-4));
}

TEST_CASE("xiaomi cup points: a fall (trunk on the ground) and leaving the field cost their deductions") {
  Cup cup;
  cup.to(0.30, -0.02).to(0.5, -0.02);
  cup.at(0.5, -0.02, 0, 0.05);  // trunk in the floor
  REQUIRE(cup.count(T::fall, FieldRule::fall) == 1);
  const RefereeEvent fall = *std::find_if(cup.referee().events().begin(), cup.referee().events().end(),
                                          [](const RefereeEvent& e) { return e.type == T::fall; });
  CHECK(fall.points == -5);
  CHECK(fall.segment == 0);
  CHECK_THAT(fall.detail, Catch::Matchers::Contains("trunk"));
  cup.at(0.5, -0.9, 0);  // outside the south border
  CHECK(cup.count(T::lane_exit, FieldRule::fall) == 1);
  CHECK(cup.score().points == Approx(-10));
  CHECK(cup.score().penalty_seconds == 0);  // the rule set charges points, not time
}

TEST_CASE("xiaomi cup points: after a fall the robot is laid down at its segment's start, deductions kept") {
  Cup cup;
  CHECK_FALSE(cup.restart());  // nothing to restart before a fall
  cup.to(0.30, -0.02).to(2.0, -0.02);
  cup.at(2.0, -0.02, 0, 0.05);  // trunk in the floor on the third stone
  REQUIRE(cup.count(T::fall, FieldRule::fall) == 1);
  REQUIRE(cup.count(T::restart, FieldRule::fall) == 1);
  const RefereeEvent& laid = cup.referee().events().back();
  CHECK(laid.type == T::restart);
  CHECK(laid.segment == 0);
  CHECK(laid.points == 0);  // the fall costs its deduction; the restart nothing more
  CHECK(laid.value == Approx(kRestartAhead));
  CHECK_THAT(laid.detail, Catch::Matchers::Contains("(0.60, -0.02)") && Catch::Matchers::Contains("石径探路"));
  const std::optional<RestartPlace> spot = cup.restart();
  REQUIRE(spot);
  CHECK(spot->x == Approx(0.60));
  CHECK(spot->y == Approx(-0.02));
  CHECK(spot->heading == Approx(0).margin(1e-12));
  CHECK(spot->ground == Approx(0.05));  // the first stone is under its body
  CHECK_FALSE(cup.restart());           // taken once

  // Laid back: no crossing is counted for the jump; walking on passes segment 1 as before.
  const size_t before = cup.referee().events().size();
  cup.hold(1.5);
  CHECK(cup.referee().events().size() == before);
  cup.route({{3.08, -0.02}, {3.08, 0.535}, {2.0, 1.9}});
  CHECK(cup.passed() == 1);
  CHECK(cup.score().points == Approx(10 - 5));

  // A lane exit in segment 2 restarts from segment 2's start, 0.3 m along the route into the ball field.
  cup.at(3.9, 1.9, 0);  // far past the east border: no foot on its paint
  REQUIRE(cup.count(T::lane_exit, FieldRule::fall) == 1);
  const std::optional<RestartPlace> again = cup.restart();
  REQUIRE(again);
  CHECK(again->segment == 1);
  const double dx = -0.27 - 3.08, dy = 4.65 - 0.535, length = std::hypot(dx, dy);
  CHECK(again->x == Approx(3.08 + kRestartAhead * dx / length));
  CHECK(again->y == Approx(0.535 + kRestartAhead * dy / length));
  CHECK(again->heading == Approx(std::atan2(dy, dx)));
  CHECK(again->ground == 0);
  CHECK(cup.score().points == Approx(10 - 5 - 5));
}

TEST_CASE("xiaomi cup points: a fall soon after a segment's start restarts where the robot had got to") {
  Cup cup;
  cup.to(0.30, -0.02).to(0.34, -0.02);
  cup.at(0.34, -0.02, 0, 0.05);  // trunk in the floor, short of the first stone
  const std::optional<RestartPlace> spot = cup.restart();
  REQUIRE(spot);
  CHECK(spot->s == Approx(cup.referee().progress()));  // never ahead of the progress made
  CHECK(spot->s < kRestartAhead);
}

TEST_CASE("xiaomi cup points: rules without after_fall leave the robot where it fell") {
  test::TempFolder folder;
  const std::string rules = test::file_bytes(test::source_path("arenas/rules/xiaomi-cup.yaml"));
  const RuleSet go_on = load_rules(
      test::write_edited_copy(rules, "after_fall: last_point", "after_fall: continue", folder.path / "a.yaml"));
  CHECK(go_on.after_fall == AfterFall::continue_run);
  CHECK(load_rules(test::source_path("arenas/rules/xiaomi-cup.yaml")).after_fall == AfterFall::last_point);
  CHECK(load_rules(test::source_path("arenas/rules/standard.yaml")).after_fall == AfterFall::continue_run);
  CHECK_THROWS_WITH(load_rules(test::write_edited_copy(rules, "after_fall: last_point", "after_fall: anywhere",
                                                       folder.path / "b.yaml")),
                    Catch::Matchers::Contains("b.yaml:") && Catch::Matchers::Contains("after_fall"));

  const TrackWithRules course = load_track_with_rules("xiaomi-cup-2026", default_search_paths());
  Referee referee(course.track, go_on);
  Observation o;
  o.position = {0.2, -0.02, 0.3};
  referee.observe(o);
  o.time = 0.1, o.position[0] = 0.4;
  referee.observe(o);
  REQUIRE(referee.started());
  o.time = 0.2, o.fall_contact = "base";
  referee.observe(o);
  CHECK(std::count_if(referee.events().begin(), referee.events().end(),
                      [](const RefereeEvent& e) { return e.type == T::fall; }) == 1);
  CHECK(std::none_of(referee.events().begin(), referee.events().end(),
                     [](const RefereeEvent& e) { return e.type == T::restart; }));
  CHECK_FALSE(referee.take_restart());
}

TEST_CASE("xiaomi cup points: touching the cubes or a low bar costs points") {
  Cup cup;
  cup.to(0.30, -0.02).to(0.6, -0.02);
  const FieldObject& cubes = cup.layout().objects[static_cast<size_t>(cup.object_index("impassable obstacle"))];
  cup.at(cubes.at.x, cubes.at.y - 0.1, M_PI / 2);  // lying on the cubes
  REQUIRE(cup.deductions(FieldRule::obstacle_touched) == 1);
  CHECK_THAT(cup.referee().events().back().detail, Catch::Matchers::Contains("impassable obstacle"));
  CHECK(cup.referee().events().back().segment == 3);  // the tunnel's
  const FieldObject& bar = cup.layout().objects[static_cast<size_t>(cup.object_index("low bar 1"))];
  cup.at(bar.at.x, bar.at.y, M_PI / 2);  // lying under it: clear
  CHECK(cup.deductions(FieldRule::obstacle_touched) == 1);
  cup.at(bar.at.x, bar.at.y, M_PI / 2, 0.40);  // raised into the crossbar
  CHECK(cup.deductions(FieldRule::obstacle_touched) == 2);
}

TEST_CASE("xiaomi cup points: the tunnel's targets are judged by tilt, swing and the goal volume") {
  for (const bool done : {false, true}) {
    INFO((done ? "targets done" : "targets left"));
    Cup cup;
    if (done) {
      cup.turn("coke bottle", 90, 3);  // lying on its side
      cup.turn("orange ball", 20, 0);  // swung
      double* football = cup.object_qpos("football 4");
      const FieldObject& goal = cup.layout().objects[static_cast<size_t>(cup.object_index("goal"))];
      football[0] = goal.at.x;
      football[1] = goal.at.y + 0.15;  // behind the mouth, inside the net
      cup.keep_objects();
    }
    cup.route(kToSegment3End).route(kTunnel);
    INFO(cup.log());
    CHECK(cup.passed() == 4);
    CHECK(cup.deductions(FieldRule::obstacle_touched) == 0);  // the cubes passed in the neighbouring channel
    int tunnel_missed = 0;
    for (const RefereeEvent& e : cup.referee().events())
      tunnel_missed +=
          e.type == T::field_deduction && e.index == static_cast<int>(FieldRule::target_missed) && e.segment == 3;
    CHECK(tunnel_missed == (done ? 0 : 3));
  }
}

TEST_CASE("xiaomi cup points: off the beam before the jump line, and the finish lying in the circle") {
  Cup cup;
  cup.turn("orange ball", 20, 0);
  cup.route(kToSegment3End).route(kTunnel);
  REQUIRE(cup.passed() == 4);
  SECTION("stepping off the ramp is an early jump") {
    cup.to(3.125, 9.0).to(2.6, 9.0);
    CHECK(cup.deductions(FieldRule::early_jump) == 1);
  }
  SECTION("along the ring, down after the jump line, lying in the circle: finished") {
    cup.route(kBeamAndFinish);
    // Turned across the pocket (the deck's end is behind it), lying with the feet round the circle's
    // centre: they sit 0.087 m ahead of the base, the front ones 0.251 m, the rear ones 0.077 m.
    cup.at(3.12 - 0.087, 12.915, 0).hold(1.5);
    INFO(cup.log());
    CHECK(cup.deductions(FieldRule::early_jump) == 0);
    CHECK(cup.passed() == 6);
    CHECK(cup.deductions(FieldRule::feet_outside_finish) == 0);
    CHECK(cup.deductions(FieldRule::ball_not_kicked_out) == 1);  // football 6 never left the inner field
    REQUIRE(cup.referee().over());
    const Score s = cup.score();
    CHECK(s.result == Score::Result::finished);
    // Orange balls, bottle and football, football 6, and any object never announced (the
    // announcement judge's scenarios are in test_announcements.cpp).
    const int unannounced = cup.count(T::announcement_missing, FieldRule::fall);
    CHECK(s.points == Approx(100 - 4 * 5 - 2 * 5 - 5 - 5 * unannounced));
  }
  SECTION("lying half outside the circle costs the finish deduction") {
    cup.route(kBeamAndFinish);
    cup.at(3.12 + 0.15, 12.915, 0).hold(1.5);  // the front feet 0.4 m from the centre
    CHECK(cup.deductions(FieldRule::feet_outside_finish) == 1);
    CHECK(cup.referee().over());
  }
}

TEST_CASE("xiaomi cup points: a segment given up earns nothing and keeps its deductions") {
  Cup cup;
  cup.route(kToSegment3End);
  REQUIRE(cup.passed() == 3);
  cup.at(2.6, 7.2, 0, 0.05);  // a fall in the tunnel's cross channel: its deduction stays
  cup.restart();
  // Straight from the cross channel onto the bridge's ramp: the tunnel search (segment 4) given up.
  cup.to(3.125, 7.16).to(3.125, 7.9);
  CHECK(cup.count(T::segment_skipped, FieldRule::fall) == 0);  // not before it has stood there kSkipHold
  cup.hold(kSkipHold);
  INFO(cup.log());
  REQUIRE(cup.count(T::segment_skipped, FieldRule::fall) == 1);
  const RefereeEvent skipped = *std::find_if(cup.referee().events().begin(), cup.referee().events().end(),
                                             [](const RefereeEvent& e) { return e.type == T::segment_skipped; });
  CHECK(skipped.segment == 3);
  CHECK(skipped.points == 0);
  CHECK_THAT(skipped.detail,
             Catch::Matchers::StartsWith("4 深隧寻珍 tunnel search: reached the start of '5 孤梁稳渡 beam'"));
  REQUIRE(cup.referee().field_judge()->segment() == 4);
  CHECK(cup.referee().progress() >= cup.referee().field_judge()->segment_start(4) - 1e-3);
  CHECK(cup.deductions(FieldRule::target_missed) == 4);  // the ball field's; the tunnel's targets are not judged

  // The beam and the finish count as usual from there.
  cup.route(kBeamAndFinish);
  cup.at(3.12 - 0.087, 12.915, 0).hold(1.5);
  CHECK(cup.passed() == 5);
  REQUIRE(cup.referee().over());
  const Score s = cup.score();
  REQUIRE(s.segment_points.size() == 6);
  CHECK(s.segment_points[3] == Approx(-5));  // nothing earned, the fall's deduction kept
  const int unannounced = cup.count(T::announcement_missing, FieldRule::fall);
  CHECK(s.points == Approx(100 - 30 - 4 * 5 - 5 - 5 - 5 * unannounced));
}

TEST_CASE("xiaomi cup points: segment 1 cannot be given up, and a normal walk skips nothing") {
  Cup cup;
  cup.to(0.30, -0.02).to(0.6, -0.02);
  cup.at(-0.27, 4.9, M_PI / 2).hold(1.0);  // at segment 3's start, far from the route walked: nothing counts
  CHECK(cup.passed() == 0);
  CHECK(cup.count(T::segment_skipped, FieldRule::fall) == 0);
  CHECK(cup.referee().field_judge()->segment() == 0);

  Cup walker;
  walker.route(kToSegment3End).route(kTunnel);
  CHECK(walker.passed() == 4);
  CHECK(walker.count(T::segment_skipped, FieldRule::fall) == 0);
}

TEST_CASE("xiaomi cup points: runs rank by points first, then time, the sheet lists every deduction") {
  const RuleSet rules = load_rules(test::source_path("arenas/rules/xiaomi-cup.yaml"));
  CHECK(rules.ranking == Ranking::points);
  const auto run = [&](double points, double finish_time, bool disqualified = false) {
    std::vector<RefereeEvent> events;
    events.push_back({1.0, T::start, -1, 0, 0, "start"});
    RefereeEvent passed{2.0, T::segment_passed, 0, 1, 0, "1 stone path"};
    passed.points = points + 5;
    passed.segment = 0;
    events.push_back(passed);
    RefereeEvent touched{3.0, T::field_deduction, static_cast<int>(FieldRule::line_touched), 1, 0, "line_touched: x"};
    touched.points = -5;
    touched.segment = 0;
    events.push_back(touched);
    events.push_back({finish_time, disqualified ? T::disqualified : T::timeout, -1, 1, finish_time, "end"});
    return score_run(events, rules);
  };
  const Score more_points_slower = run(40, 300), fewer_points_faster = run(30, 100), same_points_faster = run(40, 200);
  CHECK(more_points_slower.points == 40);
  CHECK(ranks_before(more_points_slower, fewer_points_faster));
  CHECK(ranks_before(same_points_faster, more_points_slower));
  CHECK(ranks_before(fewer_points_faster, run(90, 100, true)));  // disqualified runs last
  // The time rules still rank by time.
  const RuleSet standard = load_rules(test::source_path("arenas/rules/standard.yaml"));
  CHECK_FALSE(score_run({}, standard).by_points);

  // Events with points survive the sheet's JSON.
  const std::vector<RefereeEvent> events = {{2.0, T::segment_passed, 0, 1, 0, "1"}};
  std::vector<RefereeEvent> with_points = events;
  with_points[0].points = 10;
  with_points[0].segment = 0;
  const auto back = events_from_json(events_json(with_points));
  CHECK(back[0].points == 10);
  CHECK(back[0].segment == 0);
  CHECK_FALSE(events_json(events)[0].contains("points"));  // sheets without points are as before
}

TEST_CASE("xiaomi cup points: simarena run prints per-segment points and every deduction") {
  test::TempFolder folder;
  RunRequest request;
  request.controller = "stand";
  request.track = "xiaomi-cup-2026";
  request.seed = 4;
  request.duration = 1.0;
  request.replay = folder.path / "cup.replay";
  const RunResult result = run_match(request, default_search_paths());
  REQUIRE(result.referee);
  const TrackWithRules course = load_track_with_rules("xiaomi-cup-2026", default_search_paths());
  // The run's seed reached the judge: it judges the balls where the world put them.
  REQUIRE(result.referee->field_judge() != nullptr);
  CHECK(result.referee->field_judge()->layout().target_columns == place_field(*course.track.field, 4).target_columns);
  CHECK(place_field(*course.track.field, 4).target_columns != place_field(*course.track.field, 0).target_columns);
  const Score score = score_run(result.referee->events(), course.rules);
  const std::string summary = score_summary(course.track, course.rules, score);
  CHECK_THAT(summary, Catch::Matchers::Contains("points      0 of 100"));
  CHECK_THAT(summary, Catch::Matchers::Contains("2 荒野寻珠 ball hunt: 0 earned of 25, 0 deducted"));
  const nlohmann::json sheet = score_sheet(course.track, course.rules, result.referee->events(), score, {});
  REQUIRE(sheet.at("segments").size() == 6);
  CHECK(sheet.at("segments")[3].at("available") == 30);
  CHECK(sheet.at("points") == 0);
}

TEST_CASE("xiaomi cup points: a broken points block is reported with file and line") {
  test::TempFolder folder;
  const std::string text = test::file_bytes(test::source_path("arenas/xiaomi-cup-2026.yaml"));
  const auto with = [&](const std::string& find, const std::string& replace) {
    return test::write_edited_copy(text, find, replace, folder.path / "broken.yaml");
  };
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(load_track(with("segments: [10, 25, 10, 30, 10, 15]", "segments: [10, 25]")),
                    Contains("broken.yaml:") && Contains("the field has 6 segments"));
  CHECK_THROWS_WITH(load_track(with("line_touched: 2", "line_crossed: 2")),
                    Contains("unknown deduction 'line_crossed'") && Contains("line_touched"));
  CHECK_THROWS_WITH(load_track(with("{object: football 6,", "{object: football 9,")),
                    Contains("'football 9' is not one of the field's 'objects'"));
  CHECK_THROWS_WITH(load_track(with("swing_deg: 10", "swing_deg: 200")), Contains("swing_deg"));
  CHECK_THROWS_WITH(load_track(with("beam_segment: 5", "beam_segment: 7")), Contains("1 to 6"));
  std::string rules = test::file_bytes(test::source_path("arenas/rules/xiaomi-cup.yaml"));
  rules.replace(rules.find("ranking: points"), 15, "ranking: fastest");
  std::ofstream(folder.path / "rules.yaml") << rules;
  CHECK_THROWS_WITH(load_rules(folder.path / "rules.yaml"), Contains("rules.yaml:") && Contains("ranking"));
}
