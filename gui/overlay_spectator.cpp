// The spectator view: what a judge puts on the big screen. The event, the
// entry, the course time in the biggest digits, the rank against the
// leaderboard, penalties and pushes as they happen (on a course scored by
// points: the points, deductions, restarts and skips), the finish banner; no
// developer figures. A normal start-up take-over reads "starting".
#include <cstdio>
#include <string>

#include "overlay.h"
#include "overlay_style.h"
#include "referee_feed.h"
#include "simarena/base/messages.h"
#include "simarena/track/score.h"
#include "start_up.h"

namespace simarena::gui {
namespace {

float draw_title(const OverlayView& view, const SpectatorTitles& titles) {
  place({0, 0}, view.scale);
  ImGui::Begin("##spectator_title", nullptr, kPanelFlags);
  const TrackWithRules* course = view.session.course();
  const std::string where = course ? course->track.name : view.session.world().arena_name();
  ImGui::TextColored(kDim, "%s", titles.event.empty() ? where.c_str() : (titles.event + "  |  " + where).c_str());
  ImGui::PushFont(view.fonts.heading);
  const Match* match = view.session.match();
  const std::string entry = !titles.entry.empty() ? titles.entry
                            : match               ? match->controller_name()
                                                  : std::string(tr("no controller"));
  ImGui::TextUnformatted(entry.c_str());
  ImGui::PopFont();
  if (view.replay) ImGui::TextColored(kWarn, "%s", tr("REPLAY"));
  for (const auto& ghost : view.session.ghosts())
    ImGui::TextColored({ghost->rgba()[0], ghost->rgba()[1], ghost->rgba()[2], 1.0f}, tr("vs  %s"),
                       ghost->label().c_str());
  return end_window_bottom();
}

// "3rd of 8": one message per English suffix (as overlay_course.cpp words it).
std::string place_text(int place, size_t of) {
  const char* pattern = tr("%dth");
  if (place % 100 < 11 || place % 100 > 13) {
    if (place % 10 == 1) pattern = tr("%dst");
    if (place % 10 == 2) pattern = tr("%dnd");
    if (place % 10 == 3) pattern = tr("%drd");
  }
  char ordinal[32], text[64];
  std::snprintf(ordinal, sizeof(ordinal), pattern, place);
  std::snprintf(text, sizeof(text), tr("%s of %zu"), ordinal, of);
  return text;
}

void draw_clock(const OverlayView& view) {
  place({1, 0}, view.scale);
  ImGui::Begin("##spectator_clock", nullptr, kPanelFlags);
  const Referee* referee = view.session.referee();
  const Match* match = view.session.match();
  const double shown = referee ? shown_course_time(*referee, view.session.time()) : view.session.time();
  ImGui::PushFont(view.fonts.timer);
  ImGui::TextColored(referee && !referee->started() ? kDim : ImVec4{1, 1, 1, 1}, "%s", clock_text(shown).c_str());
  ImGui::PopFont();
  if (match && !match->controller_stopped() && in_start_up(*match))
    ImGui::TextColored(kWarn, "%s", tr("starting"));
  else if (referee && !referee->started())
    ImGui::TextColored(kDim, "%s", tr("on the start line"));
  else if (match && match->controller_stopped())
    ImGui::TextColored(kAlert, "%s", tr("controller stopped"));
  if (referee) {
    const Score score = score_run(referee->events(), referee->rules());
    const Track& track = referee->track();
    if (score.penalty_seconds > 0) ImGui::TextColored(kAlert, tr("penalties +%.1f s"), score.penalty_seconds);
    if (score.by_points && track.field && track.field->points) {  // a course scored by points
      ImGui::PushFont(view.fonts.heading);
      ImGui::Text(tr("points %g of %g"), score.points, track.field->points->total());
      ImGui::PopFont();
    }
    if (view.leaderboard && referee->started()) {
      const int place = standing(*view.leaderboard, score.rank_key);
      ImGui::PushFont(view.fonts.heading);
      ImGui::TextUnformatted(place_text(place, view.leaderboard->entries.size() + 1).c_str());
      ImGui::PopFont();
    }
    const float fraction = track.length() > 0 ? static_cast<float>(referee->progress() / track.length()) : 0.0f;
    char label[48];
    std::snprintf(label, sizeof(label), "%.1f / %.1f m", referee->progress(), track.length());
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, kGood);
    ImGui::ProgressBar(fraction, {ImGui::GetFontSize() * 11, 0}, label);
    ImGui::PopStyleColor();
  }
  ImGui::End();
}

void draw_penalties(const OverlayView& view) {
  const Referee* referee = view.session.referee();
  if (!referee) return;
  constexpr size_t kShown = 4;
  // On a course scored by points its deductions, restarts and skips; else what costs time.
  const Score score = score_run(referee->events(), referee->rules());
  const std::vector<FeedLine> lines =
      score.by_points ? points_feed(score, kShown) : referee_feed(*referee, view.session.match(), kShown, true);
  if (lines.empty()) return;
  place({0, 1}, view.scale);
  ImGui::Begin("##spectator_feed", nullptr, kPanelFlags);
  for (const FeedLine& line : lines) {
    const bool fresh = view.session.time() - line.time < kFreshSeconds;
    ImGui::TextColored(fresh ? (line.kind == FeedLine::Kind::push ? kWarn : kAlert) : kDim, "%s  %s",
                       clock_text(line.time).c_str(), line.text.c_str());
  }
  ImGui::End();
}

}  // namespace

float draw_spectator(const OverlayView& view, const SpectatorTitles& titles) {
  const float title_bottom = draw_title(view, titles);
  draw_clock(view);
  draw_penalties(view);
  draw_finish_banner(view);
  return title_bottom;
}

}  // namespace simarena::gui
