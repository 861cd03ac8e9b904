// The Xiaomi Cup course for assisted entries (xiaomi-cup-2026-assisted, a
// variant of the course file under the xiaomi-cup-assisted rules): the
// variant reads the course from its base and carries both in replays, the
// course information gives the route's corners as gates, and the reference
// entry (the `locomotion` controller) finishes all six segments with real
// physics, so judges can check that the course can be finished.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <numbers>

#include "simarena/base/content_hash.h"
#include "simarena/base/input_error.h"
#include "simarena/physics/robot_spec.h"
#include "simarena/playback/replay_verify.h"
#include "simarena/replay/replay_inputs.h"
#include "simarena/replay/replay_reader.h"
#include "simarena/run/run_session.h"
#include "simarena/track/referee.h"
#include "simarena/track/track_catalog.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
using T = RefereeEventType;

namespace {

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

const char* kVariant = R"(format_version: 1
name: my-cup-assisted
rules: xiaomi-cup-assisted
variant_of: cup.yaml
)";

}  // namespace

TEST_CASE("xiaomi cup assisted: a variant track is its base's course under its own name and rules") {
  const TrackWithRules base = load_track_with_rules("xiaomi-cup-2026", default_search_paths());
  const TrackWithRules assisted = load_track_with_rules("xiaomi-cup-2026-assisted", default_search_paths());
  CHECK(assisted.track.name == "xiaomi-cup-2026-assisted");
  CHECK(assisted.rules.name == "xiaomi-cup-assisted");
  CHECK(assisted.rules.course_info == CourseInfoMode::height_map);
  CHECK(base.rules.course_info == CourseInfoMode::none);
  REQUIRE(assisted.track.field);
  CHECK(assisted.track.field->path.size() == base.track.field->path.size());
  CHECK(assisted.track.time_limit == base.track.time_limit);
  CHECK(assisted.track.base_file == base.track.file);
  CHECK(track_hash(assisted.track) != track_hash(base.track));
  CHECK(track_hash(base.track) == hash_file(base.track.file));  // an ordinary track's hash is unchanged

  // The hash covers the base: a changed base, a changed variant hash. Replays carry both files.
  test::TempFolder folder;
  write_text(folder.path / "cup.yaml", test::file_bytes(test::source_path("arenas/xiaomi-cup-2026.yaml")));
  write_text(folder.path / "mine.yaml", kVariant);
  std::filesystem::create_directories(folder.path / "rules");
  const std::string before = track_hash(load_track(folder.path / "mine.yaml"));
  write_text(folder.path / "cup.yaml",
             test::file_bytes(test::source_path("arenas/xiaomi-cup-2026.yaml")) + "\n# edited\n");
  CHECK(track_hash(load_track(folder.path / "mine.yaml")) != before);
  const auto inputs = collect_replay_inputs(load_robot_spec(test::source_path("models/cyberdog2/robot.yaml")),
                                            (folder.path / "mine.yaml").string(), default_search_paths());
  CHECK(std::count_if(inputs.begin(), inputs.end(), [](const ReplayInput& i) {
          return i.role == ReplayInput::Role::track_base && i.name == "cup.yaml";
        }) == 1);
}

TEST_CASE("xiaomi cup assisted: a broken variant is reported with file and line") {
  test::TempFolder folder;
  write_text(folder.path / "cup.yaml", test::file_bytes(test::source_path("arenas/xiaomi-cup-2026.yaml")));
  const auto error_of = [&](const std::string& text) {
    write_text(folder.path / "bad.yaml", text);
    try {
      load_track(folder.path / "bad.yaml");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string variant = kVariant;
  CHECK_THAT(error_of(variant + "lane: {width: 1}\n"), Contains("bad.yaml:5") && Contains("lane"));
  CHECK_THAT(error_of("format_version: 1\nname: x\nrules: standard\nvariant_of: ../cup.yaml\n"),
             Contains("bad.yaml:4") && Contains("same folder"));
  CHECK_THAT(error_of("format_version: 1\nname: x\nrules: standard\nvariant_of: none.yaml\n"),
             Contains("bad.yaml:4") && Contains("none.yaml"));
  write_text(folder.path / "middle.yaml", kVariant);
  CHECK_THAT(error_of("format_version: 1\nname: x\nrules: standard\nvariant_of: middle.yaml\n"),
             Contains("bad.yaml:4") && Contains("itself a variant"));
}

TEST_CASE("xiaomi cup assisted: the gates of a field course are its route's corners, with the leg leading in") {
  const TrackWithRules course = load_track_with_rules("xiaomi-cup-2026-assisted", default_search_paths());
  const std::vector<Vec2>& path = course.track.field->path;
  Referee referee(course.track, course.rules);
  Observation o;
  o.position = {0.0, 0.0, 0.23};  // the spawn point, facing +x
  referee.observe(o);
  SimarenaCourseInfo info = referee.course_info();
  CHECK(info.available == 1);
  CHECK(info.gate_count == static_cast<int>(path.size()));
  CHECK(info.next_gate_index == 0);  // the start line's point, 0.3 m ahead
  CHECK(info.next_gate_body[0] == Approx(0.30).margin(1e-6));
  CHECK(info.next_gate_width == 0);
  // Walked along the stones (observed every 5 cm) to 1 m short of the bend, turned 0.2 rad to the left: the
  // bend is next.
  const auto walk_to = [&](double x, double yaw) {
    while (o.position[0] < x - 1e-9) {
      o.time += 0.1;
      o.position = {std::min(x, o.position[0] + 0.05), -0.02, 0.23};
      o.yaw = yaw;
      referee.observe(o);
    }
  };
  walk_to(2.08, 0.2);
  info = referee.course_info();
  CHECK(info.next_gate_index == 1);
  const double dx = 3.08 - 2.08;
  CHECK(info.next_gate_body[0] == Approx(std::cos(0.2) * dx).margin(1e-5));
  CHECK(info.next_gate_body[1] == Approx(-std::sin(0.2) * dx).margin(1e-5));
  CHECK(info.next_gate_heading == Approx(-0.2).margin(1e-6));  // the leg into the bend runs along +x
  // Within reach of the bend (0.1 m): the next corner, whose leg runs up +y.
  walk_to(3.0, 0.0);
  info = referee.course_info();
  CHECK(info.next_gate_index == 2);
  CHECK(info.next_gate_heading == Approx(std::numbers::pi / 2).margin(1e-6));
}

TEST_CASE(
    "xiaomi cup assisted: the reference entry passes all six segments, jumps off the beam's end, lies down in "
    "the finish circle without a fall, and it verifies") {
  test::TempFolder folder;
  RunRequest request;
  request.controller = "locomotion";
  request.params = "vx=0.5,touchdown_depth=0";  // docs/tracks.md, "The assisted course"
  request.track = "xiaomi-cup-2026-assisted";
  request.duration = 300.0;  // it lies down in the finish circle after ~170 s
  request.replay = folder.path / "cup.replay";
  const RunResult result = run_match(request, default_search_paths());
  REQUIRE(result.referee);
  const std::vector<RefereeEvent>& events = result.referee->events();
  INFO(events_log(events, result.referee->rules()));
  std::vector<int> passed;
  for (const RefereeEvent& e : events)
    if (e.type == T::segment_passed) passed.push_back(e.segment);
  CHECK(passed == std::vector<int>{0, 1, 2, 3, 4, 5});
  const auto count = [&](T type) {
    return std::count_if(events.begin(), events.end(), [&](auto& e) { return e.type == type; });
  };
  CHECK(count(T::fall) == 0);
  CHECK(count(T::restart) == 0);
  CHECK(count(T::segment_skipped) == 0);
  REQUIRE(count(T::finish) == 1);
  const RefereeEvent& finish = *std::find_if(events.begin(), events.end(), [](auto& e) { return e.type == T::finish; });
  CHECK(finish.time < result.referee->track().time_limit);
  // Under the beam's rule, off the deck only past the jump line: no early jump.
  CHECK_FALSE(std::any_of(events.begin(), events.end(), [](const RefereeEvent& e) {
    return e.type == T::field_deduction && e.detail.find("early_jump") != std::string::npos;
  }));

  const VerifyOutcome verified = verify_replay(read_replay(request.replay), default_search_paths());
  CHECK(verified.status == VerifyOutcome::Status::verified);
}
