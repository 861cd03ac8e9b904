// The track parts of the overlay: checkpoints, progress, penalties, the
// standing against earlier runs, and the finish banner. Everything comes
// from the referee's events and the pure score function.
#include <cmath>
#include <cstdio>
#include <string>

#include "overlay.h"
#include "overlay_style.h"
#include "simarena/track/score.h"

namespace simarena::gui {
namespace {

std::string ordinal(int place) {
  const char* suffix = "th";
  if (place % 100 < 11 || place % 100 > 13) {
    if (place % 10 == 1) suffix = "st";
    if (place % 10 == 2) suffix = "nd";
    if (place % 10 == 3) suffix = "rd";
  }
  return std::to_string(place) + suffix;
}

}  // namespace

void draw_course_panel(const OverlayView& view, float top) {
  const Referee* referee = view.session.referee();
  if (!referee) return;
  const Track& track = referee->track();
  const Score score = score_run(referee->events(), referee->rules());
  const float margin = 24.0f * view.scale;
  ImGui::SetNextWindowPos({margin, top + margin * 0.5f}, ImGuiCond_Always);
  ImGui::Begin("##course", nullptr, kPanelFlags);
  const int gates = static_cast<int>(track.checkpoints.size());
  if (!referee->started())
    ImGui::TextColored(kDim, "waiting for the start line");
  else
    ImGui::Text("course %.2f s", view.session.time() - referee->start_time());
  if (gates > 0) {
    ImGui::SameLine();
    ImGui::Text("  checkpoint %d / %d", referee->next_checkpoint(), gates);
  }
  const float fraction = track.length() > 0 ? static_cast<float>(referee->progress() / track.length()) : 0.0f;
  char label[64];
  std::snprintf(label, sizeof(label), "%.1f / %.1f m", referee->progress(), track.length());
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, kGood);
  ImGui::ProgressBar(fraction, {ImGui::GetFontSize() * 14, 0}, label);
  ImGui::PopStyleColor();
  if (score.penalties.empty())
    ImGui::TextColored(kDim, "no penalties");
  else
    ImGui::TextColored(kAlert, "penalties +%.1f s (%zu)", score.penalty_seconds, score.penalties.size());
  if (const Ghost* ghost = view.session.ghost(); ghost && ghost->player().referee()) {
    // The race: how far along the course the ghost is at this same time.
    const double gap = ghost->player().referee()->referee().progress() - referee->progress();
    ImGui::TextColored(kGhost, "ghost %.1f m, %.1f m %s", ghost->player().referee()->referee().progress(),
                       std::abs(gap), gap >= 0 ? "ahead" : "behind");
  }

  if (view.leaderboard) {
    const auto& entries = view.leaderboard->entries;
    ImGui::Separator();
    if (referee->started())
      ImGui::Text("standing %s of %zu%s", ordinal(standing(*view.leaderboard, score.rank_key)).c_str(),
                  entries.size() + 1, referee->over() ? "" : " (so far)");
    constexpr size_t kTop = 5;
    for (size_t i = 0; i < entries.size() && i < kTop; ++i) {
      const LeaderboardEntry& e = entries[i];
      if (e.result == "finished")
        ImGui::Text("%zu. %-14s %8.2f s", i + 1, e.controller.c_str(), e.total_time);
      else
        ImGui::TextColored(kDim, "%zu. %-14s %6.1f m %s", i + 1, e.controller.c_str(), e.progress, e.result.c_str());
    }
    if (entries.empty()) ImGui::TextColored(kDim, "no earlier runs on %s", track.name.c_str());
  }
  ImGui::End();
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
  ImGui::TextColored(finished ? kGood : kAlert, "%s", finished ? "FINISHED" : result_name(score.result));
  ImGui::PopFont();
  ImGui::PushFont(view.fonts.timer);
  if (finished)
    ImGui::TextUnformatted(clock_text(score.total_time).c_str());
  else
    ImGui::Text("%.1f m", score.progress);
  ImGui::PopFont();
  if (finished)
    ImGui::Text("course %.2f s  +  penalties %.1f s", score.course_time, score.penalty_seconds);
  else
    ImGui::TextWrapped("%s", score.reason.c_str());
  if (view.leaderboard)
    ImGui::Text("%s place of %zu", ordinal(standing(*view.leaderboard, score.rank_key)).c_str(),
                view.leaderboard->entries.size() + 1);
  ImGui::End();
}

}  // namespace simarena::gui
