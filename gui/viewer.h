// One viewer frame, the same with a window or offscreen: draw the match from
// the chosen camera, lay the overlay over it, and turn keys, mouse and panel
// clicks into changes of the session. The drivers (view_command.cpp) decide
// how simulated time advances between frames.
#pragma once

#include <memory>
#include <vector>

#include "camera_inset.h"
#include "camera_rig.h"
#include "frame_readback.h"
#include "image_output.h"
#include "imgui_layer.h"
#include "key_queue.h"
#include "keyboard_driver.h"
#include "leaderboard.h"
#include "overlay.h"
#include "practice_panel.h"
#include "practice_session.h"
#include "replay_session.h"
#include "scene_renderer.h"
#include "sim_pacer.h"

struct GLFWwindow;

namespace simarena::gui {

struct ViewerLook {
  bool overlay = true;
  bool panel = true;
  CameraMode camera = CameraMode::follow;
  const Leaderboard* leaderboard = nullptr;  // earlier runs on the track, outliving the viewer
  // --drive: the keys drive the robot through its high-level API (both
  // outlive the viewer; null otherwise).
  DriveInput* drive_input = nullptr;
  const DriveStatus* drive_status = nullptr;
  LookOptions render;      // --preset, --mirror-floor
  bool spectator = false;  // --spectator: the big-screen overlay (V toggles)
  SpectatorTitles titles;  // --title, --entry
};

class Viewer {
 public:
  // Needs a current OpenGL context; `window` is null offscreen, where
  // `offscreen_width/height` size the framebuffer.
  Viewer(PracticeSession& session, GLFWwindow* window, int offscreen_width, int offscreen_height,
         const ViewerLook& look)
      : Viewer(session, &session, nullptr, window, offscreen_width, offscreen_height, look) {}
  Viewer(ReplaySession& replay, GLFWwindow* window, int offscreen_width, int offscreen_height, const ViewerLook& look)
      : Viewer(replay, nullptr, &replay, window, offscreen_width, offscreen_height, look) {}

  ShownRun& run() { return run_; }
  SimPacer& pacer() { return pacer_; }

  // Draws one frame into `target`. With `interactive`, reads keys and the
  // mouse and applies panel clicks; returns false once the user quits.
  bool frame(const RenderTarget& target, double wall_seconds, bool interactive);
  std::vector<unsigned char> read_rgb(const RenderTarget& target) { return renderer_.read_rgb(target); }
  // How read_frame_async() gives the frames of `target`: yuv420p when both
  // sides are even (yuv420p.h), else RGBA rows bottom to top as OpenGL
  // holds them (ffmpeg pads and converts those).
  FrameLayout video_layout(const RenderTarget& target) const;
  // Video frames in video_layout(): starts reading the frame just drawn and
  // puts the one drawn before it in `previous` (false on the first frame),
  // so reading overlaps the next frame (frame_readback.h).
  bool read_frame_async(const RenderTarget& target, std::vector<unsigned char>& previous);
  // The last frame read_frame_async() started.
  bool take_last_frame(std::vector<unsigned char>& last) { return readback_ && readback_->take_last(last); }
  // Empty, or why Chinese text shows as '?' (ImGuiLayer::font_note).
  const std::string& font_note() const { return imgui_.font_note(); }

  // Runs up to `ticks` control ticks, stopping early once `wall_budget`
  // seconds of wall time are spent. Returns whether all ran.
  bool run_ticks(uint64_t ticks, double wall_budget);

 private:
  // Exactly one of `practice` and `replay` is `run`.
  Viewer(ShownRun& run, PracticeSession* practice, ReplaySession* replay, GLFWwindow* window, int offscreen_width,
         int offscreen_height, const ViewerLook& look);
  void apply(const ControlRequests& requests);
  void push();

  ShownRun& run_;
  PracticeSession* practice_;
  ReplaySession* replay_;
  SceneRenderer renderer_;
  KeyPressQueue keys_;  // filled by GLFW's key callback, before ImGui's
  ImGuiLayer imgui_;
  CameraRig cameras_;
  CameraInset inset_;  // the robot's camera (I); before imgui_ goes, while the context is current
  SimPacer pacer_;
  PanelState panel_;
  bool overlay_visible_;
  bool spectator_;
  bool help_visible_ = false;
  SpectatorTitles titles_;
  const Leaderboard* leaderboard_;
  DriveInput* drive_input_;
  const DriveStatus* drive_status_;
  std::unique_ptr<FrameReadback> readback_;  // made by the first read_frame_async, for its size
};

}  // namespace simarena::gui
