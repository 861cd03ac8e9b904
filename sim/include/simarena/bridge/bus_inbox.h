// The frames of one channel of an LCM bus, in arrival order. On a udpm://
// URL (the robot's buses) they are read by a socket of the bridge's own
// (UdpmInbox), read on the bridge's thread; elsewhere by LCM (LcmInbox). LCM 1.3
// would read every packet of the bus on a receive thread of its own, woken
// four or five times a lockstep tick by messages the channel does not want
// (the tick's state, the program's command).
#pragma once

#include <chrono>
#include <cstdint>
#include <lcm/lcm-cpp.hpp>
#include <optional>
#include <string>

#include "simarena/bridge/lcm_inbox.h"
#include "simarena/bridge/udpm_inbox.h"

namespace simarena {

template <class Message>
class BusInbox {
 public:
  // `lcm` must be open on `url`; it is used only where the URL is not udpm://.
  BusInbox(lcm::LCM& lcm, const std::string& url, const std::string& channel) {
    if (const auto endpoint = parse_udpm_url(url))
      direct_.emplace(*endpoint, url, channel);
    else
      lcm_.emplace(lcm, url, channel);
  }
  BusInbox(const BusInbox&) = delete;
  BusInbox& operator=(const BusInbox&) = delete;

  // The oldest frame not yet taken, waiting up to `timeout` for one.
  std::optional<Message> next(std::chrono::milliseconds timeout) {
    return direct_ ? direct_->next(timeout) : lcm_->next(timeout);
  }
  // Receives everything pending without waiting and returns the newest
  // frame (older ones are dropped), if any.
  std::optional<Message> latest() { return direct_ ? direct_->latest() : lcm_->latest(); }
  // Drops every frame received so far.
  void discard_pending() { direct_ ? direct_->discard_pending() : lcm_->discard_pending(); }
  uint64_t received() const { return direct_ ? direct_->received() : lcm_->received(); }

 private:
  std::optional<UdpmInbox<Message>> direct_;  // a udpm:// URL
  std::optional<LcmInbox<Message>> lcm_;      // any other
};

}  // namespace simarena
