#include "replay_panel.h"

#include <string>

#include "overlay_style.h"
#include "simarena/base/messages.h"

namespace simarena::gui {

void draw_replay_panel(PanelState& state, const ReplaySession& session, const SimPacer& pacer, CameraMode camera,
                       float scale, float top, ControlRequests& requests) {
  if (!state.visible) return;
  const ReplayPlayer& player = session.player();
  const float width = begin_side_panel(tr("Replay  (Tab hides)"), scale, top);
  draw_transport(pacer, camera, tr("Play"), tr("Start"), requests);

  // Scrubbing seeks on simulated time; the picture is the recorded run's
  // state at that tick, whichever way the bar moved.
  float at = static_cast<float>(session.time());
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::SliderFloat("##scrub", &at, 0.0f, static_cast<float>(player.duration()), "%.3f s")) requests.seek = at;
  if (ImGui::Button(tr("< tick"))) requests.step_back = true;
  ImGui::SameLine();
  if (ImGui::Button(tr("tick >"))) requests.step = true;
  ImGui::SameLine();
  ImGui::TextColored(kDim, tr("tick %llu of %llu"), static_cast<unsigned long long>(player.position()),
                     static_cast<unsigned long long>(player.length()));

  ImGui::Separator();
  const nlohmann::json& header = player.replay().header;
  const nlohmann::json& controller = header["controller"];
  const std::string params = controller.value("params", "");
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(kDim, "%s  %s", player.replay().path.filename().c_str(), session.completeness().c_str());
  ImGui::TextColored(kDim, tr("controller %s%s%s, seed %llu"), controller.value("name", "?").c_str(),
                     params.empty() ? "" : tr(", params "), params.c_str(),
                     static_cast<unsigned long long>(header["arena"].value("seed", uint64_t{0})));
  ImGui::PopTextWrapPos();

  ImGui::Separator();
  draw_plots(state, session, width, scale);
  ImGui::End();
}

}  // namespace simarena::gui
