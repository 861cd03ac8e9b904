// The practice controls: run/pause, step, restart, speed, camera, pushes,
// the plugin's parameter string with reload, and live plots. Keys and the
// panel's buttons produce the same requests; the viewer applies them.
#pragma once

#include <optional>
#include <string>

#include "camera_rig.h"
#include "imgui_layer.h"
#include "practice_session.h"
#include "sim_pacer.h"

namespace simarena::gui {

struct ControlRequests {
  bool toggle_running = false;
  bool step = false;     // one control tick while paused
  bool restart = false;  // back to t = 0 with the edited parameters, plugin re-read from disk
  bool push = false;
  bool cycle_camera = false;
  bool toggle_panel = false;
  bool toggle_overlay = false;
  bool quit = false;
  int speed_change = 0;  // steps along SimPacer::kSpeeds
  std::optional<int> speed_index;
  std::optional<CameraMode> camera;
};

// What the panel remembers between frames.
struct PanelState {
  std::string params;          // being edited; applied on restart
  float push_newtons = 40;     // horizontal force on the trunk
  float push_toward_deg = 90;  // relative to the trunk's heading: 0 forward, 90 left, -90 right
  float push_seconds = 0.2f;
  int plot_joint = 2;  // FR knee
  bool visible = true;
};

// Keyboard shortcuts, ignored while a text field has the keyboard.
ControlRequests read_shortcuts();

// Draws the panel at the right edge from `top` (pixels) down and adds the
// clicks to `requests`.
void draw_practice_panel(PanelState& state, const PracticeSession& session, const SimPacer& pacer, CameraMode camera,
                         float scale, float top, ControlRequests& requests);

// The key bindings, for --help and the docs.
inline constexpr const char* kKeyBindingsHelp =
    "Keys: Space run/pause, Right arrow one tick, R or Backspace restart, P push, C cycle camera\n"
    "      (1 follow, 2 free, 3 broadcast), + / - speed, 0 real time, Tab practice panel, H overlay, Esc quit.\n"
    "Mouse: left drag orbit (shift: about the vertical), right drag pan, wheel zoom.";

}  // namespace simarena::gui
