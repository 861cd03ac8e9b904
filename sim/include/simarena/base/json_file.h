// Result files are replaced whole: a reader (a judge's script, the
// leaderboard) never sees a half-written one.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string_view>

namespace simarena {

// Writes `json` to `path` via a temporary file and rename. Invalid UTF-8 in
// strings is replaced, never thrown on. Throws std::runtime_error on I/O
// failure, naming the file.
// Writes `text` to `path` via a temporary file and rename. Throws
// std::runtime_error on I/O failure, naming the file.
void write_text_atomically(std::string_view text, const std::filesystem::path& path);

void write_json_atomically(const nlohmann::json& json, const std::filesystem::path& path);

}  // namespace simarena
