// Scripted referee scenarios: a body driven along a path, tick by tick, with
// the official rule sets. No physics, no controller: the referee's decisions
// alone, so each scenario states exactly what docs/rules.md promises.
#pragma once

#include <cmath>
#include <functional>
#include <vector>

#include "simarena/track/referee.h"
#include "simarena/track/rules.h"
#include "simarena/track/score.h"
#include "test_helpers.h"

namespace simarena::test {

inline RuleSet official_rules(const std::string& name) {
  return load_rules(source_path("arenas/rules/" + name + ".yaml"));
}

// 10 m of flat lane 1 m wide: checkpoints at x = 3 (y +0.25) and x = 6
// (y -0.25), 0.4 m openings; two hurdle bars at x = 7.5 and 8.5; 30 s limit.
inline Track scenario_track() {
  Track t;
  t.name = "scenario";
  t.rules = "standard";
  t.time_limit = 30;
  t.lane.width = 1.0;
  t.start = {-0.5, 0, 0};
  auto add = [&](ElementShape shape, double length) {
    CourseElement e;
    e.shape = shape;
    e.start_x = t.length();
    e.length = length;
    t.course.push_back(e);
  };
  add(FlatElement{}, 7);
  add(HurdlesElement{2, 1.0, 0.05, 0.01, 0.1}, 2);
  add(FlatElement{}, 1);
  t.checkpoints = {{"gate A", 3, 0.25, 0.4}, {"gate B", 6, -0.25, 0.4}};
  return t;
}

// Drives a Referee with observations every `dt` seconds.
class Script {
 public:
  Script(Track track, RuleSet rules, double dt = 0.002) : referee_(std::move(track), std::move(rules)), dt_(dt) {
    now_.position = {-0.5, 0, 0.23};
    now_.obstacle_displacement.assign(static_cast<size_t>(referee_.track().hurdle_bar_count()), 0.0);
    referee_.observe(now_);
  }

  // Moves in a straight line to (x, y) at `speed` m/s, observing each tick.
  Script& to(double x, double y, double speed = 0.5) {
    const double x0 = now_.position[0], y0 = now_.position[1];
    const double distance = std::hypot(x - x0, y - y0);
    const auto ticks = std::max<long>(1, std::lround(distance / speed / dt_));
    for (long i = 1; i <= ticks; ++i) {
      const double f = static_cast<double>(i) / static_cast<double>(ticks);
      now_.position[0] = x0 + f * (x - x0);
      now_.position[1] = y0 + f * (y - y0);
      tick();
    }
    return *this;
  }
  // Stays put for `seconds`.
  Script& hold(double seconds) {
    const auto ticks = std::lround(seconds / dt_);
    for (long i = 0; i < ticks; ++i) tick();
    return *this;
  }
  // Changes what the next observations report.
  Script& set(const std::function<void(Observation&)>& change) {
    change(now_);
    return *this;
  }
  // A match event (protections, controller) reported with the next tick.
  Script& match_event(MatchEventType type, const std::string& detail = "") {
    pending_.push_back({now_.time, type, detail});  // as Match logs them: at the start of the tick
    return *this;
  }
  Script& run_out() {
    while (!referee_.over()) tick();
    return *this;
  }

  const Referee& referee() const { return referee_; }
  const std::vector<RefereeEvent>& events() const { return referee_.events(); }
  Score score() const { return score_run(referee_.events(), referee_.rules()); }
  double time() const { return now_.time; }

  int count(RefereeEventType type) const {
    int n = 0;
    for (const RefereeEvent& e : events()) n += e.type == type;
    return n;
  }
  const RefereeEvent* first(RefereeEventType type) const {
    for (const RefereeEvent& e : events())
      if (e.type == type) return &e;
    return nullptr;
  }

 private:
  void tick() {
    now_.time = static_cast<double>(++ticks_) * dt_;
    now_.match_events = std::move(pending_);
    pending_.clear();
    referee_.observe(now_);
  }

  Referee referee_;
  double dt_;
  long ticks_ = 0;
  Observation now_;
  std::vector<MatchEvent> pending_;
};

}  // namespace simarena::test
