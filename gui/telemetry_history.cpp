#include "telemetry_history.h"

#include <cmath>

#include "simarena/match/match.h"

namespace simarena::gui {

void SampleRing::push(float value) {
  if (values_.empty()) return;
  values_[next_] = value;
  next_ = (next_ + 1) % values_.size();
  if (count_ < values_.size()) count_++;
}

void SampleRing::clear() { next_ = count_ = 0; }

float SampleRing::latest() const {
  if (count_ == 0) return 0.0f;
  return values_[(next_ + values_.size() - 1) % values_.size()];
}

TelemetryHistory::TelemetryHistory(int num_joints)
    : torque_(num_joints, SampleRing(kCapacity)),
      velocity_(num_joints, SampleRing(kCapacity)),
      body_speed_(kCapacity),
      body_climb_(kCapacity),
      body_height_(kCapacity) {
  err_bit_seen_at_.fill(-1.0);
}

void TelemetryHistory::clear() {
  for (auto& ring : torque_) ring.clear();
  for (auto& ring : velocity_) ring.clear();
  body_speed_.clear();
  body_climb_.clear();
  body_height_.clear();
  err_bit_seen_at_.fill(-1.0);
}

void TelemetryHistory::observe(const Match& match) {
  // Protections ran in this tick at the time before it.
  for (int bit = 0; bit < 16; ++bit)
    if (match.err_flag() & (1 << bit)) err_bit_seen_at_[bit] = match.time() - match.world().robot().control_period;
  if (match.ticks() % kTicksPerSample != 0) return;
  for (size_t i = 0; i < torque_.size(); ++i) {
    torque_[i].push(static_cast<float>(match.joint_torque()[i]));
    velocity_[i].push(match.robot_data().qd[i]);
  }
  // A free joint's linear velocity is in the world frame.
  const mjtNum* v = match.data()->qvel + match.world().base_dof_adr();
  body_speed_.push(static_cast<float>(std::hypot(v[0], v[1])));
  body_climb_.push(static_cast<float>(v[2]));
  body_height_.push(static_cast<float>(match.data()->qpos[match.world().base_qpos_adr() + 2]));
}

}  // namespace simarena::gui
