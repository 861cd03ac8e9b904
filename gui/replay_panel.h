// The replay controls: play/pause, step, back to the start, speed, camera,
// a scrub bar over simulated time, what the recording is, and the plots.
#pragma once

#include "practice_panel.h"
#include "replay_session.h"

namespace simarena::gui {

// At the right edge from `top` (pixels) down; clicks go into `requests`.
void draw_replay_panel(PanelState& state, const ReplaySession& session, const SimPacer& pacer, CameraMode camera,
                       float scale, float top, ControlRequests& requests);

}  // namespace simarena::gui
