#include "referee_feed.h"

#include <algorithm>
#include <cstdio>

#include "simarena/base/messages.h"
#include "simarena/track/score.h"

namespace simarena::gui {

std::vector<FeedLine> referee_feed(const Referee& referee, const Match* match, size_t count, bool costs_only) {
  std::vector<FeedLine> lines;
  for (const RefereeEvent& e : referee.events()) {
    const Cost* cost = cost_of(e.type, referee.rules());
    if (costs_only && !cost) continue;
    std::string text = std::string(event_name(e.type)) + (e.detail.empty() ? "" : ": " + e.detail);
    if (cost) {
      char price[48];
      if (cost->kind == Cost::Kind::disqualify)
        std::snprintf(price, sizeof(price), "%s", tr("  [disqualified]"));
      else
        std::snprintf(price, sizeof(price), tr("  [+%.1f s]"), cost->seconds);
      text += price;
    }
    lines.push_back({e.time, cost ? FeedLine::Kind::cost : FeedLine::Kind::event, std::move(text)});
  }
  if (match)
    for (const MatchEvent& e : match->events())
      if (e.type == MatchEventType::push) lines.push_back({e.time, FeedLine::Kind::push, tr("push: ") + e.detail});
  // Referee events first at equal times: they were judged from the tick before the push showed.
  std::stable_sort(lines.begin(), lines.end(), [](const FeedLine& a, const FeedLine& b) { return a.time < b.time; });
  if (lines.size() > count) lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(count));
  return lines;
}

std::vector<FeedLine> points_feed(const Score& score, size_t count) {
  std::vector<FeedLine> lines;
  for (auto p = score.point_items.rbegin(); p != score.point_items.rend() && lines.size() < count; ++p) {
    if (p->type == RefereeEventType::segment_passed) continue;
    char points[32];
    std::snprintf(points, sizeof(points), "%+g  ", p->points);
    if (p->points < 0)
      lines.push_back({p->time, FeedLine::Kind::cost, points + p->detail});
    else
      lines.push_back({p->time, FeedLine::Kind::event, std::string(event_name(p->type)) + "  " + p->detail});
  }
  std::reverse(lines.begin(), lines.end());
  return lines;
}

}  // namespace simarena::gui
