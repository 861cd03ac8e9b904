#include "html_replay_text.h"

#include "simarena/base/messages.h"

namespace simarena {

nlohmann::json html_replay_text() {
  return {
      {"loading", tr("Loading…")},
      {"heading", tr("{controller} on {arena}")},
      {"match_time", tr("Match time")},
      {"course_time", tr("Course time")},
      {"progress", tr("Progress")},
      {"penalties", tr("Penalties")},
      {"points", tr("Points")},
      {"points_unit", tr("points")},
      {"events", tr("Events")},
      {"speed", tr("Speed")},
      {"camera", tr("Camera")},
      {"follow", tr("Follow")},
      {"orbit", tr("Orbit")},
      {"play", tr("Play")},
      {"pause", tr("Pause")},
      {"hint", tr("Space: play/pause · ←/→: 1 s · drag/wheel: orbit")},
      {"verified", tr("✓ Verified")},
      {"verified_detail",
       tr("Re-simulated from its recorded commands when exported: every state matched. Final state hash")},
      {"not_verified", tr("Not verified")},
      {"incomplete", tr("The run did not finish")},
      {"no_referee", tr("Practice floor: no referee, no score")},
      {"final", tr("Final")},
      {"total", tr("total")},
      {"not_started", tr("not started")},
      {"result",
       {{"finished", tr("Finished")},
        {"timeout", tr("Time limit")},
        {"disqualified", tr("Disqualified")},
        {"stopped", tr("Stopped")}}},
      {"no_webgl", tr("This browser cannot draw 3D (WebGL is off or unavailable).")},
      {"broken", tr("This replay page could not start: ")},
  };
}

}  // namespace simarena
