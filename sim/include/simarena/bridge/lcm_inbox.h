// The frames of one LCM channel that a simulator tick consumes: received in
// arrival order into a queue, taken one by one (lockstep) or newest only
// (real time, as the robot keeps only the latest). Not copyable or movable:
// LCM holds a pointer to it for the receive callback.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <lcm/lcm-cpp.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "simarena/bridge/frame_queue.h"

namespace simarena {

// Throws std::runtime_error naming the URL when LCM could not open it.
void check_lcm_open(const lcm::LCM& lcm, const std::string& url);
// The same, then `lcm` itself: for member initializers.
lcm::LCM& opened_lcm(lcm::LCM& lcm, const std::string& url);

template <class Message>
class LcmInbox {
 public:
  LcmInbox(lcm::LCM& lcm, std::string url, const std::string& channel) : lcm_(lcm), url_(std::move(url)) {
    lcm_.subscribeFunction(channel, &LcmInbox::on_frame, this);
  }
  LcmInbox(const LcmInbox&) = delete;
  LcmInbox& operator=(const LcmInbox&) = delete;

  // The oldest frame not yet taken, waiting up to `timeout` for one.
  std::optional<Message> next(std::chrono::milliseconds timeout) {
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + timeout;
    // A lockstep program answers within tens of microseconds; polling that
    // long keeps this core awake, so the answer is not delayed by waking a
    // sleeping core. Bounded, and only timing changes: frames are still
    // taken in arrival order.
    const auto spin_until = start + std::min<std::chrono::steady_clock::duration>(kAnswerSpin, timeout);
    while (frames_.empty() && std::chrono::steady_clock::now() < spin_until) receive_pending();
    while (frames_.empty()) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        receive_pending();
        break;
      }
      if (lcm_.handleTimeout(static_cast<int>(left.count())) < 0)
        throw std::runtime_error(url_ + ": LCM receive failed");
    }
    return frames_.take_oldest();
  }

  // Receives everything pending without waiting and returns the newest
  // frame (older ones are dropped), if any.
  std::optional<Message> latest() {
    receive_pending();
    return frames_.take_newest();
  }

  // Drops every frame received so far.
  void discard_pending() {
    receive_pending();
    frames_.clear();
  }

  uint64_t received() const { return frames_.received(); }
  // Frames taken or dropped so far.
  uint64_t consumed() const { return frames_.received() - frames_.waiting(); }

 private:
  static constexpr std::chrono::microseconds kAnswerSpin{200};

  // A plain function, not a member pointer: GCC's UBSan miscompiles LCM's
  // pointer-to-member dispatch (false null report, then a crash).
  static void on_frame(const lcm::ReceiveBuffer*, const std::string&, const Message* frame, LcmInbox* self) {
    self->frames_.push(*frame);
  }
  void receive_pending() {
    int status;
    while ((status = lcm_.handleTimeout(0)) > 0) {
    }
    if (status < 0) throw std::runtime_error(url_ + ": LCM receive failed");
  }

  lcm::LCM& lcm_;
  std::string url_;
  FrameQueue<Message> frames_;
};

}  // namespace simarena
