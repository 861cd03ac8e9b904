// The camera example on the contest course (docs/tracks.md, "The camera
// example on the course"): ball_chaser opens as a contest program does, on
// the robot's odometry (along the stones, turn into the ball field), then
// finds the orange balls with its RGB camera alone and walks through them.
// The referee passes segment 1, and a target ball swings past the rules'
// threshold, as re-simulated from the replay.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "simarena/playback/replay_verify.h"
#include "simarena/replay/replay_reader.h"
#include "simarena/run/run_session.h"
#include "simarena/track/field_layout.h"
#include "simarena/track/field_mjcf.h"
#include "simarena/track/score_sheet.h"
#include "simarena/track/track_catalog.h"
#include "test_helpers.h"

using namespace simarena;

TEST_CASE("xiaomi cup camera: ball_chaser passes the stones and strikes an orange ball it found by camera",
          "[cameras][gl]") {
  test::TempFolder folder;
  RunRequest request;
  request.controller = "ball_chaser";
  request.params = "lead=2.9,turn=90,enter=0.8,strike=1,stop=0.6,range=3.5,verbose=1";
  request.track = "xiaomi-cup-2026";
  request.seed = 0;       // the published layout "1432": orange R1C1, R2C4, R3C3, R4C2
  request.duration = 24;  // the stones by ~12 s, the nearest orange ball (R3C3) by ~21 s
  request.replay = folder.path / "camera.replay";
  const RunResult result = run_match(request, default_search_paths());
  REQUIRE(result.referee);
  const std::vector<RefereeEvent>& events = result.referee->events();
  INFO(events_log(events, result.referee->rules()));
  CHECK(result.sandbox_fault.empty());
  CHECK(std::any_of(events.begin(), events.end(), [](const RefereeEvent& e) {
    return e.type == RefereeEventType::segment_passed && e.segment == 0;
  }));
  CHECK(std::none_of(events.begin(), events.end(), [](const RefereeEvent& e) {
    return e.type == RefereeEventType::fall || e.type == RefereeEventType::restart;
  }));
  std::string said;
  for (const MatchEvent& e : result.events) said += e.detail + "\n";
  INFO(said);
  CHECK(said.find("struck the ball at") != std::string::npos);

  // Each target ball's largest swing from vertical, tick by tick in the re-simulation.
  const TrackWithRules cup = load_track_with_rules("xiaomi-cup-2026", default_search_paths());
  const FieldLayout layout = place_field(*cup.track.field, request.seed);
  std::map<int, double> swing;  // body id -> largest swing (rad)
  const auto look = [&](const Run& again) {
    const mjModel* m = again.match().model();
    if (swing.empty())
      for (size_t k = 0; k < layout.objects.size(); ++k)
        if (layout.objects[k].target && std::holds_alternative<HangingBall>(layout.objects[k].shape)) {
          const std::string name = std::string(kFieldObjectPrefix) + std::to_string(k);
          const int body = mj_name2id(m, mjOBJ_BODY, name.c_str());
          if (body >= 0) swing[body] = 0;
        }
    for (auto& [body, largest] : swing)  // the body's z axis from vertical: the string's swing
      largest = std::max(largest, std::acos(std::clamp(again.match().data()->xmat[9 * body + 8], -1.0, 1.0)));
  };
  const VerifyOutcome verified = verify_replay(read_replay(request.replay), default_search_paths(), look);
  INFO(verified.message);
  CHECK(verified.status == VerifyOutcome::Status::verified);
  REQUIRE(swing.size() >= 4);  // the ball field's four orange balls (and the tunnel's)
  const double threshold = cup.track.field->points->thresholds.swing;
  CHECK(std::any_of(swing.begin(), swing.end(), [&](const auto& s) { return s.second > threshold; }));
}
