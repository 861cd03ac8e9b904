// The practice controls: run/pause, step, restart, speed, camera, pushes,
// the plugin's parameter string with reload, and live plots. Keys and the
// panel's buttons produce the same requests; the viewer applies them.
#pragma once

#include <optional>
#include <string>

#include "camera_rig.h"
#include "imgui_layer.h"
#include "key_queue.h"
#include "practice_session.h"
#include "sim_pacer.h"
#include "simarena/base/messages.h"

namespace simarena::gui {

struct ControlRequests {
  bool toggle_running = false;
  bool step = false;       // one control tick while paused
  bool step_back = false;  // a replay: one tick back
  bool restart = false;    // back to t = 0 with the edited parameters, plugin re-read from disk
  bool reseed = false;     // with restart: on the world for PanelState::seed
  bool push = false;
  bool cycle_camera = false;
  int cycle_inset = 0;  // the robot's camera inset: next camera or off (I), once per press
  bool toggle_panel = false;
  bool toggle_overlay = false;
  bool toggle_spectator = false;  // the big-screen overlay (V)
  bool toggle_help = false;       // the on-screen key help (F1)
  bool quit = false;
  int speed_change = 0;  // steps along SimPacer::kSpeeds
  std::optional<int> speed_index;
  std::optional<CameraMode> camera;
  std::optional<double> seek;  // a replay: to this simulated time
};

// What the panel remembers between frames.
struct PanelState {
  std::string params;          // being edited; applied on restart
  float push_newtons = 40;     // horizontal force on the trunk
  float push_toward_deg = 90;  // relative to the trunk's heading: 0 forward, 90 left, -90 right
  float push_seconds = 0.2f;
  int seed = 0;        // for "Restart with seed"
  int plot_joint = 2;  // FR knee
  bool visible = true;
};

// The keyboard shortcuts among this frame's key `presses`, all of them (a
// tap shorter than a frame counts), none while a text field has the keyboard
// (`text_input`). While `driving`, the arrow keys are the driver's
// (keyboard_driver.h).
ControlRequests read_shortcuts(const std::vector<KeyPress>& presses, bool driving, bool text_input);

// The side panel's frame at the right edge from `top` (pixels) down;
// returns its width. End it with ImGui::End().
float begin_side_panel(const char* title, float scale, float top);
// Run/pause, step, restart, speed and camera, shared with the replay panel.
void draw_transport(const SimPacer& pacer, CameraMode camera, const char* run_label, const char* restart_label,
                    ControlRequests& requests);
// The joint chooser and the plots of the session's history.
void draw_plots(PanelState& state, const ShownRun& session, float width, float scale);

// Draws the panel at the right edge from `top` (pixels) down and adds the
// clicks to `requests`.
void draw_practice_panel(PanelState& state, const PracticeSession& session, const SimPacer& pacer, CameraMode camera,
                         float scale, float top, ControlRequests& requests);

// The key bindings in the middle of the window (F1).
void draw_key_help(float scale);

// The key bindings, for --help and the docs, in the language of the messages.
inline const char* key_bindings_help() {
  return tr(
      "Keys: Space run/pause, Right arrow one tick, R or Backspace restart, P push, C cycle camera\n"
      "      (1 follow, 2 free, 3 broadcast, 4 overview), + / - speed, 0 real time, Tab practice panel,\n"
      "      I robot camera inset (each camera of the robot, then off), V spectator view, H overlay,\n"
      "      F1 this help on screen, Esc or Q quit.\n"
      "      Replays: Left arrow one tick back, R back to the start.\n"
      "Mouse: left drag orbit (shift: about the vertical), right drag pan, wheel zoom.");
}

}  // namespace simarena::gui
