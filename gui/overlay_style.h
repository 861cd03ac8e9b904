// Shared look of the overlay panels: colours, placement in a corner, the
// clock format.
#pragma once

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "course_clock.h"

namespace simarena::gui {

inline const ImVec4 kDim{0.55f, 0.58f, 0.65f, 1.0f};
inline const ImVec4 kAlert{1.0f, 0.33f, 0.28f, 1.0f};
inline const ImVec4 kWarn{1.0f, 0.78f, 0.25f, 1.0f};
inline const ImVec4 kGood{0.45f, 0.90f, 0.55f, 1.0f};
inline constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                                ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                                ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;

// Recent events stay highlighted this long, in simulated seconds.
inline constexpr double kFreshSeconds = 1.5;

inline void place(ImVec2 corner_fraction, float scale) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float margin = 24.0f * scale;
  const ImVec2 position{corner_fraction.x == 0 ? margin : display.x - margin,
                        corner_fraction.y == 0 ? margin : display.y - margin};
  ImGui::SetNextWindowPos(position, ImGuiCond_Always, corner_fraction);
}

// Ends the current window and returns its bottom edge, for what goes below.
inline float end_window_bottom() {
  const float bottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
  ImGui::End();
  return bottom;
}

}  // namespace simarena::gui
