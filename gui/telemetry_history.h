// The last few seconds of joint torques, joint velocities and body velocity,
// sampled from the match every few ticks, for the practice plots.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace simarena {
class Match;
}

namespace simarena::gui {

// A fixed-size ring of samples laid out for ImGui::PlotLines.
class SampleRing {
 public:
  explicit SampleRing(size_t capacity = 0) : values_(capacity, 0.0f) {}
  void push(float value);
  void clear();
  const float* data() const { return values_.data(); }
  int count() const { return static_cast<int>(count_); }
  int offset() const { return count_ < values_.size() ? 0 : static_cast<int>(next_); }  // oldest sample
  float latest() const;

 private:
  std::vector<float> values_;
  size_t next_ = 0, count_ = 0;
};

class TelemetryHistory {
 public:
  static constexpr int kTicksPerSample = 5;  // 100 Hz at the robot's 500 Hz
  static constexpr size_t kCapacity = 500;   // 5 s at 100 Hz

  explicit TelemetryHistory(int num_joints);
  void clear();
  // Called after every tick; keeps every kTicksPerSample-th.
  void observe(const Match& match);

  const SampleRing& torque(int joint) const { return torque_[joint]; }
  const SampleRing& velocity(int joint) const { return velocity_[joint]; }
  const SampleRing& body_speed() const { return body_speed_; }  // horizontal, m/s
  const SampleRing& body_climb() const { return body_climb_; }  // vertical, m/s
  const SampleRing& body_height() const { return body_height_; }
  // Simulated time at which err_flag bit `bit` was last seen set (negative:
  // never). The jump-clamp bits last a single tick; this keeps them visible.
  double err_bit_seen_at(int bit) const { return err_bit_seen_at_[bit]; }

 private:
  std::array<double, 16> err_bit_seen_at_;
  std::vector<SampleRing> torque_, velocity_;
  SampleRing body_speed_, body_climb_, body_height_;
};

}  // namespace simarena::gui
