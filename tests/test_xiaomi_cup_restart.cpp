// The Xiaomi Cup's restart after a fall (docs/rules.md, "Restart after a
// fall") with real physics: a walking robot is shoved over in segment 1;
// the referee judges the fall, lays the robot down at the segment's start
// and the run goes on; the replay re-simulates the restart and verifies.
#include <algorithm>
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

TEST_CASE("xiaomi cup restart: a walker shoved over on the stones is laid down at segment 1's start, and it verifies") {
  test::TempFolder folder;
  RunRequest request;
  request.controller = "contest_walk";  // stands up and trots straight ahead along the stones
  request.track = "xiaomi-cup-2026";
  request.duration = 6.0;
  request.replay = folder.path / "fall.replay";
  Run* run = nullptr;
  request.on_run_created = [&](Run& r) { run = &r; };
  // On the stones, a shove from the side between ticks (as the viewer's push; recorded in the replay).
  const auto shove = [&](double time, double) {
    if (std::abs(time - 4.0) < 1e-9) run->match().apply_push({0, 300, 0}, 0.15);
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
  // Lying back at the start, the robot is not counted as anywhere further along the route.
  CHECK(result.referee->progress() == fall.progress);

  // Re-simulated from the replay: laid down there right after the fall, at rest, and it verifies.
  bool laid = false;
  const auto look = [&](const Run& again) {
    const Referee& referee = again.referee()->referee();
    const bool restarted = std::any_of(referee.events().begin(), referee.events().end(),
                                       [](const RefereeEvent& e) { return e.type == T::restart; });
    if (!restarted || laid || again.match().time() <= restart.time + 1e-9) return;
    laid = true;  // the first tick after the restart began with the robot laid down
    const double* base = again.match().data()->qpos + again.world().base_qpos_adr();
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
