// The robot's rules for robot_control_cmd frames (shared facts: high-level
// API §3): a frame is applied only when its life_count differs from the last
// applied one (mode -1: a heartbeat); every frame refreshes the command
// timer. duration 0 clears the queue and runs until replaced; duration > 0
// joins a FIFO and runs that many milliseconds. Pure bookkeeping on control
// periods: which order starts when; the firmware decides what it means.
#pragma once

#include <simarena/controller.h>

#include <cstdint>
#include <deque>
#include <vector>

namespace locomotion {

struct Order {
  SimarenaHighLevelCmd frame{};
  int64_t periods = -1;  // control periods it runs; -1: until replaced
  // A step of a preset motion (mode 62): the motion's id (-1: not a step of
  // one), this step's index and the motion's number of steps.
  int motion = -1;
  int motion_step = 0, motion_steps = 0;
};

class CommandQueue {
 public:
  enum class Receipt { applied, ignored, refused };
  enum class Event { none, started, expired };

  explicit CommandQueue(double control_period);

  // A frame, as it arrives. ignored: same life_count or mode -1 (the timer is
  // still refreshed), or a preset motion (mode 62) while one plays (the
  // robot's rule; its life_count is taken). refused: a NaN or infinite float
  // (simarena's choice, see command_queue.cpp). applied: queued (duration > 0,
  // and any mode-62 frame: the robot queues those even with duration 0) or
  // made the only order (duration 0).
  Receipt receive(const SimarenaHighLevelCmd& frame);

  // A preset motion starts (its mode-62 order is the current one): its
  // steps replace the current order and everything queued, as on the robot,
  // and the first starts now. Each step runs its duration in ms.
  void play(int motion, const std::vector<SimarenaHighLevelCmd>& steps);

  // One control period. started: `order()` is a new order, starting now.
  // expired: the timed order ran out with nothing queued after it; the
  // firmware inserts its hold (order() now runs until replaced).
  Event advance();
  const Order& order() const { return current_; }
  // The current order runs until replaced from now on (a refused order, a hold).
  void hold_current() {
    current_.periods = -1;
    left_ = -1;
  }
  // Drops every order (timeout, emergency stop).
  void clear();

  // Control periods since the last frame of any kind.
  int64_t periods_since_frame() const { return since_frame_; }
  // Periods the current order has run.
  int64_t periods_run() const { return run_; }
  size_t queued() const { return queue_.size(); }
  int last_life_count() const { return last_life_count_; }

 private:
  int64_t periods_of(int32_t duration_ms) const;

  double period_;
  std::deque<Order> queue_;
  Order current_;
  bool has_current_ = false;
  int64_t left_ = -1;       // periods left of the current order; -1: until replaced
  bool preempted_ = false;  // a zero-duration order arrived: it starts at the next period
  int64_t run_ = 0;
  int64_t since_frame_ = 0;
  int last_life_count_ = -1;  // the robot's stored counter starts at -1
};

// True when every float field of the frame is finite.
bool frame_is_finite(const SimarenaHighLevelCmd& frame);

}  // namespace locomotion
