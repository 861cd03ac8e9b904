// Reads a replay back, checking every record's chained checksum. A damaged
// or modified file is reported at the byte where it stops making sense; a
// file that simply ends early (a killed run) reads up to its last whole record.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "simarena/match/match.h"
#include "simarena/replay/replay_format.h"
#include "simarena/replay/replay_inputs.h"

namespace simarena {

struct ReplayDamage {
  size_t offset = 0;        // byte offset of the first bad record
  size_t record_index = 0;  // 0 = header
  std::string message;
};

struct Replay {
  std::filesystem::path path;
  nlohmann::json header;
  std::vector<ReplayInput> inputs;  // format 2: the files the run used
  std::vector<replay::TickRecord> ticks;
  std::map<uint64_t, MatchState> keyframes;  // by tick count at the snapshot
  std::vector<MatchEvent> events;
  std::optional<nlohmann::json> end;   // absent: the run did not finish
  std::optional<ReplayDamage> damage;  // set: the file was modified or damaged
  bool truncated = false;              // the last record was cut off (killed while writing)

  int num_joints() const { return header.value("num_joints", 0); }
};

// Throws InputError when the file cannot be read or is not a replay at all.
Replay read_replay(const std::filesystem::path& path);

}  // namespace simarena
