// The local height map of assisted events (SimarenaCourseInfo.height_map):
// it reads the heights of the built track around the robot in its heading
// frame (walkway, gap, stone top), is the same for the same state, and
// reaches a plugin only when the event's rules offer it.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <memory>
#include <numbers>

#include "built_track.h"
#include "simarena/match/match.h"
#include "simarena/track/height_map_scan.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_mjcf.h"
#include "simarena/track/track_referee.h"
#include "test_helpers.h"

using namespace simarena;

namespace {

constexpr int kRows = SIMARENA_HEIGHT_MAP_ROWS, kCols = SIMARENA_HEIGHT_MAP_COLS;
constexpr double kCell = SIMARENA_HEIGHT_MAP_RESOLUTION;

// A built track with the robot's base placed at (x, y, z) turned by yaw.
struct Placed {
  test::BuiltTrack built;
  explicit Placed(const Track& track) : built(test::build_track(track)) {}

  void place(double x, double y, double z, double yaw) {
    double* base = built.data->qpos + built.world->base_qpos_adr();
    base[0] = x;
    base[1] = y;
    base[2] = z;
    base[3] = std::cos(yaw / 2);
    base[4] = base[5] = 0;
    base[6] = std::sin(yaw / 2);
    mj_forward(built.world->model(), built.data.get());
  }

  SimarenaCourseInfo scan() const {
    SimarenaCourseInfo info{};
    info.struct_size = sizeof(info);
    HeightMapScan(*built.world).fill(built.world->model(), built.data.get(), info);
    return info;
  }
};

// The cell nearest to (forward, left) of the heading frame.
float cell_at(const SimarenaCourseInfo& info, double forward, double left) {
  const int i = static_cast<int>(std::lround(forward / kCell + (kRows - 1) / 2.0));
  const int j = static_cast<int>(std::lround(left / kCell + (kCols - 1) / 2.0));
  REQUIRE(i >= 0);
  REQUIRE(i < kRows);
  REQUIRE(j >= 0);
  REQUIRE(j < kCols);
  return info.height_map[i * kCols + j];
}

Track official(const std::string& name) { return load_track(test::source_path("arenas/" + name + ".yaml")); }

// Passes everything to the plugin and keeps the command it returned, before
// the match zeroes it during the robot's start-up take-over.
class Recording : public Controller {
 public:
  explicit Recording(std::unique_ptr<Controller> inner, SimarenaMotorCmd& sent)
      : inner_(std::move(inner)), sent_(sent) {}
  const std::string& name() const override { return inner_->name(); }
  StepOutcome step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) override {
    StepOutcome outcome = inner_->step(first_run, data, cmd);
    sent_ = cmd;
    return outcome;
  }
  void set_course_info(const SimarenaCourseInfo& info) override { inner_->set_course_info(info); }
  void see(const SimulatorView& view) override { inner_->see(view); }

 private:
  std::unique_ptr<Controller> inner_;
  SimarenaMotorCmd& sent_;
};

const CourseElement& element_of_kind(const Track& track, size_t kind, int which = 0) {
  for (const CourseElement& e : track.course)
    if (e.shape.index() == kind && which-- == 0) return e;
  FAIL("no such course element");
  return track.course.front();
}

}  // namespace

TEST_CASE("height map: a gap reads deep, the walkway its top, in the body's heading frame") {
  const Track track = official("gaps-assisted");
  const CourseElement& gap = element_of_kind(track, 4, 3);  // GapElement: the 25 cm one
  const double walkway = gap.start_height;                  // the walkway's top around it
  REQUIRE(walkway == Approx(0.15));
  Placed p(track);
  const double z = walkway + 0.28;
  const double gap_middle = gap.start_x + 0.125;

  SECTION("facing along the course, the gap 0.3 m ahead") {
    p.place(gap_middle - 0.3, 0, z, 0);
    const SimarenaCourseInfo info = p.scan();
    CHECK(info.height_map_available == 1);
    CHECK(cell_at(info, 0.3, 0) == Approx(0.002 - z).margin(1e-5));        // the pit floor
    CHECK(cell_at(info, 0.3, 0.3) == Approx(0.002 - z).margin(1e-5));      // across the whole lane
    CHECK(cell_at(info, 0.0, 0) == Approx(walkway - z).margin(1e-5));      // under the body
    CHECK(cell_at(info, 0.6, 0) == Approx(walkway - z).margin(1e-5));      // beyond the gap
    CHECK(cell_at(info, -0.25, 0.2) == Approx(walkway - z).margin(1e-5));  // between the 20 and 25 cm gaps
  }
  SECTION("turned left by 90 degrees (facing +y), the gap 0.25 m to the right") {
    p.place(gap_middle - 0.25, 0.1, z, std::numbers::pi / 2);
    const SimarenaCourseInfo info = p.scan();
    CHECK(cell_at(info, 0.0, -0.25) == Approx(0.002 - z).margin(1e-5));
    CHECK(cell_at(info, 0.2, -0.25) == Approx(0.002 - z).margin(1e-5));
    CHECK(cell_at(info, 0.0, 0.0) == Approx(walkway - z).margin(1e-5));
    CHECK(cell_at(info, 0.0, 0.3) == Approx(walkway - z).margin(1e-5));    // the 20 cm gap is further left
    CHECK(cell_at(info, 0.0, -0.44) == Approx(walkway - z).margin(1e-5));  // past the gap
  }
  SECTION("the same state gives the same bits") {
    p.place(gap_middle - 0.2, 0.05, z, 0.3);
    const SimarenaCourseInfo a = p.scan();
    Placed other(track);
    other.place(gap_middle - 0.2, 0.05, z, 0.3);
    const SimarenaCourseInfo b = other.scan();
    CHECK(std::memcmp(a.height_map, b.height_map, sizeof(a.height_map)) == 0);
  }
}

TEST_CASE("height map: a stepping stone reads its top, the pit beside it the pit floor") {
  const Track track = official("stepping-stones-assisted");
  Placed p(track);
  const mjModel* m = p.built.world->model();
  const CourseElement& stones = element_of_kind(track, 5);
  const int k = static_cast<int>(&stones - track.course.data());
  const std::string name = "terrain_" + std::to_string(k) + "_stone_2_1";  // third row, left column
  const int stone = mj_name2id(m, mjOBJ_GEOM, name.c_str());
  REQUIRE(stone >= 0);
  const double sx = p.built.data->geom_xpos[3 * stone], sy = p.built.data->geom_xpos[3 * stone + 1];
  const double top = stones.start_height;
  const double z = top + 0.28;
  p.place(sx - 0.25, 0, z, 0);
  const SimarenaCourseInfo info = p.scan();
  CHECK(cell_at(info, 0.25, sy) == Approx(top - z).margin(1e-5));
  // 20 cm stones, 27 cm apart in x: 13.5 cm ahead of a stone's centre is the pit.
  CHECK(cell_at(info, 0.25 + 0.135, sy) == Approx(0.002 - z).margin(1e-5));
}

TEST_CASE("height map: only events whose rules offer it send one to the plugin") {
  const auto [track_name, offered] = GENERATE(table<std::string, bool>(
      {{"gaps", false}, {"slalom", false}, {"gaps-assisted", true}, {"stepping-stones-assisted", true}}));
  INFO(track_name);
  const TrackWithRules course = load_track_with_rules(track_name, default_search_paths());
  auto world = World::build(test::cyberdog2(), track_arena(course.track, 0));
  SimarenaMotorCmd echoed{};
  Match match(world,
              std::make_unique<Recording>(load_plugin(test::plugin_path("course_echo"), world->robot(), ""), echoed));
  TrackReferee referee(course.track, course.rules);
  referee.start(match);
  for (int tick = 0; tick < 5; ++tick) {
    referee.before_tick(match);
    match.tick();
    referee.after_tick(match);
  }
  CHECK(echoed.tau_des[7] == (offered ? 1 : 0));
  if (offered) {
    CHECK(echoed.tau_des[8] == kRows * kCols);  // every cell has ground under it at the start
    // The body lies on the start floor: the cell under it reads the floor, a body's height below.
    const double base_z = match.data()->xpos[3 * world->base_body() + 2];
    CHECK(echoed.tau_des[9] == Approx(-base_z).margin(0.01));
  } else {
    CHECK(echoed.tau_des[8] == 0);
  }
}

TEST_CASE("assisted tracks are their blind tracks' courses, under the assisted rules") {
  for (const std::string name : {"gaps", "stepping-stones", "obstacle-course"}) {
    INFO(name);
    const TrackWithRules blind = load_track_with_rules(name, default_search_paths());
    const TrackWithRules assisted = load_track_with_rules(name + "-assisted", default_search_paths());
    CHECK(assisted.rules.name == "assisted");
    CHECK(assisted.rules.course_info == CourseInfoMode::height_map);
    CHECK(blind.rules.course_info == CourseInfoMode::none);
    CHECK(assisted.track.time_limit == blind.track.time_limit);
    const SceneMjcf a = track_arena(assisted.track, 3), b = track_arena(blind.track, 3);
    CHECK(a.worldbody == b.worldbody);
    CHECK(a.asset == b.asset);
    REQUIRE(a.heightfields.size() == b.heightfields.size());
    for (size_t i = 0; i < a.heightfields.size(); ++i)
      CHECK(a.heightfields[i].elevation == b.heightfields[i].elevation);
  }
}

TEST_CASE("height map: a low bar over a field course's channel is overhead, not ground, its clearance is reported") {
  // Seed 0: low bar 1 is published in channel 1 (x = -0.13) at y = 9.60, crossbar bottom 0.40 m up.
  Placed cup(official("xiaomi-cup-2026"));
  cup.place(-0.13, 9.60, 0.23, std::numbers::pi / 2);  // under the bar, facing up the channel
  const SimarenaCourseInfo under = cup.scan();
  CHECK(under.overhead_clearance == Approx(0.40).margin(0.005));
  CHECK(cell_at(under, 0.0, 0.0) == Approx(-0.23).margin(0.005));  // the floor, not the crossbar's top
  // 1.2 m before it the bar is out of reach ahead (1.0 m): nothing overhead.
  cup.place(-0.13, 8.40, 0.23, std::numbers::pi / 2);
  CHECK(std::isnan(cup.scan().overhead_clearance));
  // On a track with nothing overhead there is never a clearance.
  Placed gaps(official("gaps"));
  gaps.place(0.5, 0, 0.25, 0);
  CHECK(std::isnan(gaps.scan().overhead_clearance));
}
