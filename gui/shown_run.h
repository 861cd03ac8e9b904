// What the viewer shows: a live practice run or a recorded one played back,
// and optionally a ghost racing alongside. The overlay, the cameras and the
// offscreen drivers read runs only through this.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ghost.h"
#include "simarena/match/match.h"
#include "simarena/physics/world.h"
#include "simarena/track/referee.h"
#include "simarena/track/track_catalog.h"
#include "telemetry_history.h"

namespace simarena::gui {

class ShownRun {
 public:
  virtual ~ShownRun() = default;

  virtual const World& world() const = 0;
  virtual const Match* match() const = 0;  // null: no controller loaded
  // The state to draw: the match's, or the robot's initial pose without one.
  virtual const mjData* display_state() const = 0;
  virtual const TrackWithRules* course() const = 0;  // null on the flat arena
  virtual const Referee* referee() const = 0;        // null on the flat arena
  virtual const TelemetryHistory& history() const = 0;
  virtual const std::string& load_error() const = 0;
  // The referee ended the run (finish, time limit, disqualification).
  virtual bool run_over() const = 0;
  double time() const { return match() ? match()->time() : 0.0; }

  // One control tick (nothing once the run is over).
  virtual void tick() = 0;
  // To simulated time `t` (offscreen output): a live run ticks forward to
  // it, a replay seeks.
  virtual void advance_to(double t) = 0;

  // Ghosts follow this run's simulated time, never ahead of it; each gets
  // the next colour of the ghosts' palette (ghost_rgba).
  void add_ghost(std::unique_ptr<Ghost> ghost) {
    ghost->set_colour_index(static_cast<int>(ghosts_.size()));
    ghosts_.push_back(std::move(ghost));
    move_ghost();
  }
  const std::vector<std::unique_ptr<Ghost>>& ghosts() const { return ghosts_; }
  const Ghost* ghost() const { return ghosts_.empty() ? nullptr : ghosts_.front().get(); }  // the first

 protected:
  void move_ghost() {
    for (const auto& ghost : ghosts_) ghost->follow(time());
  }

 private:
  std::vector<std::unique_ptr<Ghost>> ghosts_;
};

}  // namespace simarena::gui
