#include "simarena/replay/replay_reader.h"

#include <fstream>
#include <sstream>

#include "simarena/base/input_error.h"
#include "simarena/base/untrusted_text.h"

namespace simarena {

using replay::RecordType;

Replay read_replay(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), tr_noop("cannot open replay"));
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());

  Replay replay;
  replay.path = path;
  if (bytes.size() < sizeof(replay::kMagic) || std::memcmp(data, replay::kMagic, sizeof(replay::kMagic)) != 0)
    throw InputError(path.string(), tr_noop("not a simarena replay (no SIMARENA-REPLAY signature at the start)"));

  size_t at = sizeof(replay::kMagic);
  uint64_t chain = 0;
  size_t index = 0;
  auto damaged = [&](const std::string& message) { replay.damage = ReplayDamage{at, index, message}; };
  while (at < bytes.size()) {
    if (bytes.size() - at < replay::kRecordHeaderSize) {
      replay.truncated = true;
      break;
    }
    const auto type = static_cast<RecordType>(data[at]);
    uint32_t size = 0;
    std::memcpy(&size, data + at + 4, sizeof(size));
    const size_t total = replay::kRecordHeaderSize + size + replay::kChecksumSize;
    if (bytes.size() - at < total) {
      replay.truncated = true;
      break;
    }
    const uint8_t* payload = data + at + replay::kRecordHeaderSize;
    uint64_t stored = 0;
    std::memcpy(&stored, payload + size, sizeof(stored));
    const uint64_t expected = replay::record_checksum(chain, type, payload, size);
    const std::string what = std::string(replay::record_name(type)) + " record #" + std::to_string(index);
    if (stored != expected || data[at + 1] != 0 || data[at + 2] != 0 || data[at + 3] != 0) {
      damaged(what + ": checksum mismatch: the file was modified or damaged in this record");
      break;
    }
    try {
      const std::string text(reinterpret_cast<const char*>(payload), size);
      if (index == 0 && type != RecordType::header) throw std::runtime_error("the first record must be the header");
      switch (type) {
        case RecordType::header:
          if (index != 0) throw std::runtime_error("a second header");
          replay.header = nlohmann::json::parse(text);
          break;
        case RecordType::input:
          if (index != replay.inputs.size() + 1) throw std::runtime_error("input records must follow the header");
          replay.inputs.push_back(decode_replay_input(payload, size));
          break;
        case RecordType::tick:
          replay.ticks.push_back(replay::decode_tick(payload, size, replay.num_joints()));
          break;
        case RecordType::keyframe: {
          MatchState state = replay::decode_state(payload, size);
          replay.keyframes.emplace(state.ticks, std::move(state));
          break;
        }
        case RecordType::event: {
          const auto e = nlohmann::json::parse(text);
          const std::string type = e.at("type").get<std::string>();
          auto event = match_event_from_record(e.at("t").get<double>(), type, e.at("detail").get<std::string>());
          if (!event) throw std::runtime_error("unknown event type '" + untrusted_text(type, 64) + "'");
          replay.events.push_back(std::move(*event));
          break;
        }
        case RecordType::end:
          replay.end = nlohmann::json::parse(text);
          break;
        default:
          throw std::runtime_error("unknown record type " + std::to_string(static_cast<int>(type)));
      }
    } catch (const std::exception& e) {
      damaged(what + ": " + e.what());
      break;
    }
    chain = stored;
    at += total;
    ++index;
  }
  if (index == 0 && !replay.damage) throw InputError(path.string(), tr_noop("replay has no header record"));
  return replay;
}

}  // namespace simarena
