#include "simarena/track/score.h"

#include <algorithm>

namespace simarena {

const char* result_name(Score::Result result) {
  switch (result) {
    case Score::Result::finished:
      return "finished";
    case Score::Result::timeout:
      return "timeout";
    case Score::Result::disqualified:
      return "disqualified";
    case Score::Result::stopped:
      return "stopped";
  }
  return "?";
}

Score score_run(const std::vector<RefereeEvent>& events, const RuleSet& rules) {
  Score s;
  double progress_reached_at = 0;  // the finish time, for finishers
  for (const RefereeEvent& e : events) {
    s.progress = std::max(s.progress, e.progress);
    if (e.type == RefereeEventType::start && !s.started) {
      s.started = true;
      s.start_time = e.time;
      progress_reached_at = e.time;
    }
    if (const Cost* cost = cost_of(e.type, rules); cost != nullptr && cost->kind == Cost::Kind::penalty) {
      s.penalties.push_back({e.time, e.type, e.index, cost->seconds, e.detail});
      s.penalty_seconds += cost->seconds;
    }
    if (carries_points(e)) {
      s.point_items.push_back({e.time, e.type, e.index, e.segment, e.points, e.detail});
      s.points += e.points;
      if (e.segment >= 0) {
        if (s.segment_points.size() <= static_cast<size_t>(e.segment))
          s.segment_points.resize(static_cast<size_t>(e.segment) + 1, 0.0);
        s.segment_points[static_cast<size_t>(e.segment)] += e.points;
      }
    }
    if (!ends_run(e.type)) continue;
    s.reason = e.detail;
    progress_reached_at = std::max(progress_reached_at, e.value);
    s.result = e.type == RefereeEventType::finish         ? Score::Result::finished
               : e.type == RefereeEventType::timeout      ? Score::Result::timeout
               : e.type == RefereeEventType::disqualified ? Score::Result::disqualified
                                                          : Score::Result::stopped;
    break;  // nothing after the end counts
  }
  if (s.started) s.course_time = progress_reached_at - s.start_time;
  s.total_time = s.course_time + s.penalty_seconds;
  const double ahead = s.progress > 0 ? -s.progress : 0.0;  // no "-0" in sheets
  if (rules.ranking == Ranking::points) {
    s.by_points = true;
    const double points = s.points != 0 ? -s.points : 0.0;
    s.rank_key = {s.result == Score::Result::disqualified ? 2.0 : 0.0, points, s.total_time};
    return s;
  }
  switch (s.result) {
    case Score::Result::finished:
      s.rank_key = {0, s.total_time, 0};
      break;
    case Score::Result::disqualified:
      s.rank_key = {2, ahead, s.total_time};
      break;
    default:
      s.rank_key = {1, ahead, s.total_time};
  }
  return s;
}

bool ranks_before(const Score& a, const Score& b) { return a.rank_key < b.rank_key; }

}  // namespace simarena
