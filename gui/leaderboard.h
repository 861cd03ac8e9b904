// Earlier runs on a track, from the score sheets (*.score.json) that
// `simarena run --track` writes, ranked by the rank key they carry.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace simarena::gui {

struct LeaderboardEntry {
  std::string controller;
  std::string result;  // finished, timeout, disqualified, stopped
  double total_time = 0;
  double progress = 0;
  std::array<double, 3> rank_key{};
};

struct Leaderboard {
  std::vector<LeaderboardEntry> entries;  // best first
  int unreadable = 0;                     // score sheets that could not be parsed
};

// Score sheets directly in `folder` whose track name is `track_name`.
// Throws std::runtime_error when `folder` is not a directory.
Leaderboard load_leaderboard(const std::filesystem::path& folder, const std::string& track_name);

// The 1-based place a run with `rank_key` takes among the entries (ties
// go after the earlier runs).
int standing(const Leaderboard& board, const std::array<double, 3>& rank_key);

}  // namespace simarena::gui
