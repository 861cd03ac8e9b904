#include "simarena/replay/replay_format.h"

#include <xxhash.h>

namespace simarena::replay {
namespace {
constexpr uint8_t kPushFlag = 0x80;  // in a tick record's outcome byte: a push follows the command
}  // namespace

const char* record_name(RecordType type) {
  switch (type) {
    case RecordType::header:
      return "header";
    case RecordType::tick:
      return "tick";
    case RecordType::keyframe:
      return "keyframe";
    case RecordType::event:
      return "event";
    case RecordType::end:
      return "end";
    case RecordType::input:
      return "input";
  }
  return "unknown";
}

uint64_t record_checksum(uint64_t previous, RecordType type, const uint8_t* payload, uint32_t size) {
  uint8_t head[kRecordHeaderSize] = {static_cast<uint8_t>(type), 0, 0, 0};
  std::memcpy(head + 4, &size, sizeof(size));
  const uint64_t h = XXH3_64bits_withSeed(head, sizeof(head), previous);
  return XXH3_64bits_withSeed(payload, size, h);
}

std::vector<uint8_t> encode_tick(const TickRecord& t, int n) {
  ByteWriter w;
  w.put(t.tick);
  w.put(static_cast<uint8_t>(static_cast<uint8_t>(t.outcome) | (t.has_push ? kPushFlag : 0)));
  if (t.outcome == TickRecord::Outcome::sent) {
    for (const float* field :
         {t.command.q_des, t.command.qd_des, t.command.kp_des, t.command.kd_des, t.command.tau_des})
      for (int i = 0; i < n; ++i) w.put(field[i]);
  }
  if (t.outcome == TickRecord::Outcome::error) w.put_string(t.message);
  if (t.has_push) {
    w.put(t.push_force);
    w.put(t.push_ticks);
  }
  w.put(t.state_hash);
  return std::move(w.bytes());
}

TickRecord decode_tick(const uint8_t* payload, size_t size, int n) {
  ByteReader r(payload, size);
  TickRecord t;
  t.tick = r.get<uint64_t>();
  const auto flags = r.get<uint8_t>();
  t.has_push = (flags & kPushFlag) != 0;
  const auto outcome = static_cast<uint8_t>(flags & ~kPushFlag);
  if (outcome > 2) throw std::runtime_error("tick record has an unknown outcome " + std::to_string(outcome));
  t.outcome = static_cast<TickRecord::Outcome>(outcome);
  if (t.outcome == TickRecord::Outcome::sent) {
    for (float* field : {t.command.q_des, t.command.qd_des, t.command.kp_des, t.command.kd_des, t.command.tau_des})
      for (int i = 0; i < n; ++i) field[i] = r.get<float>();
  }
  if (t.outcome == TickRecord::Outcome::error) t.message = r.get_string();
  if (t.has_push) {
    t.push_force = r.get<std::array<double, 3>>();
    t.push_ticks = r.get<uint64_t>();
  }
  t.state_hash = r.get<uint64_t>();
  if (!r.done()) throw std::runtime_error("tick record has trailing bytes");
  return t;
}

std::vector<uint8_t> encode_state(const MatchState& s) {
  ByteWriter w;
  w.put(s.ticks);
  w.put(s.physics_time);
  for (const auto* v : {&s.qpos, &s.qvel, &s.act, &s.qacc_warmstart, &s.sensordata, &s.xfrc_applied}) w.put_doubles(*v);
  w.put(s.joint_torque);
  w.put(s.command);
  const ProtectionsState& p = s.protections;
  w.put(p.last_frame);
  w.put(static_cast<uint8_t>(p.have_frame));
  w.put(p.last_frame_time);
  w.put(p.takeover_start);
  w.put(static_cast<uint8_t>(p.takeover));
  w.put(p.err_flag);
  w.put(p.command);
  w.put(static_cast<uint8_t>(s.first_run));
  w.put(static_cast<uint8_t>(s.controller_stopped));
  w.put(s.event_count);
  w.put(s.push_force);
  w.put(s.push_start_tick);
  w.put(s.push_end_tick);
  return std::move(w.bytes());
}

MatchState decode_state(const uint8_t* payload, size_t size) {
  ByteReader r(payload, size);
  MatchState s;
  s.ticks = r.get<uint64_t>();
  s.physics_time = r.get<double>();
  for (auto* v : {&s.qpos, &s.qvel, &s.act, &s.qacc_warmstart, &s.sensordata, &s.xfrc_applied}) *v = r.get_doubles();
  s.joint_torque = r.get<decltype(s.joint_torque)>();
  s.command = r.get<SimarenaMotorCmd>();
  ProtectionsState& p = s.protections;
  p.last_frame = r.get<SimarenaMotorCmd>();
  p.have_frame = r.get<uint8_t>() != 0;
  p.last_frame_time = r.get<double>();
  p.takeover_start = r.get<double>();
  const auto takeover = r.get<uint8_t>();
  if (takeover > 2) throw std::runtime_error("keyframe has an unknown take-over phase");
  p.takeover = static_cast<TakeoverPhase>(takeover);
  p.err_flag = r.get<int16_t>();
  p.command = r.get<decltype(p.command)>();
  s.first_run = r.get<uint8_t>() != 0;
  s.controller_stopped = r.get<uint8_t>() != 0;
  s.event_count = r.get<uint64_t>();
  s.push_force = r.get<std::array<double, 3>>();
  s.push_start_tick = r.get<uint64_t>();
  s.push_end_tick = r.get<uint64_t>();
  if (!r.done()) throw std::runtime_error("keyframe record has trailing bytes");
  return s;
}

}  // namespace simarena::replay
