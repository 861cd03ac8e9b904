#include "viewer.h"

#include <GL/gl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "overlay.h"
#include "overlay_style.h"
#include "replay_panel.h"
#include "yuv420p.h"

namespace simarena::gui {
namespace {

// Every name the overlay may show, for the font to hold their characters.
std::string shown_names(const ShownRun& run, const Leaderboard* leaderboard) {
  std::string names = run.world().arena_name() + " " + run.world().robot().name;
  if (run.course()) {
    names += " " + run.course()->track.name;
    if (run.course()->track.field)  // the course panel names the segment ("1 石径探路 stone path")
      for (const auto& segment : run.course()->track.field->segments) names += " " + segment.name;
  }
  if (run.match()) names += " " + run.match()->controller_name();
  for (const auto& ghost : run.ghosts()) names += " " + ghost->label();
  if (leaderboard)
    for (const LeaderboardEntry& entry : leaderboard->entries) names += " " + entry.entry;
  return names;
}

// The ghost's name over its marker; when it is out of the picture, an arrow
// at the edge pointing to it, with its name and how far ahead or behind it
// is along x.
void draw_ghost_pointer(const Ghost& ghost, const SceneRenderer& renderer, const RenderTarget& target,
                        const mjData* live, int live_trunk, float scale) {
  const mjtNum* at = ghost.state()->xpos + 3 * ghost.trunk_body();
  const auto seen = renderer.project(at, target.width, target.height);
  const float w = static_cast<float>(target.width), h = static_cast<float>(target.height);
  const ImU32 colour = ImGui::GetColorU32({ghost.rgba()[0], ghost.rgba()[1], ghost.rgba()[2], 1.0f});
  if (seen && (*seen)[0] >= 0 && (*seen)[0] <= w && (*seen)[1] >= 0 && (*seen)[1] <= h) {
    const mjtNum above[3] = {at[0], at[1], at[2] + 0.75};  // over the marker (add_robot_marker: 0.35 to 0.65 m up)
    if (const auto label = renderer.project(above, target.width, target.height)) {
      const ImVec2 size = ImGui::CalcTextSize(ghost.label().c_str());
      const ImVec2 corner{(*label)[0] - size.x / 2, (*label)[1] - size.y};
      ImDrawList* draw = ImGui::GetBackgroundDrawList();
      draw->AddRectFilled({corner.x - 6 * scale, corner.y - 2 * scale},
                          {corner.x + size.x + 6 * scale, corner.y + size.y + 2 * scale}, IM_COL32(15, 18, 25, 170),
                          4 * scale);
      draw->AddText(corner, colour, ghost.label().c_str());
    }
    return;
  }
  const ImVec2 centre{w / 2, h / 2};
  // Behind the camera the projection mirrors: point the other way.
  ImVec2 towards = seen ? ImVec2{(*seen)[0] - centre.x, (*seen)[1] - centre.y} : ImVec2{-1, 0};
  if (!seen) towards = {static_cast<float>(at[0] < live->xpos[3 * live_trunk] ? -1 : 1), 0};
  const float length = std::hypot(towards.x, towards.y);
  if (length < 1e-3f) return;
  const ImVec2 d{towards.x / length, towards.y / length};
  const float margin = 70 * scale;
  const float reach = std::min((centre.x - margin) / std::max(std::abs(d.x), 1e-3f),
                               (centre.y - margin) / std::max(std::abs(d.y), 1e-3f));
  const ImVec2 tip{centre.x + d.x * reach, centre.y + d.y * reach};
  const float size = 26 * scale;
  const ImVec2 side{-d.y * size * 0.6f, d.x * size * 0.6f};
  const ImVec2 base{tip.x - d.x * size, tip.y - d.y * size};
  ImDrawList* draw = ImGui::GetForegroundDrawList();
  draw->AddTriangleFilled(tip, {base.x + side.x, base.y + side.y}, {base.x - side.x, base.y - side.y}, colour);
  char text[160];
  std::snprintf(text, sizeof(text), tr("ghost %s  %+.1f m"), ghost.label().c_str(), at[0] - live->xpos[3 * live_trunk]);
  const ImVec2 text_size = ImGui::CalcTextSize(text);
  // Kept inside the window (left and top win when the text is wider than the window).
  const ImVec2 text_at{
      std::max(4.0f, std::min(base.x - d.x * text_size.x * 0.6f - text_size.x / 2, w - text_size.x - 4)),
      std::max(4.0f, std::min(base.y - d.y * text_size.y * 1.5f - text_size.y / 2, h - text_size.y - 4))};
  draw->AddText(text_at, colour, text);
}

}  // namespace

Viewer::Viewer(ShownRun& run, PracticeSession* practice, ReplaySession* replay, GLFWwindow* window, int offscreen_width,
               int offscreen_height, const ViewerLook& look)
    : run_(run),
      practice_(practice),
      replay_(replay),
      renderer_(run.world().model(), offscreen_width, offscreen_height,
                {look.render, run.course() ? &run.course()->track : nullptr, run.world().base_body()}),
      imgui_(listen_to_keys(window, keys_),
             shown_names(run, look.leaderboard) + " " + look.titles.event + " " + look.titles.entry),
      cameras_(renderer_.model(), run.world().base_body(), run.course() ? &run.course()->track : nullptr),
      overlay_visible_(look.overlay),
      spectator_(look.spectator),
      titles_(look.titles),
      leaderboard_(look.leaderboard),
      drive_input_(look.drive_input),
      drive_status_(look.drive_status) {
  cameras_.set_mode(look.camera);
  if (practice_) panel_.params = practice_->params();
  if (practice_) panel_.seed = static_cast<int>(practice_->seed());
  panel_.visible = look.panel;
}

bool Viewer::run_ticks(uint64_t ticks, double wall_budget) {
  const auto start = std::chrono::steady_clock::now();
  for (uint64_t i = 0; i < ticks; ++i) {
    // Checked every 16 ticks: the clock read costs more than a tick's bookkeeping.
    if (i % 16 == 15 && std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > wall_budget)
      return false;
    run_.tick();
  }
  return true;
}

bool Viewer::frame(const RenderTarget& target, double wall_seconds, bool interactive) {
  imgui_.new_frame(target.width, target.height, wall_seconds);
  ControlRequests requests;
  if (interactive) {
    // While driving, the arrows drive instead of stepping.
    requests = read_shortcuts(keys_.take(), drive_input_ != nullptr, ImGui::GetIO().WantTextInput);
    if (drive_input_) read_drive_keys(*drive_input_);
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.WantCaptureMouse) {
      MouseDrag mouse;
      mouse.dx = io.MouseDelta.x;
      mouse.dy = io.MouseDelta.y;
      mouse.left = io.MouseDown[0];
      mouse.right = io.MouseDown[1];
      mouse.middle = io.MouseDown[2];
      mouse.shift = io.KeyShift;
      mouse.scroll = io.MouseWheel;
      cameras_.handle_mouse(mouse, target.height, renderer_.scene());
    }
  }
  const OverlayView view{run_, replay_, pacer_, imgui_.fonts(), imgui_.scale(), cameras_.mode(), leaderboard_};
  float left_column_bottom = 0;  // of the overlay's top-left panels: the camera inset goes below
  if (overlay_visible_ && spectator_) {
    left_column_bottom = draw_spectator(view, titles_);
  } else if (overlay_visible_) {
    left_column_bottom = draw_course_panel(view, draw_scoreboard(view));
    draw_finish_banner(view);
    const float status_bottom = draw_robot_status(view);
    draw_event_feed(view);
    if (practice_)
      draw_practice_panel(panel_, *practice_, pacer_, cameras_.mode(), imgui_.scale(), status_bottom, requests);
    else
      draw_replay_panel(panel_, *replay_, pacer_, cameras_.mode(), imgui_.scale(), status_bottom, requests);
  }
  if (drive_status_) left_column_bottom = draw_drive_help(*drive_status_, imgui_.scale(), left_column_bottom);
  inset_.draw(run_, left_column_bottom, imgui_.scale());
  if (help_visible_) draw_key_help(imgui_.scale());
  cameras_.update(run_.display_state());
  renderer_.set_robot_marker(overlay_visible_ && cameras_.mode() == CameraMode::overview);
  renderer_.render(run_.display_state(), cameras_.camera(), target, run_.ghosts());
  if (overlay_visible_)
    for (const auto& ghost : run_.ghosts())
      draw_ghost_pointer(*ghost, renderer_, target, run_.display_state(), run_.world().base_body(), imgui_.scale());
  imgui_.render();
  glFlush();  // llvmpipe's threads start rasterising now, while the caller goes on (simulates, reads back)
  if (interactive) apply(requests);
  return !requests.quit;
}

FrameLayout Viewer::video_layout(const RenderTarget& target) const {
  return converts_to_yuv420p(target.width, target.height) ? FrameLayout::yuv420p : FrameLayout::rgba_bottom_up;
}

bool Viewer::read_frame_async(const RenderTarget& target, std::vector<unsigned char>& previous) {
  if (!readback_)
    readback_ =
        std::make_unique<FrameReadback>(target.width, target.height, video_layout(target) == FrameLayout::yuv420p);
  return readback_->read(renderer_.framebuffer(target), previous);
}

void Viewer::apply(const ControlRequests& r) {
  if (r.toggle_running) {
    // Play at the end of a replay plays it again.
    if (replay_ && !pacer_.running() && run_.run_over()) replay_->seek(0);
    pacer_.set_running(!pacer_.running());
  }
  if (r.step || r.step_back) pacer_.set_running(false);
  if (r.step) run_.tick();
  if (replay_ && r.step_back) replay_->step_back();
  if (replay_ && r.seek) replay_->seek(*r.seek);
  if (r.restart) {
    if (practice_ && r.reseed) {
      const uint64_t before = practice_->seed();
      practice_->restart_with_seed(panel_.params, static_cast<uint64_t>(panel_.seed));
      if (practice_->seed() != before) renderer_.replace_model(practice_->world().model());
    } else if (practice_) {
      practice_->restart(panel_.params);
    }
    if (replay_) replay_->seek(0);
  }
  if (r.push && practice_) push();
  if (r.cycle_camera) cameras_.cycle();
  for (int i = 0; i < r.cycle_inset; ++i) inset_.cycle(run_);
  if (r.camera) cameras_.set_mode(*r.camera);
  if (r.speed_change) pacer_.set_speed_index(pacer_.speed_index() + r.speed_change);
  if (r.speed_index) pacer_.set_speed_index(*r.speed_index);
  if (r.toggle_panel) panel_.visible = !panel_.visible;
  if (r.toggle_overlay) overlay_visible_ = !overlay_visible_;
  if (r.toggle_spectator) spectator_ = !spectator_;
  if (r.toggle_help) help_visible_ = !help_visible_;
}

void Viewer::push() {
  // Direction relative to the trunk's heading: its x axis projected on the ground.
  const mjData* d = practice_->display_state();
  const mjtNum* frame = d->xmat + 9 * practice_->world().base_body();
  const double heading = std::atan2(frame[3], frame[0]);
  const double toward = heading + panel_.push_toward_deg * M_PI / 180.0;
  const double force = panel_.push_newtons;
  practice_->push({force * std::cos(toward), force * std::sin(toward), 0.0}, panel_.push_seconds);
}

}  // namespace simarena::gui
