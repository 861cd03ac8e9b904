// The robot's LCM buses as the simulator uses them: publish the four state
// messages, receive motor_ctrl frames in arrival order. Owns its lcm::LCM
// handles (closed on destruction); not copyable or movable because LCM
// holds a pointer to it for the receive callback. On a udpm:// control URL
// (the robot's) the frames are read by the bridge's own socket (BusInbox).
#pragma once

#include <chrono>
#include <lcm/lcm-cpp.hpp>
#include <optional>
#include <string>

#include "simarena/bridge/bus_inbox.h"
#include "simarena/bridge/wire_convention.h"

namespace simarena {

// The robot's defaults: every channel on port 7667 except state_estimator
// on 7669, TTL 255 as the SDK sets it.
struct LcmUrls {
  std::string control = "udpm://239.255.76.67:7667?ttl=255";    // motor_ctrl, motor_ctrl_state, spi_data, ...
  std::string estimator = "udpm://239.255.76.67:7669?ttl=255";  // state_estimator
};

class LcmTransport {
 public:
  // Throws std::runtime_error naming the URL when LCM cannot open it.
  explicit LcmTransport(const LcmUrls& urls);
  LcmTransport(const LcmTransport&) = delete;
  LcmTransport& operator=(const LcmTransport&) = delete;

  // In the robot's order within a tick: motor_ctrl_state, spi_data,
  // leg_control_data, then state_estimator.
  void publish(const WireState& state);

  // The oldest frame not yet taken, waiting up to `timeout` for one.
  std::optional<motor_ctrl_lcmt> next_frame(std::chrono::milliseconds timeout);
  // Receives everything pending without waiting and returns the newest frame
  // (older ones are dropped, as the robot keeps only the latest), if any.
  std::optional<motor_ctrl_lcmt> latest_frame();
  // Drops every frame received so far.
  void discard_pending();

  uint64_t frames_received() const { return inbox_.received(); }
  const LcmUrls& urls() const { return urls_; }

 private:
  LcmUrls urls_;
  lcm::LCM control_;
  lcm::LCM estimator_;
  BusInbox<motor_ctrl_lcmt> inbox_;
};

}  // namespace simarena
