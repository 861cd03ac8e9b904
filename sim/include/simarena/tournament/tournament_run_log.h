// runs.jsonl, a tournament's record of finished runs: one JSON object per
// line, keyed by the run's "id". A run is done exactly when its line is in
// the file. Appends are safe from many processes at once, on one machine or
// on a cluster's shared folder: each takes a POSIX write lock on the file,
// skips a run already recorded, writes the whole line with one write() in
// O_APPEND mode, and fsyncs before releasing the lock. A process killed at
// any moment leaves either the whole line or none of it.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

namespace simarena {

// Appends `line` unless a line with its id is there already; false then.
// Throws std::runtime_error naming the file on I/O errors.
bool append_run_line(const std::filesystem::path& file, const nlohmann::json& line);

struct RunLog {
  std::vector<nlohmann::json> lines;  // in file order, the first line of each id
  int damaged = 0;                    // lines that are not a JSON object with an id (a torn write: power loss)
  int repeated = 0;                   // lines whose id came before (ignored)
};

// An absent file is an empty log.
RunLog read_run_log(const std::filesystem::path& file);

}  // namespace simarena
