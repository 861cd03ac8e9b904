// The Xiaomi Cup's restart after a fall (docs/rules.md, "Restart after a
// fall") with real physics: a walking robot is shoved over in segment 1;
// the referee judges the fall, lays the robot down at the segment's start
// and the run goes on: the program (contest_walk, on the high-level API)
// sees the robot stop walking, stands it up again and walks on along the
// stones; the replay re-simulates the restart and verifies.
#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <optional>

#include "simarena/playback/html_replay.h"
#include "simarena/playback/replay_verify.h"
#include "simarena/replay/replay_reader.h"
#include "simarena/run/run_session.h"
#include "simarena/track/field_restart.h"
#include "simarena/track/score.h"
#include "test_helpers.h"

using namespace simarena;
using T = RefereeEventType;

namespace {

std::vector<RefereeEvent> of_type(const std::vector<RefereeEvent>& events, T type) {
  std::vector<RefereeEvent> out;
  std::copy_if(events.begin(), events.end(), std::back_inserter(out),
               [&](const RefereeEvent& e) { return e.type == type; });
  return out;
}

}  // namespace

TEST_CASE(
    "xiaomi cup restart: a walker shoved over on the stones is laid down at segment 1's start, stands up "
    "again, walks on, and it verifies") {
  test::TempFolder folder;
  RunRequest request;
  request.controller = "contest_walk";  // stands up and trots straight ahead along the stones
  request.params = "gait=3 vx=0.4";     // slow enough to cross the stones from a standing start
  request.track = "xiaomi-cup-2026";
  // The shove at 5 s and the fall, the robot's emergency stop (4 s, in which the program's recovery stand is
  // lost, so it sends it again), the stand from lying (2.6 s: the robot's fold, then its stand), then ~5 s of
  // walking on across the stones.
  request.duration = 17.0;
  request.replay = folder.path / "fall.replay";
  Run* run = nullptr;
  request.on_run_created = [&](Run& r) { run = &r; };
  // On the stones, a shove from the side between ticks (as the viewer's push; recorded in the replay).
  const auto shove = [&](double time, double) {
    if (std::abs(time - 5.0) < 1e-9) run->match().apply_push({0, 300, 0}, 0.15);
  };
  const RunResult result = run_match(request, default_search_paths(), shove);
  REQUIRE(result.referee);
  const std::vector<RefereeEvent>& events = result.referee->events();
  INFO(events_log(events, result.referee->rules()));
  REQUIRE(result.referee->started());
  const std::vector<RefereeEvent> falls = of_type(events, T::fall), restarts = of_type(events, T::restart);
  REQUIRE(falls.size() == 1);
  REQUIRE(restarts.size() == 1);
  const RefereeEvent& fall = falls.front();
  const RefereeEvent& restart = restarts.front();
  CHECK(fall.time > 4.0);
  CHECK(fall.progress > kRestartAhead);  // it had got further: laid at the segment's start, moved 0.3 m on
  CHECK(fall.points == -5);              // the fall's deduction stays; the restart costs nothing
  CHECK(restart.time == fall.time);
  CHECK(restart.segment == 0);
  CHECK(restart.points == 0);
  CHECK(restart.value == Approx(kRestartAhead));
  CHECK_THAT(restart.detail, Catch::Matchers::Contains("(0.60, -0.02) heading 0 deg"));
  // Nothing more went wrong: one fall, and the program walked on from the restart point past where it fell.
  CHECK(of_type(events, T::lane_exit).empty());
  CHECK(result.referee->progress() > fall.progress + 0.3);

  // Re-simulated from the replay: laid down there right after the fall, at rest, then standing up again
  // (trunk high above the stone, level) and walking on along the stones; and it verifies.
  bool laid = false;
  std::optional<double> stood_at;  // s: first time standing again
  double x_when_stood = 0, x_at_end = 0, worst_tilt_walking = 0;
  const auto look = [&](const Run& again) {
    const Referee& referee = again.referee()->referee();
    const bool restarted = std::any_of(referee.events().begin(), referee.events().end(),
                                       [](const RefereeEvent& e) { return e.type == T::restart; });
    if (!restarted || again.match().time() <= restart.time + 1e-9) return;
    const double* base = again.match().data()->qpos + again.world().base_qpos_adr();
    // The trunk's tilt from upright, from its orientation (w, x, y, z).
    const double tilt = std::acos(std::clamp(1 - 2 * (base[4] * base[4] + base[5] * base[5]), -1.0, 1.0));
    if (laid) {
      const bool standing = base[2] > 0.05 + 0.2 && tilt < 0.15;  // lying, the trunk is 0.10 m above the stone
      if (standing && !stood_at) {
        stood_at = again.match().time();
        x_when_stood = base[0];
      }
      if (stood_at) worst_tilt_walking = std::max(worst_tilt_walking, tilt);
      x_at_end = base[0];
      return;
    }
    laid = true;  // the first tick after the restart began with the robot laid down
    const double* velocity = again.match().data()->qvel + again.world().base_dof_adr();
    CHECK(base[0] == Approx(0.60).margin(0.01));
    CHECK(base[1] == Approx(-0.02).margin(0.01));
    CHECK(base[2] == Approx(0.05 + 0.0995).margin(0.01));  // lying on the first stone, which is under its body
    CHECK(std::all_of(velocity, velocity + 6, [](double v) { return std::abs(v) < 0.1; }));
  };
  const VerifyOutcome verified = verify_replay(read_replay(request.replay), default_search_paths(), look);
  INFO(verified.message);
  CHECK(verified.status == VerifyOutcome::Status::verified);
  CHECK(verified.referee_events == events.size());
  CHECK(laid);
  REQUIRE(stood_at);
  CHECK(*stood_at - restart.time < 7.0);  // 4 s of ESTOP, the order sent again, the stand 2.6 s
  CHECK(worst_tilt_walking < 0.6);        // it did not fall again
  CHECK(x_at_end - x_when_stood > 1.5);   // walked on across the stones (+x)

  // The HTML replay page shows the points as they happen: every item with its time, the restart among them.
  const HtmlReplayPage page = html_replay_page(read_replay(request.replay), default_search_paths());
  CHECK_THAT(page.html, Catch::Matchers::Contains("id=\"points-row\""));
  const std::string open = "<script type=\"application/json\" id=\"replay-data\">";
  const size_t begin = page.html.find(open);
  REQUIRE(begin != std::string::npos);
  const nlohmann::json data = nlohmann::json::parse(
      page.html.substr(begin + open.size(), page.html.find("</script>", begin) - begin - open.size()));
  const nlohmann::json& score = data.at("score");
  CHECK(score.at("points") == score_run(events, result.referee->rules()).points);
  const nlohmann::json& items = score.at("point_items");
  CHECK(std::any_of(items.begin(), items.end(), [&](const nlohmann::json& p) {
    return p.at("type") == "restart" && p.at("t") == restart.time && p.at("segment") == 0;
  }));
  CHECK(std::any_of(items.begin(), items.end(),
                    [](const nlohmann::json& p) { return p.at("type") == "fall" && p.at("points") == -5; }));
  CHECK(data.at("text").at("points") == "Points");
}

TEST_CASE(
    "xiaomi cup restart: a walker laid down after a lane exit stops walking (the robot's lifted protection), is "
    "stood up by its program and walks on") {
  test::TempFolder folder;
  RunRequest request;
  request.controller = "contest_walk";
  request.params = "gait=3 vx=0.65";  // trots off the end of the first lane at ~16 s: a lane exit while walking
  request.track = "xiaomi-cup-2026";
  request.duration = 23.0;
  request.replay = folder.path / "lane.replay";
  const RunResult result = run_match(request, default_search_paths());
  REQUIRE(result.referee);
  const std::vector<RefereeEvent>& events = result.referee->events();
  INFO(events_log(events, result.referee->rules()));
  const std::vector<RefereeEvent> exits = of_type(events, T::lane_exit);
  REQUIRE(exits.size() == 1);
  const double restart_time = exits.front().time;
  REQUIRE(of_type(events, T::restart).size() == 2);  // an earlier fall, then this one

  // Re-simulated: laid down while its motion controller walked, it stays
  // where it was laid (before: the trot pushed it up and along from its
  // lying pose at once), then its program's recovery stand gets it up and
  // it walks on along the stones.
  std::optional<std::array<double, 2>> laid_at;
  double farthest_lying = 0, worst_tilt_lying = 0, x_at_end = 0;
  std::optional<double> stood_at;
  const auto look = [&](const Run& again) {
    const double t = again.match().time();
    if (t <= restart_time + 1e-9) return;
    const double* base = again.match().data()->qpos + again.world().base_qpos_adr();
    const double tilt = std::acos(std::clamp(1 - 2 * (base[4] * base[4] + base[5] * base[5]), -1.0, 1.0));
    if (!laid_at) laid_at = std::array<double, 2>{base[0], base[1]};
    if (t < restart_time + 1.5) {
      farthest_lying = std::max(farthest_lying, std::hypot(base[0] - (*laid_at)[0], base[1] - (*laid_at)[1]));
      worst_tilt_lying = std::max(worst_tilt_lying, tilt);
    }
    if (!stood_at && base[2] > 0.05 + 0.2 && tilt < 0.3) stood_at = t;
    x_at_end = base[0];
  };
  const VerifyOutcome verified = verify_replay(read_replay(request.replay), default_search_paths(), look);
  INFO(verified.message);
  CHECK(verified.status == VerifyOutcome::Status::verified);
  REQUIRE(laid_at);
  INFO("after the restart: moved " << farthest_lying << " m and tilted up to " << worst_tilt_lying
                                   << " rad in 1.5 s; standing again after "
                                   << (stood_at ? *stood_at - restart_time : -1.0) << " s; x " << (*laid_at)[0]
                                   << " -> " << x_at_end << " m");
  CHECK(farthest_lying < 0.2);    // its legs going to the hanging pose shift it a little; a trot at 0.6 m/s would not
  CHECK(worst_tilt_lying < 0.8);  // its hanging legs prop it up across the first stone's edge
  REQUIRE(stood_at);
  CHECK(*stood_at - restart_time < 5.0);  // 2 s in LIFTED, then the recovery stand
  CHECK(x_at_end - (*laid_at)[0] > 0.3);  // walked on
}
