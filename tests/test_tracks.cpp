// Tracks: every official track loads, compiles with the robot and has the
// geometry its file describes (checked by casting rays down the course);
// malformed files are reported with file:line:column.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "built_track.h"
#include "simarena/base/input_error.h"
#include "simarena/physics/world.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_mjcf.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const std::vector<std::string> kOfficial = {"sprint",
                                            "slalom",
                                            "slope",
                                            "stairs",
                                            "hurdles",
                                            "rough",
                                            "stepping-stones",
                                            "beam",
                                            "gaps",
                                            "obstacle-course",
                                            "gaps-assisted",
                                            "stepping-stones-assisted",
                                            "obstacle-course-assisted"};

Track official(const std::string& name) { return load_track(test::source_path("arenas/" + name + ".yaml")); }

using Built = test::BuiltTrack;
using test::ground_at;
Built build(const Track& track, uint64_t seed = 0) { return test::build_track(track, seed); }

bool near(double x, double at, double margin) { return std::abs(x - at) < margin; }

// True where a ray on the centre line may hit a painted line, a bar or a step edge.
bool skip_sample(const Track& t, double x) {
  if (near(x, 0, 0.03) || near(x, t.length(), 0.03)) return true;
  for (const Gate& g : t.checkpoints)
    if (near(x, g.x, 0.03)) return true;
  for (const CourseElement& e : t.course) {
    if (near(x, e.start_x, 0.01) || near(x, e.end_x(), 0.01)) return true;
    if (x < e.start_x || x >= e.end_x()) continue;
    if (const auto* s = std::get_if<StairsElement>(&e.shape))
      return near(std::remainder(x - e.start_x, s->tread), 0, 0.01);
    if (const auto* h = std::get_if<HurdlesElement>(&e.shape))
      return near(std::remainder(x - e.start_x - h->spacing / 2, h->spacing), 0, 0.03);
  }
  return false;
}

std::filesystem::path write_temp(const std::filesystem::path& dir, const std::string& name, const std::string& text) {
  std::filesystem::create_directories(dir / "rules");
  const auto path = dir / name;
  std::ofstream(path) << text;
  return path;
}

std::string load_error(const std::filesystem::path& path, bool rules = false) {
  try {
    if (rules)
      load_rules(path);
    else
      load_track(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

const char* kGoodTrack = R"(format_version: 1
name: test
rules: standard
time_limit: 30
lane: {width: 1.0}
start: {x: -0.5, y: 0}
course:
  - flat: {length: 2}
)";

std::string replaced(std::string text, const std::string& find, const std::string& with) {
  const size_t at = text.find(find);
  REQUIRE(at != std::string::npos);
  return text.replace(at, find.size(), with);
}

}  // namespace

TEST_CASE("the official tracks are all listed, load, and compile with the robot") {
  const auto listed = list_tracks(default_search_paths());
  for (const std::string& name : kOfficial) {
    INFO(name);
    CHECK(std::find(listed.begin(), listed.end(), name) != listed.end());
    const TrackWithRules course = load_track_with_rules(name, default_search_paths());
    CHECK(course.track.name == name);
    CHECK(course.track.start.x < 0);  // before the start line
    CHECK(course.track.length() > 5);
    // A ~0.3 m/s trot plus the 3-4 s start-up fits in the time limit.
    CHECK(course.track.time_limit >= course.track.length() / 0.3 + 4);
    const Built b = build(course.track);
    CHECK(b.world->model()->ngeom > 20);
    // The robot starts where the track says, lying on the floor.
    const double* base = b.data->qpos + b.world->base_qpos_adr();
    CHECK(base[0] == Approx(course.track.start.x));
    CHECK(base[1] == Approx(course.track.start.y).margin(1e-9));
    CHECK(base[2] == Approx(0.0995));
  }
  CHECK_THROWS_WITH(find_track("nosuch", default_search_paths()), Contains("known tracks: beam"));
}

TEST_CASE("compiled tracks have the heights their files describe (rays down the centre line)") {
  for (const std::string& name : kOfficial) {
    INFO(name);
    const Track track = official(name);
    const Built b = build(track);
    int checked = 0;
    for (double x = 0.005; x < track.length(); x += 0.02) {
      if (skip_sample(track, x)) continue;
      const auto e = std::find_if(track.course.begin(), track.course.end(),
                                  [&](const CourseElement& c) { return x >= c.start_x && x < c.end_x(); });
      REQUIRE(e != track.course.end());
      if (std::holds_alternative<RoughElement>(e->shape) || std::holds_alternative<SteppingStonesElement>(e->shape))
        continue;  // checked below
      const double expected = std::holds_alternative<GapElement>(e->shape) ? 0.002 : track.surface_height(x);
      INFO("x = " << x << " in " << element_kind(e->shape));
      CHECK(ground_at(b, x, 0) == Approx(expected).margin(0.0015));
      ++checked;
    }
    CHECK(checked > 100);
    // Before the start and past the finish there is ground to stand on.
    CHECK(ground_at(b, track.start.x, track.start.y) == Approx(0).margin(1e-6));
    CHECK(ground_at(b, track.length() + 0.5, 0) == Approx(track.course.back().end_height).margin(1e-6));
  }
}

TEST_CASE("stairs climb 4 to 8 cm steps and come down again") {
  const Track track = official("stairs");
  const Built b = build(track);
  std::set<int> rises_mm;
  double previous = 0, highest = 0;
  for (double x = 0.05; x < track.length(); x += 0.3) {  // once per tread
    const double h = ground_at(b, x, 0.3);
    if (std::abs(h - previous) > 0.005) rises_mm.insert(static_cast<int>(std::lround(1000 * std::abs(h - previous))));
    previous = h;
    highest = std::max(highest, h);
  }
  CHECK(rises_mm == std::set<int>{40, 60, 80});
  CHECK(highest == Approx(0.64));
  CHECK(previous == Approx(0).margin(1e-6));
}

TEST_CASE("beam, gaps and stepping stones stand over a pit") {
  SECTION("beam: 20 cm wide, 15 cm up, pit floor beside it") {
    const Track track = official("beam");
    const Built b = build(track);
    const double x = 2.6 + 1.5;
    CHECK(ground_at(b, x, 0.09) == Approx(0.15));
    CHECK(ground_at(b, x, -0.09) == Approx(0.15));
    CHECK(ground_at(b, x, 0.12) == Approx(0.002));
  }
  SECTION("stepping stones: two columns of 8 stones at the running height") {
    const Track track = official("stepping-stones");
    const Built b = build(track);
    const CourseElement& stones = track.course[3];
    for (double y : {-0.14, 0.14}) {
      int stones_seen = 0;
      bool on_stone = false;
      for (double x = stones.start_x + 0.001; x < stones.end_x(); x += 0.005) {
        const double h = ground_at(b, x, y);
        const bool stone = std::abs(h - 0.15) < 1e-6;
        CHECK((stone || std::abs(h - 0.002) < 1e-6));
        if (stone && !on_stone) ++stones_seen;
        on_stone = stone;
      }
      CHECK(stones_seen == 8);
    }
  }
}

TEST_CASE("rough ground is a seeded heightfield within its amplitude") {
  const Track track = official("rough");
  const Built published = build(track);
  const Built again = build(track);
  const Built other = build(track, 7);
  for (size_t k = 1; k <= 3; ++k) {
    const CourseElement& e = track.course[k];
    const double amplitude = std::get<RoughElement>(e.shape).amplitude;
    double lowest = 1, highest = -1;
    int differs = 0, samples = 0;
    for (double x = e.start_x + 0.013; x < e.end_x(); x += 0.037)
      for (double y = -0.4; y <= 0.4; y += 0.1) {
        const double h = ground_at(published, x, y);
        lowest = std::min(lowest, h);
        highest = std::max(highest, h);
        CHECK(h == ground_at(again, x, y));  // same seed, same ground
        differs += std::abs(h - ground_at(other, x, y)) > 1e-4;
        ++samples;
      }
    INFO("rough patch " << k);
    CHECK(lowest >= -1e-6);
    CHECK(highest <= amplitude + 1e-6);
    CHECK(highest - lowest > 0.6 * amplitude);
    CHECK(differs > samples / 2);  // another run seed, another ground
  }
  // The patch edges meet the flat ground without a step.
  CHECK(ground_at(published, 1.5 + 0.001, 0) < 0.001);
}

TEST_CASE("hurdle bars rest on their posts until something moves them") {
  const Track track = official("hurdles");
  Built b = build(track);
  const mjModel* m = b.world->model();
  for (int i = 0; i < 1000; ++i) mj_step(m, b.data.get());  // 1 s; the robot lies far behind
  for (int i = 0; i < track.hurdle_bar_count(); ++i) {
    const int joint = mj_name2id(m, mjOBJ_JOINT, ("hurdle_bar_" + std::to_string(i)).c_str());
    REQUIRE(joint >= 0);
    const int adr = m->jnt_qposadr[joint];
    const double moved = std::hypot(b.data->qpos[adr] - m->qpos0[adr], b.data->qpos[adr + 1] - m->qpos0[adr + 1],
                                    b.data->qpos[adr + 2] - m->qpos0[adr + 2]);
    CHECK(moved < 0.002);
  }
  // Bar tops at 5 and 8 cm.
  CHECK(ground_at(b, 1.5 + 0.6, 0) == Approx(0.05).margin(0.002));
  CHECK(ground_at(b, 1.5 + 6.0 + 0.6, 0) == Approx(0.08).margin(0.002));
}

TEST_CASE("the start pose turns and places the robot") {
  simarena::test::TempFolder tmp;
  const auto path = write_temp(tmp.path, "turned.yaml",
                               replaced(kGoodTrack, "start: {x: -0.5, y: 0}", "start: {x: -1.0, y: 0.2, yaw_deg: 90}"));
  const Built b = build(load_track(path));
  const double* base = b.data->qpos + b.world->base_qpos_adr();
  CHECK(base[0] == Approx(-1.0));
  CHECK(base[1] == Approx(0.2));
  CHECK(base[3] == Approx(std::cos(M_PI / 4)));
  CHECK(base[6] == Approx(std::sin(M_PI / 4)));
}

TEST_CASE("malformed tracks and rule sets: file:line:column and what is allowed") {
  simarena::test::TempFolder tmp;
  struct Case {
    std::string find, replace, where, message;
  };
  const std::vector<Case> cases = {
      {"  - flat: {length: 2}", "  - ramp: {length: 2}",
       ":8:5:", "unknown course element 'ramp'; allowed: flat, slope"},
      {"  - flat: {length: 2}", "  - flat: {length: 2, height: 1}",
       ":8:23:", "unknown key 'height'; allowed here: length"},
      {"  - flat: {length: 2}", "  - gap: {length: 0.2}", ":8:5:", "needs a raised course"},
      {"  - flat: {length: 2}", "  - stairs: {steps: 2, step_height: -0.05, tread: 0.3}", ":8:5:", "below the floor"},
      {"start: {x: -0.5, y: 0}", "start: {x: 0.5, y: 0}", ":6:12:", "must be before the start line"},
      {"lane: {width: 1.0}", "lane: {width: 0.1}", ":5:15:", "allowed: 0.3"},
      {"time_limit: 30", "time_limit: soon", ":4:13:", "must be a finite number"},
      {"format_version: 1", "format_version: 2", ":1:17:", "unsupported format_version"},
      {"  - flat: {length: 2}", "  - flat: {length: 2}\ncheckpoints:\n  - {x: 1, y: 0.5, width: 0.4}",
       ":10:5:", "reaches outside the lane"},
  };
  for (const Case& c : cases) {
    const auto path = write_temp(tmp.path, "bad.yaml", replaced(kGoodTrack, c.find, c.replace));
    const std::string error = load_error(path);
    INFO(error);
    CHECK_THAT(error, StartsWith(path.string() + c.where));
    CHECK_THAT(error, Contains(c.message));
  }

  std::ifstream in(test::source_path("arenas/rules/standard.yaml"));
  std::stringstream text;
  text << in.rdbuf();
  const auto bad_cost =
      write_temp(tmp.path, "rules/bad.yaml",
                 replaced(text.str(), "lane_exit: {penalty_s: 5, rejoin_s: 0.5}", "lane_exit: {cost: banish}"));
  const std::string error = load_error(bad_cost, true);
  CHECK_THAT(error, StartsWith(bad_cost.string() + ":13:19:"));
  CHECK_THAT(error, Contains("'cost' is 'banish'; allowed: penalty, disqualify"));
  const auto bad_info =
      write_temp(tmp.path, "rules/bad2.yaml", replaced(text.str(), "course_info: none", "course_info: map"));
  CHECK_THAT(load_error(bad_info, true), Contains("allowed: none, next_gate"));
}
