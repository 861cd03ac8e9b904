// What a program on the LCM bridge announces to the referee: the
// simarena_announce channel (simarena_announce_lcmt), the bus equivalent of
// the plugin ABI's simarena.announce. Each tick the bridge takes what
// arrived since the last one, bounded as a plugin's messages are
// (SIMARENA_MESSAGES_PER_STEP a tick, text cut and cleaned), so the match
// logs it and the referee judges it exactly as a plugin's. A message counts
// on the tick the bridge reads it: in lockstep, one sent before the tick's
// command frame is read with that tick.
#pragma once

#include <lcm/lcm-cpp.hpp>
#include <simarena_announce_lcmt.hpp>
#include <string>

#include "simarena/bridge/bus_inbox.h"
#include "simarena/control/controller_interface.h"

namespace simarena {

inline constexpr const char* kAnnounceChannel = "simarena_announce";
inline constexpr const char* kDefaultAnnounceUrl = "udpm://239.255.76.67:7667?ttl=255";  // the robot's control bus

// One announcement as the match takes it: nullopt for a kind that is
// neither 0 (plain) nor a SIMARENA_OBJECT_*.
std::optional<ControllerMessage> message_from_wire(const simarena_announce_lcmt& wire);

class LcmAnnouncements {
 public:
  // Throws std::runtime_error when LCM cannot open `url`.
  explicit LcmAnnouncements(const std::string& url);
  LcmAnnouncements(const LcmAnnouncements&) = delete;
  LcmAnnouncements& operator=(const LcmAnnouncements&) = delete;

  // Appends what arrived since the last call to `outcome.messages`, up to
  // SIMARENA_MESSAGES_PER_STEP in all; the rest count in messages_dropped.
  void take(StepOutcome& outcome);

 private:
  lcm::LCM lcm_;
  BusInbox<simarena_announce_lcmt> inbox_;
};

}  // namespace simarena
