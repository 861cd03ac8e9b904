// The score of a run: a pure function of the referee's events and the rule
// set, so anyone holding a score sheet can recompute it.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "simarena/track/referee_event.h"
#include "simarena/track/rules.h"

namespace simarena {

struct PenaltyItem {
  double time = 0;  // s of match time
  RefereeEventType type = RefereeEventType::fall;
  int index = -1;
  double seconds = 0;
  std::string detail;
};

// Points earned or deducted (rules with ranking: points).
struct PointsItem {
  double time = 0;  // s of match time
  RefereeEventType type = RefereeEventType::segment_passed;
  int index = -1;
  int segment = -1;
  double points = 0;
  std::string detail;
};

struct Score {
  enum class Result { finished, timeout, disqualified, stopped };
  Result result = Result::stopped;
  bool started = false;
  double start_time = 0;   // s of match time when the start line was crossed
  double course_time = 0;  // s from the start to the finish (finishers) or to the best progress (others)
  double progress = 0;     // m along the course
  double penalty_seconds = 0;
  double total_time = 0;  // course_time + penalty_seconds
  std::vector<PenaltyItem> penalties;
  std::string reason;  // why the run ended, in words
  // Ranking by points: the sum of every event's points, and per segment.
  bool by_points = false;
  double points = 0;
  std::vector<double> segment_points;  // earned minus deducted, per segment that has any
  std::vector<PointsItem> point_items;
  // Sort ascending: [0, total time, 0] for finishers; [1, -progress, total
  // time] for timeouts and stopped runs; [2, -progress, total time] for
  // disqualified runs. By points: [0, -points, total time], disqualified
  // runs [2, -points, total time].
  std::array<double, 3> rank_key{};
};

Score score_run(const std::vector<RefereeEvent>& events, const RuleSet& rules);
const char* result_name(Score::Result result);
// True when `a` ranks strictly before `b`.
bool ranks_before(const Score& a, const Score& b);

}  // namespace simarena
