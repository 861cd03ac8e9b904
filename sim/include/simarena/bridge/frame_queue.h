// The frames of one channel received but not yet consumed by the simulator,
// in arrival order: taken one by one (lockstep) or newest only (real time,
// as the robot keeps only the latest). Shared by the inboxes that fill it
// from LCM's receive thread or from the bridge's own socket.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>

namespace simarena {

template <class Message>
class FrameQueue {
 public:
  void push(const Message& frame) {
    frames_.push_back(frame);
    received_++;
  }
  bool empty() const { return frames_.empty(); }

  // The oldest frame, removed from the queue.
  std::optional<Message> take_oldest() {
    if (frames_.empty()) return std::nullopt;
    Message frame = frames_.front();
    frames_.pop_front();
    return frame;
  }
  // The newest frame; the queue is emptied (older ones are dropped).
  std::optional<Message> take_newest() {
    if (frames_.empty()) return std::nullopt;
    Message frame = frames_.back();
    frames_.clear();
    return frame;
  }
  void clear() { frames_.clear(); }

  // Frames pushed so far, taken or not.
  uint64_t received() const { return received_; }
  // Frames received and not yet taken or dropped.
  uint64_t waiting() const { return frames_.size(); }

 private:
  std::deque<Message> frames_;
  uint64_t received_ = 0;
};

}  // namespace simarena
