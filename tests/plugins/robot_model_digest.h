// A digest of every value in a SimarenaRobotModel, field by field (never
// padding bytes), so a test can tell that a plugin got exactly the model the
// host built, in process and through the sandbox.
#pragma once

#include <simarena/controller.h>

#include <cstdint>
#include <cstring>

namespace model_digest {

class Fnv1a {
 public:
  template <class T>
  void add(const T& value) {
    unsigned char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    for (const unsigned char b : bytes) hash_ = (hash_ ^ b) * 0x100000001b3ull;
  }
  template <class T, size_t N>
  void add(const T (&values)[N]) {
    for (const T& v : values) add(v);
  }
  uint64_t value() const { return hash_; }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ull;
};

inline uint64_t robot_model_digest(const SimarenaRobotModel& m) {
  Fnv1a h;
  h.add(m.num_joints);
  for (const SimarenaJointModel& j : m.joints) {
    h.add(j.range_min), h.add(j.range_max), h.add(j.torque_limit), h.add(j.full_torque_speed);
    h.add(j.zero_torque_speed), h.add(j.kp_max), h.add(j.kd_max), h.add(j.axis);
  }
  h.add(m.num_legs);
  for (const SimarenaLegModel& l : m.legs) {
    h.add(l.joints), h.add(l.abad_origin), h.add(l.hip_from_abad), h.add(l.knee_from_hip);
    h.add(l.foot_from_knee), h.add(l.foot_radius);
  }
  h.add(m.mass), h.add(m.centre_of_mass), h.add(m.inertia), h.add(m.standing_height), h.add(m.body_height_range);
  return h.value();
}

}  // namespace model_digest
