// Whether the robot is still in its start-up take-over: the motor SDK starts
// every session in take-over with err_flag bit 0x02 set, until the
// controller's all-zero frames clear it (protections.cpp). That is a normal
// start, shown as "starting", not as a fault.
#pragma once

#include <algorithm>

#include "simarena/match/match.h"

namespace simarena::gui {

inline bool in_start_up(const Match& match) {
  if (!match.through_motor_sdk()) return false;
  return std::none_of(match.events().begin(), match.events().end(),
                      [](const MatchEvent& e) { return e.type == MatchEventType::err_bit_cleared && e.err_bit == 1; });
}

}  // namespace simarena::gui
