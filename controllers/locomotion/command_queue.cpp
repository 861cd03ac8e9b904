#include "command_queue.h"

#include <algorithm>
#include <cmath>

#include "mode_transitions.h"

namespace locomotion {

bool frame_is_finite(const SimarenaHighLevelCmd& f) {
  auto finite = [](const float* values, int n) {
    for (int i = 0; i < n; ++i)
      if (!std::isfinite(values[i])) return false;
    return true;
  };
  return finite(f.vel_des, 3) && finite(f.rpy_des, 3) && finite(f.pos_des, 3) && finite(f.acc_des, 6) &&
         finite(f.ctrl_point, 3) && finite(f.foot_pose, 6) && finite(f.step_height, 2);
}

CommandQueue::CommandQueue(double control_period) : period_(control_period) {}

CommandQueue::Receipt CommandQueue::receive(const SimarenaHighLevelCmd& frame) {
  since_frame_ = 0;
  if (frame.mode == -1 || frame.life_count == last_life_count_) return Receipt::ignored;
  // The robot does not check: a NaN reaches its controllers. simarena refuses
  // the whole frame (its life_count is not taken either, so the same frame
  // re-sent stays refused) to keep the simulation sane.
  if (!frame_is_finite(frame)) return Receipt::refused;
  last_life_count_ = frame.life_count;
  Order order{frame, -1};
  if (frame.mode == kModeMotion) {
    // The robot queues a preset motion whatever its duration (it runs as
    // its own steps), and drops one that arrives while a motion plays.
    if (has_current_ && current_.motion >= 0) return Receipt::ignored;
    queue_.push_back(order);
    return Receipt::applied;
  }
  if (frame.duration > 0) {
    order.periods = periods_of(frame.duration);
  } else {
    queue_.clear();  // duration 0 (negative read as 0): pre-empts everything queued, and the running order
    preempted_ = true;
  }
  queue_.push_back(order);
  return Receipt::applied;
}

int64_t CommandQueue::periods_of(int32_t duration_ms) const {
  // Milliseconds to whole control periods (the robot: duration / 2 at 2 ms).
  return std::max<int64_t>(1, std::llround(duration_ms * 1e-3 / period_));
}

void CommandQueue::play(int motion, const std::vector<SimarenaHighLevelCmd>& steps) {
  queue_.clear();
  preempted_ = false;
  const int count = static_cast<int>(steps.size());
  for (int i = 0; i < count; ++i) queue_.push_back({steps[i], periods_of(steps[i].duration), motion, i, count});
  if (queue_.empty()) return;
  current_ = queue_.front();
  queue_.pop_front();
  has_current_ = true;
  left_ = current_.periods;
  run_ = 0;
}

CommandQueue::Event CommandQueue::advance() {
  ++since_frame_;
  ++run_;
  bool ran_out = false;
  if (has_current_ && left_ > 0 && --left_ == 0) ran_out = true;
  // The next order starts when there is none, when the current one ran out,
  // or when it runs until replaced (a zero-duration order, a hold).
  if (!queue_.empty() && (!has_current_ || left_ <= 0 || preempted_)) {
    preempted_ = false;
    current_ = queue_.front();
    queue_.pop_front();
    has_current_ = true;
    left_ = current_.periods;
    run_ = 0;
    return Event::started;
  }
  if (ran_out) {
    hold_current();
    current_.motion = -1;  // a preset motion ends with its last step
    return Event::expired;
  }
  return Event::none;
}

void CommandQueue::clear() {
  queue_.clear();
  current_.periods = -1;
  current_.motion = -1;
  left_ = -1;
  preempted_ = false;
}

}  // namespace locomotion
