#include "practice_panel.h"

#include <GLFW/glfw3.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace simarena::gui {
namespace {

void plot(const char* label, const SampleRing& ring, const char* unit, float width, float height) {
  char overlay[64];
  std::snprintf(overlay, sizeof(overlay), "%s  %.2f %s", tr(label), static_cast<double>(ring.latest()), unit);
  ImGui::PlotLines((std::string("##") + label).c_str(), ring.data(), ring.count(), ring.offset(), overlay, FLT_MAX,
                   FLT_MAX, {width, height});
}

}  // namespace

ControlRequests read_shortcuts(const std::vector<KeyPress>& presses, bool driving, bool text_input) {
  ControlRequests r;
  if (text_input) return r;
  for (const KeyPress& press : presses) {
    // Only stepping follows the keyboard's auto-repeat.
    if (press.repeat && press.key != GLFW_KEY_RIGHT && press.key != GLFW_KEY_LEFT) continue;
    switch (press.key) {
      case GLFW_KEY_SPACE:
        r.toggle_running = !r.toggle_running;
        break;
      case GLFW_KEY_RIGHT:
        r.step = r.step || !driving;
        break;
      case GLFW_KEY_LEFT:
        r.step_back = r.step_back || !driving;
        break;
      case GLFW_KEY_R:
      case GLFW_KEY_BACKSPACE:
        r.restart = true;
        break;
      case GLFW_KEY_P:
        r.push = true;
        break;
      case GLFW_KEY_C:
        r.cycle_camera = true;
        break;
      case GLFW_KEY_I:
        r.cycle_inset++;
        break;
      case GLFW_KEY_1:
        r.camera = CameraMode::follow;
        break;
      case GLFW_KEY_2:
        r.camera = CameraMode::free;
        break;
      case GLFW_KEY_3:
        r.camera = CameraMode::broadcast;
        break;
      case GLFW_KEY_4:
        r.camera = CameraMode::overview;
        break;
      case GLFW_KEY_EQUAL:
      case GLFW_KEY_KP_ADD:
        r.speed_change++;
        break;
      case GLFW_KEY_MINUS:
      case GLFW_KEY_KP_SUBTRACT:
        r.speed_change--;
        break;
      case GLFW_KEY_0:
        r.speed_index = SimPacer::kRealTime;
        break;
      case GLFW_KEY_TAB:
        r.toggle_panel = !r.toggle_panel;
        break;
      case GLFW_KEY_H:
        r.toggle_overlay = !r.toggle_overlay;
        break;
      case GLFW_KEY_V:
        r.toggle_spectator = !r.toggle_spectator;
        break;
      case GLFW_KEY_F1:
        r.toggle_help = !r.toggle_help;
        break;
      case GLFW_KEY_ESCAPE:
      case GLFW_KEY_Q:
        r.quit = true;
        break;
      default:
        break;
    }
  }
  return r;
}

float begin_side_panel(const char* title, float scale, float top) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float margin = 24.0f * scale;
  const float width = 620.0f * scale;
  const float y = top + margin * 0.5f;
  ImGui::SetNextWindowPos({display.x - margin, y}, ImGuiCond_Always, {1, 0});
  ImGui::SetNextWindowSizeConstraints({width, 0}, {width, std::max(display.y - y - margin, 100.0f * scale)});
  ImGui::SetNextWindowBgAlpha(0.85f);
  ImGui::Begin(title, nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing);
  return width;
}

void draw_transport(const SimPacer& pacer, CameraMode camera, const char* run_label, const char* restart_label,
                    ControlRequests& requests) {
  if (ImGui::Button(pacer.running() ? tr("Pause") : run_label)) requests.toggle_running = true;
  ImGui::SameLine();
  if (ImGui::Button(tr("Step"))) requests.step = true;
  ImGui::SameLine();
  if (ImGui::Button(restart_label)) requests.restart = true;
  ImGui::SameLine();
  int speed = pacer.speed_index();
  ImGui::SetNextItemWidth(-1);
  const char* speeds[SimPacer::kSpeedCount];
  for (int i = 0; i < SimPacer::kSpeedCount; ++i) speeds[i] = tr(SimPacer::kSpeedLabels[i]);
  if (ImGui::Combo("##speed", &speed, speeds, SimPacer::kSpeedCount)) requests.speed_index = speed;

  // A list, not a row of radio buttons: four names do not fit the panel's width at 720 pixels high.
  int camera_index = static_cast<int>(camera);
  const char* cameras[kCameraModeCount];
  for (int i = 0; i < kCameraModeCount; ++i) cameras[i] = tr(kCameraModeNames[i]);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  if (ImGui::Combo(tr("camera (C, 1-4)"), &camera_index, cameras, kCameraModeCount))
    requests.camera = static_cast<CameraMode>(camera_index);
}

void draw_plots(PanelState& state, const ShownRun& session, float width, float scale) {
  const auto& joints = session.world().robot().joints;
  ImGui::SetNextItemWidth(width * 0.45f);
  if (ImGui::BeginCombo(tr("joint"), joints[state.plot_joint].name.c_str())) {
    for (int i = 0; i < static_cast<int>(joints.size()); ++i)
      if (ImGui::Selectable(joints[i].name.c_str(), i == state.plot_joint)) state.plot_joint = i;
    ImGui::EndCombo();
  }
  // Two plots a row, so the panel fits under the robot panel at 720 pixels high.
  const float plot_width = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  const float plot_height = 64.0f * scale;
  const TelemetryHistory& history = session.history();
  plot(tr_noop("torque"), history.torque(state.plot_joint), "N m", plot_width, plot_height);
  ImGui::SameLine();
  plot(tr_noop("velocity"), history.velocity(state.plot_joint), "rad/s", plot_width, plot_height);
  plot(tr_noop("body speed"), history.body_speed(), "m/s", plot_width, plot_height);
  ImGui::SameLine();
  plot(tr_noop("body height"), history.body_height(), "m", plot_width, plot_height);
}

void draw_practice_panel(PanelState& state, const PracticeSession& session, const SimPacer& pacer, CameraMode camera,
                         float scale, float top, ControlRequests& requests) {
  if (!state.visible) return;
  const float width = begin_side_panel(tr("Practice  (Tab hides)"), scale, top);
  draw_transport(pacer, camera, tr("Run"), tr("Restart"), requests);

  ImGui::Separator();
  ImGui::TextUnformatted(tr("Push the trunk"));
  ImGui::SetNextItemWidth(width * 0.45f);
  ImGui::SliderFloat(tr("force N"), &state.push_newtons, 0, 200, "%.0f");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::SliderFloat("##seconds", &state.push_seconds, 0.01f, 1.0f, "%.2f s");
  ImGui::SetNextItemWidth(width * 0.45f);
  ImGui::SliderFloat(tr("toward"), &state.push_toward_deg, -180, 180, tr("%.0f deg"));
  ImGui::SameLine();
  if (ImGui::Button(tr("Push (P)"))) requests.push = true;

  ImGui::Separator();
  ImGui::TextUnformatted(tr("Controller parameters"));
  ImGui::SetNextItemWidth(width * 0.62f);
  const bool entered = ImGui::InputText("##params", &state.params, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if (ImGui::Button(tr("Reload")) || entered) requests.restart = true;
  ImGui::SetNextItemWidth(width * 0.3f);
  ImGui::InputInt(tr("seed"), &state.seed, 0);
  state.seed = std::max(0, state.seed);
  ImGui::SameLine();
  if (ImGui::Button(tr("Restart with seed"))) requests.restart = requests.reseed = true;
  if (!session.load_error().empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored({1.0f, 0.33f, 0.28f, 1.0f}, "%s", session.load_error().c_str());
    ImGui::PopTextWrapPos();
  }

  ImGui::Separator();
  draw_plots(state, session, width, scale);
  ImGui::End();
}

void draw_key_help(float scale) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos({display.x * 0.5f, display.y * 0.5f}, ImGuiCond_Always, {0.5f, 0.5f});
  ImGui::SetNextWindowBgAlpha(0.92f);
  ImGui::Begin("##key_help", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove);
  ImGui::TextUnformatted(tr("Keys (F1 closes)"));
  ImGui::Separator();
  ImGui::TextUnformatted(key_bindings_help());
  ImGui::Dummy({0, 4 * scale});
  ImGui::End();
}

}  // namespace simarena::gui
