// The JSON result of a run: what happened, on simulated time, in a form a
// script, a judge or the scoreboard can read back.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "simarena/match/match.h"

namespace simarena {

struct RunInfo {
  std::string controller_path;
  std::string controller_params;
  double requested_duration = 0;  // s
};

nlohmann::json run_report(const Match& match, const RunInfo& info);

// Writes `json` to `path` via a temporary file and rename, so a reader never
// sees a half-written result. Throws std::runtime_error on I/O failure.
void write_json_atomically(const nlohmann::json& json, const std::filesystem::path& path);

// Body tilt from vertical, rad.
double body_tilt(const Match& match);

}  // namespace simarena
