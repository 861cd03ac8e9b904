// The track parts of the overlay: checkpoints, progress, penalties, on a
// course scored by points the segment, points and deductions as they
// happen, the standing against earlier runs, and the finish banner. Everything comes
// from the referee's events and the pure score function.
#include <cmath>
#include <cstdio>
#include <string>

#include "overlay.h"
#include "overlay_style.h"
#include "referee_feed.h"
#include "simarena/base/messages.h"
#include "simarena/track/score.h"

namespace simarena::gui {
namespace {

// "3rd"; one message per English suffix, so a language words each its own way.
std::string ordinal(int place) {
  const char* pattern = tr("%dth");
  if (place % 100 < 11 || place % 100 > 13) {
    if (place % 10 == 1) pattern = tr("%dst");
    if (place % 10 == 2) pattern = tr("%dnd");
    if (place % 10 == 3) pattern = tr("%drd");
  }
  char text[48];
  std::snprintf(text, sizeof(text), pattern, place);
  return text;
}

// A leaderboard entry's result, as the score sheets write it, in the language of the messages.
const char* result_word(const std::string& result) {
  for (const char* word : {tr_noop("finished"), tr_noop("timeout"), tr_noop("disqualified"), tr_noop("stopped")})
    if (result == word) return tr(word);
  return result.c_str();
}

const char* result_label(Score::Result result) {
  switch (result) {
    case Score::Result::finished:
      return tr("FINISHED");
    case Score::Result::timeout:
      return tr("TIMEOUT");
    case Score::Result::disqualified:
      return tr("DISQUALIFIED");
    case Score::Result::stopped:
      return tr("STOPPED");
  }
  return "?";
}

// A course scored by points: the segment being run, the points so far, and
// the latest deductions, restarts and skipped segments as they happen.
void draw_points(const Referee& referee, const Score& score) {
  const FieldJudge* judge = referee.field_judge();
  const Track& track = referee.track();
  if (!judge || !score.by_points || !track.field || !track.field->points) return;
  const auto& segments = track.field->segments;
  const int count = static_cast<int>(segments.size());
  const int current = judge->segment();
  ImGui::Separator();
  if (current < count)
    ImGui::Text(tr("segment %d / %d  %s"), current + 1, count, segments[static_cast<size_t>(current)].name.c_str());
  else
    ImGui::TextColored(kGood, tr("all %d segments passed"), count);
  ImGui::Text(tr("points %g of %g"), score.points, track.field->points->total());
  constexpr size_t kLatest = 4;  // the panel stays small: the score sheet lists them all
  const std::vector<FeedLine> latest = points_feed(score, kLatest);
  for (auto line = latest.rbegin(); line != latest.rend(); ++line)  // the newest first
    ImGui::TextColored(line->kind == FeedLine::Kind::cost ? kAlert : kDim, "%7.2f s  %s", line->time,
                       line->text.c_str());
}

}  // namespace

float draw_course_panel(const OverlayView& view, float top) {
  const Referee* referee = view.session.referee();
  if (!referee) return top;
  const Track& track = referee->track();
  const Score score = score_run(referee->events(), referee->rules());
  const float margin = 24.0f * view.scale;
  ImGui::SetNextWindowPos({margin, top + margin * 0.5f}, ImGuiCond_Always);
  ImGui::Begin("##course", nullptr, kPanelFlags);
  const int gates = static_cast<int>(track.checkpoints.size());
  if (!referee->started())
    ImGui::TextColored(kDim, "%s", tr("waiting for the start line"));
  else
    ImGui::Text(tr("course %s s"), hundredths_text(shown_course_time(*referee, view.session.time())).c_str());
  if (gates > 0) {
    ImGui::SameLine();
    ImGui::Text(tr("  checkpoint %d / %d"), referee->next_checkpoint(), gates);
  }
  const float fraction = track.length() > 0 ? static_cast<float>(referee->progress() / track.length()) : 0.0f;
  char label[64];
  std::snprintf(label, sizeof(label), "%.1f / %.1f m", referee->progress(), track.length());
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, kGood);
  ImGui::ProgressBar(fraction, {ImGui::GetFontSize() * 14, 0}, label);
  ImGui::PopStyleColor();
  if (score.penalties.empty())
    ImGui::TextColored(kDim, "%s", tr("no penalties"));
  else
    ImGui::TextColored(kAlert, tr("penalties +%.1f s (%zu)"), score.penalty_seconds, score.penalties.size());
  draw_points(*referee, score);
  for (const auto& ghost : view.session.ghosts()) {
    if (!ghost->player().referee()) continue;
    // The race: how far along the course each ghost is at this same time.
    const double gap = ghost->player().referee()->referee().progress() - referee->progress();
    ImGui::TextColored({ghost->rgba()[0], ghost->rgba()[1], ghost->rgba()[2], 1.0f},
                       gap >= 0 ? tr("ghost %.1f m, %.1f m ahead") : tr("ghost %.1f m, %.1f m behind"),
                       ghost->player().referee()->referee().progress(), std::abs(gap));
  }

  if (view.leaderboard) {
    const auto& entries = view.leaderboard->entries;
    ImGui::Separator();
    if (referee->started())
      ImGui::Text(tr("standing %s of %zu%s"), ordinal(standing(*view.leaderboard, score.rank_key)).c_str(),
                  entries.size() + 1, referee->over() ? "" : tr(" (so far)"));
    constexpr size_t kTop = 5;
    for (size_t i = 0; i < entries.size() && i < kTop; ++i) {
      const LeaderboardEntry& e = entries[i];
      if (e.result == "finished")
        ImGui::Text("%zu. %-14s %8s s", i + 1, e.entry.c_str(), hundredths_text(e.total_time).c_str());
      else
        ImGui::TextColored(kDim, "%zu. %-14s %6.1f m %s", i + 1, e.entry.c_str(), e.progress, result_word(e.result));
    }
    if (entries.empty()) ImGui::TextColored(kDim, tr("no earlier runs on %s"), track.name.c_str());
  }
  return end_window_bottom();
}

void draw_finish_banner(const OverlayView& view) {
  const Referee* referee = view.session.referee();
  if (!referee || !referee->over()) return;
  const Score score = score_run(referee->events(), referee->rules());
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  // Top centre, between the scoreboard and the robot panel, clear of the robot.
  ImGui::SetNextWindowPos({display.x * 0.5f, 24.0f * view.scale}, ImGuiCond_Always, {0.5f, 0.0f});
  ImGui::SetNextWindowBgAlpha(0.88f);
  ImGui::Begin("##finish", nullptr, kPanelFlags);
  const bool finished = score.result == Score::Result::finished;
  ImGui::PushFont(view.fonts.heading);
  ImGui::TextColored(finished ? kGood : kAlert, "%s", result_label(score.result));
  ImGui::PopFont();
  ImGui::PushFont(view.fonts.timer);
  if (finished)
    ImGui::TextUnformatted(clock_text(score.total_time).c_str());
  else
    ImGui::Text("%.1f m", score.progress);
  ImGui::PopFont();
  if (finished)
    ImGui::Text(tr("course %s s  +  penalties %.1f s"), hundredths_text(score.course_time).c_str(),
                score.penalty_seconds);
  else
    ImGui::TextWrapped("%s", score.reason.c_str());
  if (view.leaderboard)
    ImGui::Text(tr("%s place of %zu"), ordinal(standing(*view.leaderboard, score.rank_key)).c_str(),
                view.leaderboard->entries.size() + 1);
  ImGui::End();
}

}  // namespace simarena::gui
