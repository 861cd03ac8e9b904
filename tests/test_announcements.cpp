// Announcements on the Xiaomi Cup course (docs/rules.md, "Announcements"):
// the referee judges each recognition against the tunnel object nearest
// ahead of the body in the real, seeded layout, and flags the objects passed
// without one at the end of the search segment; a plugin's recognitions
// (simarena.announce version 2) come out the same in-process and sandboxed,
// cut and cleaned; an LCM program's the same way.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "simarena/base/input_error.h"
#include "simarena/bridge/lcm_announcements.h"
#include "simarena/playback/replay_verify.h"
#include "simarena/replay/replay_reader.h"
#include "simarena/run/run_session.h"
#include "simarena/track/field_layout.h"
#include "simarena/track/score.h"
#include "simarena/track/score_sheet.h"
#include "simarena/track/track_catalog.h"
#include "test_helpers.h"

using namespace simarena;
using test::TempFolder;

namespace {

constexpr uint64_t kSeed = 11;
constexpr double kQuarterTurn = std::numbers::pi / 2;

const TrackWithRules& xiaomi_cup() {
  static const TrackWithRules course = load_track_with_rules("xiaomi-cup-2026", default_search_paths());
  return course;
}

// In the seed's layout: the channel holding the cubes, where they are, and
// the kind of the target item in the same channel (past the cubes).
struct CubesChannel {
  double x = 0, cubes_y = 0, target_y = 0;
  RecognisedObject target_kind = RecognisedObject::bottle;
  int cubes = -1, target = -1;  // announceable object index
};

CubesChannel cubes_channel(uint64_t seed) {
  const FieldCourse& field = *xiaomi_cup().track.field;
  const FieldLayout layout = place_field(field, seed);
  const std::vector<AnnounceableObject> objects = announceable_objects(field);
  CubesChannel c;
  for (size_t i = 0; i < objects.size(); ++i)
    if (objects[i].kind == RecognisedObject::cubes) c.cubes = static_cast<int>(i);
  REQUIRE(c.cubes >= 0);
  const Vec2 cubes = layout.objects[static_cast<size_t>(objects[static_cast<size_t>(c.cubes)].layout_index)].at;
  c.x = cubes.x;
  c.cubes_y = cubes.y;
  for (size_t i = 0; i < objects.size(); ++i) {
    const Vec2 at = layout.objects[static_cast<size_t>(objects[i].layout_index)].at;
    const bool target_kind = objects[i].kind == RecognisedObject::bottle ||
                             objects[i].kind == RecognisedObject::orange_ball ||
                             objects[i].kind == RecognisedObject::football;
    if (target_kind && std::abs(at.x - c.x) < 0.3) {
      c.target = static_cast<int>(i);
      c.target_y = at.y;
      c.target_kind = objects[i].kind;
    }
  }
  REQUIRE(c.target >= 0);
  return c;
}

std::vector<Vec2> places(uint64_t seed) {
  const FieldCourse& field = *xiaomi_cup().track.field;
  const FieldLayout layout = place_field(field, seed);
  std::vector<Vec2> out;
  for (const AnnounceableObject& o : announceable_objects(field))
    out.push_back(layout.objects[static_cast<size_t>(o.layout_index)].at);
  return out;
}

Observation at(double time, double x, double y, double yaw, const std::vector<Vec2>& objects,
               std::vector<MatchEvent> said = {}) {
  Observation o;
  o.time = time;
  o.position = {x, y, 0.3};
  o.yaw = yaw;
  o.object_places = objects;
  o.match_events = std::move(said);
  return o;
}

std::vector<const RefereeEvent*> of_type(const std::vector<RefereeEvent>& events, RefereeEventType type) {
  std::vector<const RefereeEvent*> out;
  for (const RefereeEvent& e : events)
    if (e.type == type) out.push_back(&e);
  return out;
}

// The course, started in the cubes' channel 1.25 m before them, heading up
// the channel (+y), its route a straight line up that channel: so a robot
// walking from its start meets the seed's real objects, judged by the real
// referee. Written next to the test; the rules by absolute path.
std::filesystem::path course_in_channel(const TempFolder& folder, const CubesChannel& c) {
  std::ifstream in(xiaomi_cup().track.file);
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  auto replace_line = [&](const std::string& starts, const std::string& with) {
    const size_t at = yaml.find(starts);
    REQUIRE(at != std::string::npos);
    yaml.replace(at, yaml.find('\n', at) - at, with);
  };
  char line[160];
  std::snprintf(line, sizeof(line), "start: {x: %.3f, y: %.3f, yaw_deg: 90}", c.x, c.cubes_y - 1.25);
  replace_line("start:", line);
  replace_line("rules:", "rules: " + xiaomi_cup().rules.file.string());
  const size_t path = yaml.find("  path:\n");
  REQUIRE(path != std::string::npos);
  const size_t path_end = yaml.find("\n\n", path);
  std::snprintf(line, sizeof(line), "  path:\n    - [%.3f, %.3f]\n    - [%.3f, %.3f]", c.x, c.cubes_y - 1.15, c.x,
                c.cubes_y + 3.0);
  yaml.replace(path, path_end - path, line);
  const std::filesystem::path file = folder.path / "channel.yaml";
  std::ofstream(file) << yaml;
  return file;
}

}  // namespace

TEST_CASE("announcements: the referee judges a recognition against the object nearest ahead", "[announcements]") {
  const TrackWithRules& course = xiaomi_cup();
  REQUIRE(course.track.field->announcements.judged);
  const CubesChannel c = cubes_channel(kSeed);
  const std::vector<Vec2> objects = places(kSeed);
  Referee referee(course.track, course.rules);
  referee.observe(at(0, 0, 0, 0, objects));
  referee.observe(at(0.002, 0.5, -0.02, 0, objects));  // over the start line
  REQUIRE(referee.started());
  // Said before the start's observation is judged only once the run has started.
  const double y0 = c.cubes_y - 1.0;
  referee.observe(at(1.0, c.x, y0, kQuarterTurn, objects));
  referee.observe(at(1.002, c.x, y0, kQuarterTurn, objects,
                     {recognition_event(1.0, SIMARENA_OBJECT_CUBES, "识别到无法跨越障碍"),
                      recognition_event(1.0, static_cast<int>(c.target_kind), "the target")}));
  // Facing back down the channel: nothing announceable ahead.
  referee.observe(at(1.5, c.x, y0, -kQuarterTurn, objects));
  referee.observe(at(1.502, c.x, y0, -kQuarterTurn, objects, {recognition_event(1.5, SIMARENA_OBJECT_BOTTLE, "")}));

  const auto right = of_type(referee.events(), RefereeEventType::announcement_right);
  REQUIRE(right.size() == 1);
  CHECK(right[0]->time == 1.0);
  CHECK(right[0]->index == c.cubes);
  CHECK_THAT(right[0]->detail, Catch::Matchers::Contains("said cubes (\"识别到无法跨越障碍\"): right"));
  const auto wrong = of_type(referee.events(), RefereeEventType::announcement_wrong);
  REQUIRE(wrong.size() == 1);
  CHECK(wrong[0]->index == c.cubes);
  CHECK_THAT(wrong[0]->detail,
             Catch::Matchers::Contains("wrong, the object nearest ahead is impassable obstacle (cubes) "
                                       "1.00 m ahead"));
  const auto unmatched = of_type(referee.events(), RefereeEventType::announcement_unmatched);
  REQUIRE(unmatched.size() == 1);
  CHECK(unmatched[0]->index == -1);

  SECTION("leaving the search segment, objects passed and not announced rightly are missing") {
    // Past the cubes (announced) to 0.5 m before the target (never announced) ...
    referee.observe(at(3.0, c.x, c.target_y - 0.5, kQuarterTurn, objects));
    // ... then out of the tunnel (along the cross channel, west of the
    // bridge) over the bridge's start line, the segment's end.
    referee.observe(at(6.0, 2.6, 7.16, 0, objects));
    referee.observe(at(7.0, 3.125, 7.16, kQuarterTurn, objects));
    referee.observe(at(8.0, 3.125, 7.5, kQuarterTurn, objects));
    referee.observe(at(8.1, 3.125, 7.8, kQuarterTurn, objects));
    const auto missing = of_type(referee.events(), RefereeEventType::announcement_missing);
    bool target_missing = false;
    for (const RefereeEvent* e : missing) {
      CHECK(e->index != c.cubes);
      CHECK(e->time == Approx(8.0 + 0.1 * (0.16 / 0.3)));  // where the body crossed y 7.66
      target_missing = target_missing || e->index == c.target;
    }
    CHECK(target_missing);
    // Counted once: going back and out again adds nothing.
    const size_t before = referee.events().size();
    referee.observe(at(9.0, 3.125, 7.5, -kQuarterTurn, objects));
    referee.observe(at(9.1, 3.125, 7.8, kQuarterTurn, objects));
    CHECK(of_type(referee.events(), RefereeEventType::announcement_missing).size() == missing.size());
    CHECK(referee.events().size() == before);

    // Wrong and missing each cost the rules' announcement penalty (5 s by default).
    CHECK(course.rules.announcement.seconds == kDefaultAnnouncementPenalty);
    referee.stop(10);
    const Score score = score_run(referee.events(), course.rules);
    CHECK(score.penalty_seconds == Approx(kDefaultAnnouncementPenalty * static_cast<double>(1 + missing.size())));
    const nlohmann::json sheet = score_sheet(course.track, course.rules, referee.events(), score, {});
    int listed = 0;
    for (const auto& e : sheet["events"])
      listed += e["type"] == "announcement_wrong" || e["type"] == "announcement_right";
    CHECK(listed == 2);
  }
}

TEST_CASE("announcements: a plugin's recognitions on the course, judged the same in-process and sandboxed",
          "[announcements]") {
  TempFolder folder;
  const CubesChannel c = cubes_channel(kSeed);
  RunRequest request;
  request.track = course_in_channel(folder, c).string();
  request.seed = kSeed;
  request.controller = test::copy_plugin(folder, "recogniser").string();
  // 0.25 m walked: the cubes 1.0 m ahead. Right, then wrong, then the malformed set.
  request.params = "0.25:5,0.3:" + std::to_string(static_cast<int>(c.target_kind)) + ",0.35:junk";
  request.duration = 5.0;
  request.replay = folder.path / "in_process.replay";
  const RunResult in_process = run_match(request, default_search_paths());
  SandboxLimits limits;
  limits.memory_cap_bytes = 256ull << 20;
  request.sandbox = limits;
  request.replay = folder.path / "sandboxed.replay";
  const RunResult sandboxed = run_match(request, default_search_paths());

  for (const RunResult* run : {&in_process, &sandboxed}) {
    INFO((run == &in_process ? "in-process" : "sandboxed"));
    REQUIRE(run->referee);
    REQUIRE(run->referee->started());
    std::vector<const MatchEvent*> said;
    uint32_t dropped = 0;
    for (const MatchEvent& e : run->events) {
      if (e.type == MatchEventType::recognition) said.push_back(&e);
      if (e.type == MatchEventType::messages_dropped) dropped += e.count;
    }
    REQUIRE(said.size() == 5);  // cubes, the target, and of the junk all but the unknown kind
    CHECK(dropped == 1);
    CHECK(said[0]->detail == "cubes: 识别到无法跨越障碍");
    CHECK(said[0]->object == SIMARENA_OBJECT_CUBES);
    // 1000 bytes cut to the bound, the cut marked; control bytes and invalid UTF-8 replaced.
    CHECK(said[2]->detail.size() <= std::string("cubes: ").size() + SIMARENA_MESSAGE_MAX_BYTES);
    CHECK(said[2]->detail.ends_with("\xE2\x80\xA6"));
    CHECK(said[3]->detail == "bottle: bell   [31mred [0m \xEF\xBF\xBD\xEF\xBF\xBD end");
    CHECK(said[4]->detail == "football");  // NULL words: none said

    const std::vector<RefereeEvent>& events = run->referee->events();
    const auto right = of_type(events, RefereeEventType::announcement_right);
    const auto wrong = of_type(events, RefereeEventType::announcement_wrong);
    REQUIRE(right.size() == 2);  // the cubes, twice (said, and said again in the junk)
    CHECK(right[0]->index == c.cubes);
    CHECK(right[0]->time == said[0]->time);
    REQUIRE(wrong.size() == 3);  // the target's kind, the junk's bottle and football: the cubes are nearest
    CHECK_THAT(wrong[0]->detail, Catch::Matchers::Contains("the object nearest ahead is impassable obstacle (cubes)"));
    for (const RefereeEvent* e : wrong) CHECK(e->index == c.cubes);

    // A replay re-judges the recorded recognitions to the same events.
    const VerifyOutcome verified = verify_replay(read_replay(run->replay), default_search_paths());
    INFO(verified.message);
    CHECK(verified.status == VerifyOutcome::Status::verified);
  }
  const std::vector<RefereeEvent>& a = in_process.referee->events();
  const std::vector<RefereeEvent>& b = sandboxed.referee->events();
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].type == b[i].type);
    CHECK(a[i].time == b[i].time);
    CHECK(a[i].detail == b[i].detail);
  }
}

TEST_CASE("announcements: an LCM program's announcement becomes the same message as a plugin's", "[announcements]") {
  simarena_announce_lcmt wire;
  wire.kind = SIMARENA_OBJECT_LOW_BAR;
  wire.words = "识别到限高杆\x1b[0m" + std::string(600, 'x');
  const auto message = message_from_wire(wire);
  REQUIRE(message);
  CHECK(message->kind == ControllerMessage::Kind::recognition);
  CHECK(message->object == SIMARENA_OBJECT_LOW_BAR);
  CHECK(message->text.starts_with("识别到限高杆 [0m"));
  CHECK(message->text.size() <= SIMARENA_MESSAGE_MAX_BYTES);
  wire.kind = 0;
  wire.words = "hello";
  CHECK(message_from_wire(wire) == ControllerMessage{ControllerMessage::Kind::announce, "hello"});
  wire.kind = 6;
  CHECK_FALSE(message_from_wire(wire));
  wire.kind = -1;
  CHECK_FALSE(message_from_wire(wire));
}

TEST_CASE("announcements: a bad 'announcements' block names the file and line", "[announcements]") {
  TempFolder folder;
  std::ifstream in(xiaomi_cup().track.file);
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  const size_t block = yaml.find("  announcements: {segment: 4");
  REQUIRE(block != std::string::npos);
  yaml.replace(block, std::string("  announcements: {segment: 4").size(), "  announcements: {segment: 9");
  const size_t rules = yaml.find("rules:");
  yaml.replace(rules, yaml.find('\n', rules) - rules, "rules: " + xiaomi_cup().rules.file.string());
  const std::filesystem::path file = folder.path / "bad.yaml";
  std::ofstream(file) << yaml;
  const size_t line = static_cast<size_t>(std::count(yaml.begin(), yaml.begin() + static_cast<long>(block), '\n')) + 1;
  try {
    load_track(file);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Matchers::Contains("bad.yaml:" + std::to_string(line) + ":"));
    CHECK_THAT(e.what(), Catch::Matchers::Contains("'segment' is the number"));
  }
}

TEST_CASE("announcements: a small field course with only the sections it needs", "[announcements]") {
  // Optional sections left out after present ones (here lines, solids,
  // decks, objects and ball grids after the segments) must read.
  TempFolder folder;
  const std::filesystem::path file = folder.path / "tiny.yaml";
  std::ofstream(file) << "format_version: 1\nname: tiny-tunnel\nrules: " << xiaomi_cup().rules.file.string() << R"(
time_limit: 60
start: {x: 0, y: -0.5, yaw_deg: 90}
field:
  bounds: {x: [-1, 1], y: [-1, 4]}
  path: [[0, 0], [0, 3.6]]  # the finish past the segment's end
  segments:
    - {name: search, start: [[-0.5, 0], [0.5, 0]], end: [[-0.5, 3], [0.5, 3]]}
  tunnels:
    - channels: [0]
      channel_width: 1.0
      spacing: 0.2
      targets:
        - {name: bottle, y: [2, 2], published: {channel: 1, y: 2}, objects: [{bottle: {name: coke}}]}
      obstacles:
        - {name: bar, y: [1, 1], published: {channel: 1, y: 1}, objects: [{low_bar: {name: bar}}]}
  finish_circle: {centre: [0, 3.5], radius: 0.25}
  announcements: {segment: 1}
)";
  const Track track = load_track(file);
  REQUIRE(track.field);
  CHECK(track.field->announcements.range == 1.5);
  CHECK(track.field->announcements.half_angle_deg == 45);
  const std::vector<AnnounceableObject> objects = announceable_objects(*track.field);
  REQUIRE(objects.size() == 2);
  CHECK(objects[0].kind == RecognisedObject::bottle);
  CHECK(objects[1].kind == RecognisedObject::low_bar);
  const std::vector<Vec2> where = {{0, 2}, {0, 1}};

  Referee referee(track, xiaomi_cup().rules);
  referee.observe(at(0, 0, -0.1, kQuarterTurn, where));
  referee.observe(at(0.1, 0, 0.2, kQuarterTurn, where));
  REQUIRE(referee.started());
  // The bar 0.8 m ahead, the bottle 1.8 m (out of range); 50 degrees off: not ahead.
  referee.observe(at(0.2, 0, 0.2, kQuarterTurn, where,
                     {recognition_event(0.1, SIMARENA_OBJECT_LOW_BAR, "识别到限高杆"),
                      recognition_event(0.1, SIMARENA_OBJECT_BOTTLE, "识别到可乐瓶")}));
  referee.observe(at(0.3, 0, 0.2, kQuarterTurn + 50 * std::numbers::pi / 180, where));
  referee.observe(at(0.4, 0, 0.2, 0, where, {recognition_event(0.3, SIMARENA_OBJECT_LOW_BAR, "")}));
  // Up to 0.4 m before the bottle, then over the segment's end line.
  referee.observe(at(1.0, 0, 1.6, kQuarterTurn, where));
  referee.observe(at(2.0, 0, 3.2, kQuarterTurn, where));
  const auto right = of_type(referee.events(), RefereeEventType::announcement_right);
  const auto wrong = of_type(referee.events(), RefereeEventType::announcement_wrong);
  const auto unmatched = of_type(referee.events(), RefereeEventType::announcement_unmatched);
  const auto missing = of_type(referee.events(), RefereeEventType::announcement_missing);
  REQUIRE(right.size() == 1);
  CHECK(right[0]->index == 1);
  CHECK_THAT(right[0]->detail, Catch::Matchers::Contains("right, bar 0.80 m ahead"));
  REQUIRE(wrong.size() == 1);
  CHECK_THAT(wrong[0]->detail, Catch::Matchers::Contains("the object nearest ahead is bar (low_bar)"));
  REQUIRE(unmatched.size() == 1);
  CHECK(unmatched[0]->time == 0.3);
  REQUIRE(missing.size() == 1);
  CHECK(missing[0]->index == 0);
  CHECK(missing[0]->time == Approx(1.0 + (3.0 - 1.6) / 1.6));
  CHECK(missing[0]->detail == "coke (bottle) passed without a right announcement");
}
