// The frames of one channel of an LCM udpm:// bus that a simulator tick
// consumes, read by the bridge's own thread (UdpmSocket) instead of LCM's
// receive thread: the same interface and order as LcmInbox, fewer system
// calls and wake-ups per tick, and an adaptive bounded poll before sleeping.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "simarena/bridge/adaptive_spin.h"
#include "simarena/bridge/frame_queue.h"
#include "simarena/bridge/udpm_socket.h"

namespace simarena {

template <class Message>
class UdpmInbox {
 public:
  UdpmInbox(const UdpmEndpoint& endpoint, const std::string& url, std::string channel)
      : socket_(endpoint, url), channel_(std::move(channel)) {}

  // The oldest frame not yet taken, waiting up to `timeout` for one.
  std::optional<Message> next(std::chrono::milliseconds timeout) {
    using Clock = std::chrono::steady_clock;
    receive_pending();
    if (frames_.empty()) {
      const auto start = Clock::now();
      const auto deadline = start + timeout;
      const auto spin_until = start + std::min<Clock::duration>(spin_.budget(), timeout);
      while (frames_.empty() && Clock::now() < spin_until) receive_pending();
      while (frames_.empty()) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) break;
        if (socket_.wait_readable(left)) receive_pending();
      }
      if (timeout.count() > 0) spin_.observe(Clock::now() - start);  // a zero wait says nothing of the program
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

 private:
  // Frames that do not decode are dropped, as LCM's handlers drop them.
  void receive_pending() {
    socket_.drain([&](const LcmPacket& packet) {
      if (packet.channel != channel_) return;
      Message frame;
      if (frame.decode(packet.data, 0, static_cast<int>(packet.size)) < 0) return;
      frames_.push(frame);
    });
  }

  UdpmSocket socket_;
  std::string channel_;
  AdaptiveSpin spin_{std::chrono::microseconds(200)};
  FrameQueue<Message> frames_;
};

}  // namespace simarena
