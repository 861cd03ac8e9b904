#include "overlay.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "overlay_style.h"
#include "referee_feed.h"
#include "simarena/base/messages.h"
#include "start_up.h"

namespace simarena::gui {
namespace {

struct ErrBit {
  int bit;
  const char* label;
};
constexpr ErrBit kErrBits[] = {{0, tr_noop("0x01  command gap > 10 ms")},
                               {1, tr_noop("0x02  robot took over (no command)")},
                               {2, tr_noop("0x04  abad jump clamped")},
                               {3, tr_noop("0x08  hip jump clamped")},
                               {4, tr_noop("0x10  knee jump clamped")}};

std::string event_text(const MatchEvent& e) {
  if (e.type == MatchEventType::err_bit_set) return tr("err_flag set: ") + e.detail;
  if (e.type == MatchEventType::err_bit_cleared) return tr("err_flag cleared: ") + e.detail;
  return e.detail;
}

// The controller's last error, once it has stopped.
void draw_stopped_controller(const Match& match) {
  if (!match.controller_stopped()) return;
  for (auto it = match.events().rbegin(); it != match.events().rend(); ++it) {
    if (it->type != MatchEventType::controller_error) continue;
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22);
    ImGui::TextColored(kAlert, tr("CONTROLLER STOPPED at %.3f s"), it->time);
    ImGui::TextWrapped("%s", it->detail.c_str());
    ImGui::PopTextWrapPos();
    return;
  }
}

}  // namespace

float draw_scoreboard(const OverlayView& view) {
  const Match* match = view.session.match();
  place({0, 0}, view.scale);
  ImGui::Begin("##scoreboard", nullptr, kPanelFlags);
  if (view.replay) {
    ImGui::TextColored(kWarn, "%s", tr("REPLAY"));
    ImGui::SameLine();
  }
  ImGui::PushFont(view.fonts.heading);
  ImGui::TextUnformatted(match ? match->controller_name().c_str() : tr("no controller"));
  ImGui::PopFont();
  const World& world = view.session.world();
  const TrackWithRules* course = view.session.course();
  ImGui::TextColored(kDim, "%s  |  %s", world.robot().name.c_str(),
                     course ? course->track.name.c_str() : world.arena_name().c_str());
  // On a track the biggest digits are the course time (what is scored); the
  // match clock, start-up included, is the small line under them.
  const Referee* referee = view.session.referee();
  ImGui::PushFont(view.fonts.timer);
  ImGui::TextUnformatted(
      clock_text(referee ? shown_course_time(*referee, view.session.time()) : view.session.time()).c_str());
  ImGui::PopFont();
  if (referee) ImGui::TextColored(kDim, tr("match clock %s"), clock_text(view.session.time()).c_str());
  if (view.replay && view.session.run_over())
    ImGui::TextColored(kWarn, "%s", tr("END OF REPLAY"));
  else if (view.session.run_over())
    ImGui::TextColored(kWarn, "%s", tr("RUN OVER"));
  else if (!view.pacer.running())
    ImGui::TextColored(kWarn, "%s", tr("PAUSED"));
  else
    ImGui::TextColored(kGood, "%s", view.replay ? tr("PLAYING") : tr("RUNNING"));
  ImGui::SameLine();
  ImGui::TextColored(kDim, tr("%s%s  |  %s camera"), tr(view.pacer.speed_label()),
                     view.pacer.behind() ? tr(" (behind)") : "", tr(kCameraModeNames[static_cast<int>(view.camera)]));
  if (view.replay) {
    const std::string how = view.replay->completeness();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
    ImGui::TextColored(how == tr("complete") ? kDim : kAlert, tr("recording %s  |  %s long"), how.c_str(),
                       clock_text(view.replay->player().duration()).c_str());
    ImGui::PopTextWrapPos();
  }
  for (const auto& ghost : view.session.ghosts()) {
    const ImVec4 colour{ghost->rgba()[0], ghost->rgba()[1], ghost->rgba()[2], 1.0f};
    ImGui::TextColored(colour, tr("GHOST  %s"), ghost->label().c_str());
    if (ghost->player().at_end()) {
      ImGui::SameLine();
      ImGui::TextColored(kDim, tr("(ended at %s)"), clock_text(ghost->player().time()).c_str());
    }
  }
  return end_window_bottom();
}

float draw_robot_status(const OverlayView& view) {
  const Match* match = view.session.match();
  place({1, 0}, view.scale);
  ImGui::Begin("##robot_status", nullptr, kPanelFlags);
  if (!match) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22);
    ImGui::TextColored(kAlert, "%s", tr("Controller not loaded:"));
    ImGui::TextWrapped("%s", view.session.load_error().c_str());
    ImGui::PopTextWrapPos();
    return end_window_bottom();
  }
  const double now = match->time();
  const int16_t err = match->err_flag();
  const bool starting = in_start_up(*match);  // a normal start: amber, not red
  ImGui::PushFont(view.fonts.heading);
  if (!match->through_motor_sdk()) {
    // The robot's motion controller drives the motors: no motor-SDK flags.
    ImGui::TextColored(kGood, "%s", tr("high-level API"));
    ImGui::PopFont();
    ImGui::TextColored(kDim, "%s", tr("the robot's motion controller drives the motors"));
  } else if (starting) {
    ImGui::TextColored(kWarn, tr("starting  err_flag 0x%02x"), static_cast<unsigned>(err) & 0xffff);
    ImGui::PopFont();
    ImGui::TextColored(kDim, "%s", tr("start-up take-over until the controller sends zero frames"));
  } else {
    ImGui::TextColored(err ? kAlert : kGood, "err_flag 0x%02x", static_cast<unsigned>(err) & 0xffff);
    ImGui::PopFont();
  }
  const ImVec2 box{ImGui::GetFontSize() * 0.7f, ImGui::GetFontSize() * 0.7f};
  for (const ErrBit& bit : kErrBits) {
    if (!match->through_motor_sdk()) break;
    const double seen = view.session.history().err_bit_seen_at(bit.bit);
    const bool set = err & (1 << bit.bit);
    const bool recent = seen >= 0 && now - seen < 0.5;
    const ImVec4 color = set ? (starting ? kWarn : kAlert) : recent ? kWarn : kDim;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float lift = (ImGui::GetTextLineHeight() - box.y) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled({at.x, at.y + lift}, {at.x + box.x, at.y + lift + box.y},
                                              ImGui::GetColorU32(set || recent ? color : ImVec4{0.2f, 0.22f, 0.26f, 1}),
                                              3.0f * view.scale);
    ImGui::Dummy(box);
    ImGui::SameLine();
    ImGui::TextColored(color, "%s", tr(bit.label));
  }
  ImGui::Separator();
  const mjData* d = match->data();
  const mjtNum* v = d->qvel + view.session.world().base_dof_adr();
  ImGui::Text(tr("height %.2f m   speed %.2f m/s"), d->qpos[view.session.world().base_qpos_adr() + 2],
              std::hypot(v[0], v[1]));
  if (view.replay) {
    // The recorded commands, not a controller: its timing was not recorded.
    draw_stopped_controller(*match);
    return end_window_bottom();
  }
  const ControllerStats& stats = match->controller_stats();
  const double budget_ms = view.session.world().robot().control_period * 1e3;
  const double mean_ms = stats.calls ? stats.total_seconds * 1e3 / static_cast<double>(stats.calls) : 0.0;
  ImGui::TextColored(mean_ms > budget_ms ? kWarn : kDim, tr("step %.3f ms mean, %.1f max of %.0f ms (wall)"), mean_ms,
                     stats.max_seconds * 1e3, budget_ms);
  // Calls slower than the control period would miss their deadline on the robot.
  ImGui::TextColored(stats.over_period > 0 ? kWarn : kDim, tr("deadline misses: %llu of %llu calls"),
                     static_cast<unsigned long long>(stats.over_period), static_cast<unsigned long long>(stats.calls));
  if (match->controller_stopped()) {
    draw_stopped_controller(*match);
  } else if (stats.rejected > 0) {
    ImGui::TextColored(kWarn, tr("%llu frames rejected (NaN/Inf)"), static_cast<unsigned long long>(stats.rejected));
  }
  return end_window_bottom();
}

// Opens the bottom-left feed window, sized for the display.
namespace {

void begin_feed(const OverlayView& view) {
  place({0, 1}, view.scale);
  ImGui::SetNextWindowSize({ImGui::GetIO().DisplaySize.x * 0.5f, 0}, ImGuiCond_Always);
  ImGui::Begin("##events", nullptr, kPanelFlags & ~ImGuiWindowFlags_AlwaysAutoResize);
}

void feed_line(double time, const ImVec4& color, bool fresh, const std::string& text) {
  ImGui::TextColored(fresh ? color : kDim, "%8.3f s", time);
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, fresh ? ImVec4{1, 1, 1, 1} : kDim);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

void draw_referee_feed(const OverlayView& view) {
  constexpr size_t kShown = 6;
  const std::vector<FeedLine> lines = referee_feed(*view.session.referee(), view.session.match(), kShown);
  if (lines.empty()) return;
  begin_feed(view);
  ImGui::TextColored(kDim, "%s", tr("Referee"));
  for (const FeedLine& line : lines) {
    const ImVec4& colour = line.kind == FeedLine::Kind::cost   ? kAlert
                           : line.kind == FeedLine::Kind::push ? kWarn
                                                               : kGood;
    feed_line(line.time, colour, view.session.time() - line.time < kFreshSeconds, line.text);
  }
  ImGui::End();
}

}  // namespace

void draw_event_feed(const OverlayView& view) {
  const Match* match = view.session.match();
  if (view.session.referee()) return draw_referee_feed(view);
  if (!match || match->events().empty()) return;
  constexpr size_t kShown = 6;
  const auto& events = match->events();
  const size_t first = events.size() > kShown ? events.size() - kShown : 0;
  begin_feed(view);
  ImGui::TextColored(kDim, "%s", tr("Events"));
  for (size_t i = first; i < events.size(); ++i) {
    const MatchEvent& e = events[i];
    const bool fresh = match->time() - e.time < kFreshSeconds;
    using T = MatchEventType;
    const bool bad = is_controller_fault(e.type) || e.type == T::err_bit_set || e.type == T::takeover_damping ||
                     e.type == T::takeover_limp;
    feed_line(e.time, bad ? kAlert : e.type == T::push ? kWarn : kGood, fresh, event_text(e));
  }
  ImGui::End();
}

}  // namespace simarena::gui
