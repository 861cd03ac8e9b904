// The scoreboard overlay: what a practising student, a judge's big screen
// and a remote viewer all see over the 3D view. It only reads the session;
// every value comes from the core (the match, its events, its err_flag).
#pragma once

#include <string>

#include "camera_rig.h"
#include "imgui_layer.h"
#include "leaderboard.h"
#include "replay_session.h"
#include "shown_run.h"
#include "sim_pacer.h"

namespace simarena::gui {

struct OverlayView {
  const ShownRun& session;
  const ReplaySession* replay;  // the session, when it is a replay; else null
  const SimPacer& pacer;
  const OverlayFonts& fonts;
  float scale;  // 1 at 1080 pixels high
  CameraMode camera;
  const Leaderboard* leaderboard;  // earlier runs on this track; may be null
};

// The spectator view's names: the event's title and the entry (team) shown;
// empty: the track's name alone, the controller's name.
struct SpectatorTitles {
  std::string event;
  std::string entry;
};

// The big-screen overlay (overlay_spectator.cpp): event and entry top left,
// the course time in the biggest digits top right with the rank and the
// progress, penalties and pushes bottom left, the finish banner. Returns
// the bottom edge of the title, in pixels.
float draw_spectator(const OverlayView& view, const SpectatorTitles& titles);

// Top left: competitor, robot and arena, the big timer on simulated time,
// run state and speed; a replay says so, and whether it is complete; a
// ghost says whose run it is. Returns the panel's bottom edge in pixels.
float draw_scoreboard(const OverlayView& view);
// On a track, below the scoreboard from `top`: checkpoints, progress,
// penalties, standing against the leaderboard. Returns its bottom edge
// (`top` off a track).
float draw_course_panel(const OverlayView& view, float top);
// On a track, once the referee ends the run: result, time, penalties, place.
void draw_finish_banner(const OverlayView& view);
// Top right: err_flag bits, take-over, controller faults and timing.
// Returns the panel's bottom edge in pixels, for what goes below it.
float draw_robot_status(const OverlayView& view);
// Bottom left: protection and controller events as they happen; on a
// track, the referee's events with what each costs.
void draw_event_feed(const OverlayView& view);

}  // namespace simarena::gui
