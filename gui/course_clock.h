// One course time and one rounding rule for every place the overlay shows
// them (the course panel, the finish banner, the spectator clock), so they
// never disagree by a hundredth.
#pragma once

#include <string>

#include "simarena/track/referee.h"
#include "simarena/track/score.h"

namespace simarena::gui {

// The score's course time once the referee has ended the run (the finish is
// timed where the line was crossed, not at the tick after it), else the time
// since the start line at simulated time `now`; 0 before the start.
inline double shown_course_time(const Referee& referee, double now) {
  if (referee.over()) return score_run(referee.events(), referee.rules()).course_time;
  return referee.started() ? now - referee.start_time() : 0.0;
}

// Hundredths, rounded half away from zero: "25.24".
std::string hundredths_text(double seconds);
// The same hundredths as m:ss.hh: "0:25.24".
std::string clock_text(double seconds);

}  // namespace simarena::gui
