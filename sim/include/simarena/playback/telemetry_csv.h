// Per-tick telemetry of a replayed run as CSV, for spreadsheets and Python.
// Columns are documented in docs/replays.md.
#pragma once

#include <filesystem>

#include "simarena/base/search_paths.h"
#include "simarena/replay/replay_reader.h"

namespace simarena {

// Re-simulates `replay` from its recorded commands and writes one row per
// control tick. Returns the number of rows. Throws InputError when the world
// cannot be rebuilt and std::runtime_error on I/O errors.
uint64_t export_telemetry_csv(const Replay& replay, const SearchPaths& paths, const std::filesystem::path& out);

}  // namespace simarena
