// Paces the simulation against the wall clock for display only: it decides
// how many whole control ticks to run in a frame. What a tick computes never
// depends on it, so a run looks the same at any speed or frame rate.
#pragma once

#include <cstdint>

#include "simarena/base/messages.h"

namespace simarena::gui {

class SimPacer {
 public:
  // Simulated seconds per wall second; 0 means as fast as possible.
  static constexpr double kSpeeds[] = {0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 0.0};
  static constexpr int kRealTime = 4;
  static constexpr int kSpeedCount = sizeof(kSpeeds) / sizeof(kSpeeds[0]);
  static constexpr const char* kSpeedLabels[kSpeedCount] = {
      "x0.05", "x0.1", "x0.25", "x0.5", tr_noop("real time"), "x2", "x4", tr_noop("max")};

  bool running() const { return running_; }
  void set_running(bool running);
  int speed_index() const { return speed_index_; }
  void set_speed_index(int index);
  double speed() const { return kSpeeds[speed_index_]; }
  bool as_fast_as_possible() const { return speed() == 0.0; }
  // True when the last frame could not run all the ticks it owed.
  bool behind() const { return behind_; }
  // A label such as "x0.25", "real time" or "max".
  const char* speed_label() const { return kSpeedLabels[speed_index_]; }

  // Ticks owed after `wall_seconds` more of wall time (0 when paused);
  // with as_fast_as_possible(), as many as the frame's wall budget allows.
  uint64_t ticks_due(double wall_seconds, double control_period);
  // The frame ran out of wall budget after running some ticks: forget the
  // rest rather than spiral (the view then runs slower than asked).
  void ran_short(bool short_of_ticks);

 private:
  bool running_ = true;
  int speed_index_ = kRealTime;
  double owed_seconds_ = 0;
  bool behind_ = false;
};

}  // namespace simarena::gui
