// Referee regression scenarios: each rule of docs/rules.md as a scripted
// path with the events and score it must give, under the official rule sets.
#include <catch2/catch.hpp>

#include "referee_script.h"
#include "simarena/track/score_sheet.h"

using namespace simarena;
using test::Script;
using T = RefereeEventType;

namespace {

Script standard() { return Script(test::scenario_track(), test::official_rules("standard")); }
Script strict() { return Script(test::scenario_track(), test::official_rules("strict")); }

// Through both gates' openings and over the finish line.
Script& clean_lap(Script& s) {
  return s.to(1, 0).to(2, 0.25).to(4, 0.25).to(5, -0.25).to(7, -0.25).to(8, 0).to(10.5, 0);
}

}  // namespace

TEST_CASE("referee: start and finish are timed where the path crosses the lines") {
  Script s = standard();
  clean_lap(s);
  REQUIRE(s.referee().over());
  const RefereeEvent* start = s.first(T::start);
  const RefereeEvent* finish = s.first(T::finish);
  REQUIRE(start);
  REQUIRE(finish);
  CHECK(start->time == Approx(1.0).margin(1e-9));  // x = 0 reached at 0.5 m/s after 1 s
  CHECK(s.count(T::checkpoint) == 2);
  CHECK(s.count(T::checkpoint_missed) == 0);
  const Score score = s.score();
  CHECK(score.result == Score::Result::finished);
  CHECK(score.course_time == Approx(finish->time - start->time));
  CHECK(score.penalty_seconds == 0);
  CHECK(score.total_time == Approx(score.course_time));
  CHECK(score.progress == Approx(10));
  CHECK(score.rank_key[0] == 0);
  CHECK(s.events().back().type == T::finish);  // nothing after the finish
}

TEST_CASE("referee: crossing time is interpolated, not sampled") {
  // Observations only every 0.1 s: the start at x = 0 still lands at t = 1.0,
  // and the finish at x = 10 at 21.0 (0.5 m/s, straight along the centre).
  Track track = test::scenario_track();
  track.checkpoints.clear();
  Script s(track, test::official_rules("standard"), 0.1);
  s.to(-0.47, 0, 0.5).to(10.33, 0, 0.5);
  REQUIRE(s.first(T::start));
  REQUIRE(s.first(T::finish));
  CHECK(s.first(T::start)->time == Approx(0.1 + 0.47 / 0.5).margin(1e-6));  // x = -0.47 at t = 0.1
  CHECK(s.first(T::finish)->time - s.first(T::start)->time == Approx(20.0).margin(1e-6));
}

TEST_CASE("referee: nothing counts before the start line is crossed") {
  Script s = standard();
  // Lying on the floor before the start, tilted, protections tripping, a bar moved, a wall touched.
  s.set([](Observation& o) {
     o.fall_contact = "trunk";
     o.tilt = 1.5;
     o.wall_contact = true;
     o.obstacle_displacement[0] = 0.1;
   })
      .match_event(MatchEventType::err_bit_set, "command lost > 500 ms (bit1)")
      .match_event(MatchEventType::controller_error, "boom")
      .hold(5)
      .to(-0.1, 0.8);  // and out of the lane
  CHECK(s.events().empty());
  s.run_out();
  REQUIRE(s.events().size() == 1);
  CHECK(s.events()[0].type == T::timeout);
  const Score score = s.score();
  CHECK(score.result == Score::Result::timeout);
  CHECK_FALSE(score.started);
  CHECK(score.progress == 0);
  CHECK(score.penalty_seconds == 0);
}

TEST_CASE("referee: a body going around the start line outside the lane never starts") {
  Script s = standard();
  s.to(-0.2, 0.8).to(10.5, 0.8).to(10.5, 0).run_out();
  CHECK_FALSE(s.referee().started());
  CHECK(s.score().progress == 0);
  CHECK(s.score().result == Score::Result::timeout);
}

TEST_CASE("referee: timeout ranks by progress, then by the time it was reached") {
  Script s = standard();
  s.to(1, 0).to(2, 0.25).to(2.5, 0.25).hold(1).run_out();
  const RefereeEvent* timeout = s.first(T::timeout);
  REQUIRE(timeout);
  CHECK(timeout->time == Approx(30));
  const Score score = s.score();
  CHECK(score.result == Score::Result::timeout);
  CHECK(score.progress == Approx(2.5));
  // 2.5 m first reached at t = 3 + 2*hypot(1, 0.25) + 1; the start was at t = 1.
  CHECK(score.course_time == Approx(3 + 2 * std::hypot(1.0, 0.25) + 1 - 1).margin(0.01));
  CHECK(score.rank_key[0] == 1);
  CHECK(score.rank_key[1] == Approx(-2.5));
}

TEST_CASE("referee: a finish after the time limit does not count") {
  Track track = test::scenario_track();
  track.checkpoints.clear();
  track.time_limit = 20.5;  // the finish at 0.5 m/s would be at t = 21
  Script s(track, test::official_rules("standard"));
  s.to(10.5, 0);
  CHECK(s.count(T::finish) == 0);
  REQUIRE(s.first(T::timeout));
  CHECK(s.first(T::timeout)->time == Approx(20.5));
  CHECK(s.score().progress == Approx(9.75).margin(0.002));
}

TEST_CASE("referee: going backwards over lines") {
  Script s = standard();
  s.to(1, 0).to(-0.3, 0).to(1, 0);  // back over the start line and forward again
  CHECK(s.count(T::start) == 1);
  CHECK(s.first(T::start)->time == Approx(1.0));
  REQUIRE(s.count(T::crossed_backward) == 1);
  CHECK(s.first(T::crossed_backward)->index == 0);
  // Through gate A, back through it, through it again: it counts once.
  s.to(2, 0.25).to(3.5, 0.25).to(2.5, 0.25).to(4, 0.25);
  CHECK(s.count(T::checkpoint) == 1);
  CHECK(s.count(T::crossed_backward) == 2);
  CHECK(s.events().back().index == 1);
  s.to(5, -0.25, 1).to(7, -0.25, 1).to(8, 0, 1).to(10.5, 0, 1);
  CHECK(s.score().result == Score::Result::finished);
  CHECK(s.score().penalty_seconds == 0);  // going back costs only time
}

TEST_CASE("referee: missed and out-of-order checkpoints") {
  SECTION("crossing a checkpoint's line outside its opening misses it") {
    Script s = standard();
    s.to(1, 0).to(4, 0).to(5, -0.25).to(7, -0.25).to(8, 0).to(10.5, 0);  // gate A passed at y = 0
    REQUIRE(s.count(T::checkpoint_missed) == 1);
    CHECK(s.first(T::checkpoint_missed)->index == 0);
    CHECK(s.count(T::checkpoint) == 1);
    CHECK(s.score().penalty_seconds == Approx(10));
    CHECK(s.score().result == Score::Result::finished);
  }
  SECTION("passing a later checkpoint first misses the skipped ones") {
    Script s = standard();
    // Around gate A outside the lane, back in, through gate B.
    s.to(1, 0).to(2, 0.7).to(4, 0.7).to(5, -0.25).to(7, -0.25).to(8, 0).to(10.5, 0);
    REQUIRE(s.count(T::checkpoint_missed) == 1);
    const RefereeEvent* missed = s.first(T::checkpoint_missed);
    CHECK(missed->index == 0);
    CHECK(missed->detail.find("gate B first") != std::string::npos);
    CHECK(s.first(T::checkpoint)->index == 1);
    CHECK(s.count(T::lane_exit) == 1);
    CHECK(s.score().penalty_seconds == Approx(10 + 5));
  }
  SECTION("checkpoints not passed by the finish are missed there") {
    Script s = standard();
    s.to(1, 0).to(2, 0.25).to(4, 0.25).to(5, 0.7).to(7, 0.7).to(8, 0).to(10.5, 0);  // around gate B
    REQUIRE(s.count(T::checkpoint_missed) == 1);
    CHECK(s.first(T::checkpoint_missed)->index == 1);
    CHECK(s.score().result == Score::Result::finished);
  }
}

TEST_CASE("referee: lane exits are counted per excursion, timed at the edge") {
  Script s = standard();
  s.to(1, 0).to(1, 0.75).to(1.5, 0.75).to(1.5, 0).to(2, -0.75).to(2, 0).to(10.5, 0, 1.0);
  CHECK(s.count(T::lane_exit) == 2);
  CHECK(s.count(T::lane_return) == 2);
  // From (1, 0) at t = 3 moving +y at 0.5 m/s: the edge y = 0.5 at t = 4.
  CHECK(s.first(T::lane_exit)->time == Approx(4.0).margin(1e-6));
  CHECK(s.score().penalties.size() >= 2);
  double lane_penalty = 0;
  for (const PenaltyItem& p : s.score().penalties)
    if (p.type == T::lane_exit) lane_penalty += p.seconds;
  CHECK(lane_penalty == Approx(10));
}

TEST_CASE("referee: a foot on a pit floor is a lane excursion") {
  Script s = standard();
  s.to(1, 0).set([](Observation& o) { o.pit_contact = true; }).hold(0.5);
  s.set([](Observation& o) { o.pit_contact = false; }).hold(0.6);
  CHECK(s.count(T::lane_exit) == 1);
  CHECK(s.count(T::lane_return) == 1);
  CHECK(s.first(T::lane_exit)->detail.find("pit") != std::string::npos);
  // A foot tapping the pit floor, back in the lane for less than rejoin_s
  // (0.5 s) between taps, is one excursion.
  for (int tap = 0; tap < 5; ++tap) {
    s.set([](Observation& o) { o.pit_contact = true; }).hold(0.1);
    s.set([](Observation& o) { o.pit_contact = false; }).hold(0.2);
  }
  s.hold(0.6);
  CHECK(s.count(T::lane_exit) == 2);
  CHECK(s.count(T::lane_return) == 2);
}

TEST_CASE("referee: falls by contact and by tilt, with a time penalty") {
  SECTION("trunk contact: one fall per episode, re-armed after rearm_s clear") {
    Script s = standard();
    s.to(1, 0).set([](Observation& o) { o.fall_contact = "trunk"; }).hold(2);
    CHECK(s.count(T::fall) == 1);
    s.set([](Observation& o) { o.fall_contact.clear(); }).hold(0.5);  // under rearm_s = 1
    s.set([](Observation& o) { o.fall_contact = "trunk"; }).hold(0.1);
    CHECK(s.count(T::fall) == 1);
    s.set([](Observation& o) { o.fall_contact.clear(); }).hold(1.1);
    s.set([](Observation& o) { o.fall_contact = "trunk"; }).hold(0.1);
    CHECK(s.count(T::fall) == 2);
    CHECK(s.first(T::fall)->time == Approx(3.002));
    CHECK(s.first(T::fall)->detail == "trunk touched the ground");
    CHECK(s.score().penalty_seconds == Approx(20));
    CHECK_FALSE(s.referee().over());
  }
  SECTION("tilt past the limit counts only when held") {
    Script s = standard();  // 60 deg for 0.5 s
    s.to(1, 0).set([](Observation& o) { o.tilt = 1.2; }).hold(0.4);
    s.set([](Observation& o) { o.tilt = 0.1; }).hold(0.1);
    CHECK(s.count(T::fall) == 0);
    s.set([](Observation& o) { o.tilt = 1.2; }).hold(0.6);
    REQUIRE(s.count(T::fall) == 1);
    CHECK(s.first(T::fall)->time == Approx(3.5 + 0.002 + 0.5).margin(1e-6));
  }
  SECTION("strict rules: a fall disqualifies and ends the run") {
    Script s = strict();
    s.to(2, 0).set([](Observation& o) { o.fall_contact = "FR_thigh"; }).hold(1).to(10.5, 0);
    CHECK(s.count(T::fall) == 1);
    CHECK(s.count(T::finish) == 0);
    REQUIRE(s.referee().over());
    CHECK(s.events().back().type == T::disqualified);
    const Score score = s.score();
    CHECK(score.result == Score::Result::disqualified);
    CHECK(score.rank_key[0] == 2);
    CHECK(score.progress == Approx(2));
  }
}

TEST_CASE("referee: knocked obstacles, wall touches, protection trips, controller faults") {
  Script s = standard();
  s.to(1, 0);
  s.set([](Observation& o) { o.obstacle_displacement[1] = 0.01; }).hold(0.1);  // under 2 cm: not knocked
  s.set([](Observation& o) { o.obstacle_displacement[1] = 0.05; }).hold(0.1);
  s.set([](Observation& o) { o.obstacle_displacement[1] = 0.3; }).hold(0.1);  // still the same bar
  s.set([](Observation& o) { o.wall_contact = true; }).hold(0.2);
  s.set([](Observation& o) { o.wall_contact = false; }).hold(0.2);  // under rejoin_s 0.5: the same touch
  s.set([](Observation& o) { o.wall_contact = true; }).hold(0.2);
  s.set([](Observation& o) { o.wall_contact = false; }).hold(0.6);  // a new touch
  s.set([](Observation& o) { o.wall_contact = true; }).hold(0.2);
  s.match_event(MatchEventType::err_bit_set, "command gap > 10 ms (bit0)").hold(0.1);
  s.match_event(MatchEventType::err_bit_cleared, "command gap > 10 ms (bit0)").hold(0.1);  // clearing costs nothing
  s.match_event(MatchEventType::command_rejected, "controller sent q_des[0] = nan; frame dropped").hold(0.1);

  CHECK(s.count(T::obstacle_knocked) == 1);
  CHECK(s.first(T::obstacle_knocked)->index == 1);
  CHECK(s.count(T::wall_touch) == 2);
  CHECK(s.count(T::protection_trip) == 1);
  CHECK(s.count(T::controller_fault) == 1);
  // standard.yaml: 3 + 2*2 + 2 + 5; deadline misses from the real producer: tests/test_deadlines.cpp
  CHECK(s.score().penalty_seconds == Approx(3 + 4 + 2 + 5));

  SECTION("under strict rules a controller fault disqualifies") {
    Script t = strict();
    t.to(1, 0).match_event(MatchEventType::controller_error, "exception in UserCode").hold(0.1);
    CHECK(t.count(T::controller_fault) == 1);
    CHECK(t.score().result == Score::Result::disqualified);
  }
}

TEST_CASE("ranking: finishers by time plus penalties, then others by progress and time, disqualified last") {
  auto run = [](const std::function<void(Script&)>& drive, const char* rules = "standard") {
    Script s(test::scenario_track(), test::official_rules(rules));
    drive(s);
    s.run_out();
    return s.score();
  };
  const Score fast = run([](Script& s) { clean_lap(s); });
  const Score fast_penalised = run([](Script& s) {
    s.to(1, 0).set([](Observation& o) { o.fall_contact = "trunk"; }).hold(0.01);
    s.set([](Observation& o) { o.fall_contact.clear(); });
    s.to(2, 0.25).to(4, 0.25).to(5, -0.25).to(7, -0.25).to(8, 0).to(10.5, 0);
  });
  const Score far = run([](Script& s) { s.to(1, 0).to(2, 0.25).to(4, 0.25).to(5, -0.25).to(6.5, -0.25); });
  const Score far_slow = run([](Script& s) { s.to(1, 0).to(2, 0.25).to(4, 0.25).to(5, -0.25).to(6.5, -0.25, 0.3); });
  const Score near = run([](Script& s) { s.to(2, 0); });
  const Score out =
      run([](Script& s) { s.to(8, 0).set([](Observation& o) { o.fall_contact = "trunk"; }).hold(0.1); }, "strict");
  CHECK(fast.result == Score::Result::finished);
  CHECK(fast_penalised.total_time == Approx(fast_penalised.course_time + 10));
  CHECK(ranks_before(fast, fast_penalised));
  CHECK(ranks_before(fast_penalised, far));
  CHECK(ranks_before(far, far_slow));
  CHECK(ranks_before(far_slow, near));
  CHECK(ranks_before(near, out));  // disqualified, though it got further
  CHECK_FALSE(ranks_before(far, far));
}

TEST_CASE("score is a pure function of the events on the score sheet") {
  Script s = standard();
  s.to(1, 0).to(4, 0).set([](Observation& o) { o.wall_contact = true; }).hold(0.1);
  s.set([](Observation& o) { o.wall_contact = false; }).to(10.5, 0);
  const Score score = s.score();
  const std::vector<RefereeEvent> read_back = events_from_json(nlohmann::json::parse(events_json(s.events()).dump()));
  const Score again = score_run(read_back, test::official_rules("standard"));
  CHECK(again.total_time == score.total_time);
  CHECK(again.rank_key == score.rank_key);
  CHECK(again.penalties.size() == 3);  // gate A missed (crossed at y = 0), the wall touch, gate B missed
  CHECK(events_log(s.events(), test::official_rules("standard")).find("wall_touch") != std::string::npos);
}

TEST_CASE("course information: the next gate in the body's heading frame") {
  Script s(test::scenario_track(), test::official_rules("guided"));
  SimarenaCourseInfo info = s.referee().course_info();
  CHECK(info.available == 1);
  CHECK(info.gate_count == 4);       // start, gate A, gate B, finish
  CHECK(info.next_gate_index == 0);  // the start line, 0.5 m ahead
  CHECK(info.next_gate_body[0] == Approx(0.5));
  CHECK(info.next_gate_body[1] == Approx(0).margin(1e-6));
  s.to(1, 0);
  info = s.referee().course_info();
  CHECK(info.next_gate_index == 1);  // gate A at (3, 0.25)
  CHECK(info.next_gate_body[0] == Approx(2));
  CHECK(info.next_gate_body[1] == Approx(0.25));
  CHECK(info.next_gate_body[2] == Approx(-0.23));
  CHECK(info.next_gate_width == Approx(0.4));
  // Turned 90 degrees left: the gate is now to the right, the course heading -90 deg.
  s.set([](Observation& o) { o.yaw = 1.5707963; }).hold(0.002);
  info = s.referee().course_info();
  CHECK(info.next_gate_body[0] == Approx(0.25).margin(1e-5));
  CHECK(info.next_gate_body[1] == Approx(-2).margin(1e-5));
  CHECK(info.next_gate_heading == Approx(-1.5707963).margin(1e-6));
  s.set([](Observation& o) { o.yaw = 0; }).to(2, 0.25).to(4, 0.25).to(5, -0.25).to(7, -0.25);
  CHECK(s.referee().course_info().next_gate_index == 3);  // the finish
  s.to(10.5, 0);
  CHECK(s.referee().course_info().next_gate_index == -1);

  Script blind = standard();
  CHECK(blind.referee().course_info().available == 0);
}
