// The lines of the referee's feed: its events with what each costs, and the
// pushes the match logged (a push is part of the run's record, so the feed
// says when the robot was pushed), in time order.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "simarena/match/match.h"
#include "simarena/track/referee.h"
#include "simarena/track/score.h"

namespace simarena::gui {

struct FeedLine {
  enum class Kind { event, cost, push };
  double time = 0;  // simulated s
  Kind kind = Kind::event;
  std::string text;
};

// The last `count` lines; with `costs_only`, only penalties,
// disqualifications and pushes (the spectator view's feed).
std::vector<FeedLine> referee_feed(const Referee& referee, const Match* match, size_t count, bool costs_only = false);

// On a course scored by points, the last `count` deductions (kind cost,
// "-5  trunk touched the ground"), restarts and skipped segments (kind
// event), in time order: what both the course panel and the spectator view
// show as they happen.
std::vector<FeedLine> points_feed(const Score& score, size_t count);

}  // namespace simarena::gui
