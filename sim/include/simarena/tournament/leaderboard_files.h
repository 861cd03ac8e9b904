// A leaderboard as files a judge publishes, in the results folder:
//   leaderboard.json          everything: boards, seeds used, failed entries, missing runs
//   leaderboard.csv           the overall board (one column per track place)
//   leaderboard-<track>.csv   one row per entry and seed, in board order
//   leaderboard.html          one self-contained page (leaderboard_html.h)
// No wall-clock times: the same runs give the same files byte for byte.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "simarena/tournament/leaderboard.h"

namespace simarena {

nlohmann::json leaderboard_json(const Leaderboard& board);
std::string overall_csv(const Leaderboard& board);
std::string track_csv(const TrackBoard& board);

// Writes every file above (each via a temporary file and rename); returns
// their paths. Throws std::runtime_error naming a file it cannot write.
std::vector<std::filesystem::path> write_leaderboard_files(const Leaderboard& board,
                                                           const std::filesystem::path& results_dir);

}  // namespace simarena
