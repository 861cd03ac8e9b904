// The replay file format (docs/replays.md). A replay is a magic string
// followed by records:
//
//   u8 type | u8[3] zero | u32 payload size | payload | u64 checksum
//
// The checksum is XXH3-64 of type, size and payload, seeded with the previous
// record's checksum: a changed, removed or reordered byte anywhere breaks the
// chain at that record. All integers and floats are little-endian IEEE.
#pragma once

#include <simarena/controller.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "simarena/match/match_state.h"

namespace simarena::replay {

inline constexpr char kMagic[16] = "SIMARENA-REPLAY";  // 15 chars + NUL
inline constexpr int kFormatVersion = 2;               // written; 2 carries its input files
inline constexpr int kOldestFormatVersion = 1;         // still read and verified (inputs found by name)
inline constexpr size_t kRecordHeaderSize = 8;
inline constexpr size_t kChecksumSize = 8;

enum class RecordType : uint8_t {
  header = 1,    // JSON: versions, content hashes, controller, timing (docs/replays.md)
  tick = 2,      // one control tick: what the controller returned, state hash after the tick
  keyframe = 3,  // full MatchState after a tick, for seeking and divergence reports
  event = 4,     // JSON: one match event {t, type, detail}
  end = 5,       // JSON: the run finished; final summary; absent when the run was killed
  input = 6,     // one input file (robot, MJCF, track, rules) right after the header (replay_inputs.h)
};

const char* record_name(RecordType type);

// What the controller returned on one tick: enough to replay the run without it.
struct TickRecord {
  enum class Outcome : uint8_t { sent = 0, skipped = 1, error = 2 };
  uint64_t tick = 0;
  Outcome outcome = Outcome::sent;
  SimarenaMotorCmd command{};  // as returned (before SDK zeroing and NaN checks)
  std::string message;         // for errors
  uint64_t state_hash = 0;     // chained state hash after this tick
  // A push applied just before this tick (an input, like the command).
  bool has_push = false;
  std::array<double, 3> push_force{};
  uint64_t push_ticks = 0;
};

// Appends plain values to a byte buffer.
class ByteWriter {
 public:
  template <class T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const uint8_t*>(&value);
    bytes_.insert(bytes_.end(), p, p + sizeof(T));
  }
  void put_doubles(const std::vector<double>& values) {
    put<uint32_t>(static_cast<uint32_t>(values.size()));
    const auto* p = reinterpret_cast<const uint8_t*>(values.data());
    bytes_.insert(bytes_.end(), p, p + values.size() * sizeof(double));
  }
  void put_string(const std::string& s) {
    put<uint32_t>(static_cast<uint32_t>(s.size()));
    bytes_.insert(bytes_.end(), s.begin(), s.end());
  }
  std::vector<uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
};

// Reads plain values from a payload; throws std::runtime_error past the end.
class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  template <class T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    need(sizeof(T));
    T value;
    std::memcpy(&value, data_ + at_, sizeof(T));
    at_ += sizeof(T);
    return value;
  }
  std::vector<double> get_doubles() {
    const uint32_t n = get<uint32_t>();
    need(size_t{n} * sizeof(double));
    std::vector<double> out(n);
    if (n > 0) std::memcpy(out.data(), data_ + at_, n * sizeof(double));  // an empty vector's data() may be null
    at_ += n * sizeof(double);
    return out;
  }
  std::string get_string() {
    const uint32_t n = get<uint32_t>();
    need(n);
    std::string out(reinterpret_cast<const char*>(data_ + at_), n);
    at_ += n;
    return out;
  }
  bool done() const { return at_ == size_; }

 private:
  void need(size_t n) const {
    if (at_ + n > size_) throw std::runtime_error("record payload is shorter than its contents");
  }
  const uint8_t* data_;
  size_t size_;
  size_t at_ = 0;
};

std::vector<uint8_t> encode_tick(const TickRecord& tick, int num_joints);
TickRecord decode_tick(const uint8_t* payload, size_t size, int num_joints);
std::vector<uint8_t> encode_state(const MatchState& state);
MatchState decode_state(const uint8_t* payload, size_t size);

// Checksum of one record, chained on the previous record's checksum.
uint64_t record_checksum(uint64_t previous, RecordType type, const uint8_t* payload, uint32_t size);

}  // namespace simarena::replay
