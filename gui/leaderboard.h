// Earlier runs on a track, from the score sheets (*.score.json) that
// `simarena run --track` writes, or a tournament's results folder, ranked by
// the rank key they carry.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace simarena::gui {

struct LeaderboardEntry {
  std::string entry;   // who ran it (entry_name_of), cleaned for display
  std::string result;  // finished, timeout, disqualified, stopped
  double total_time = 0;
  double progress = 0;
  std::array<double, 3> rank_key{};
};

struct Leaderboard {
  std::vector<LeaderboardEntry> entries;  // best first
  int unreadable = 0;                     // score sheets that could not be parsed
};

// The files of a results folder whose names end with `suffix`, sorted: those
// directly in it (simarena run --out), and a tournament's, under
// runs/<entry>/ (docs/judging.md).
std::vector<std::filesystem::path> results_files(const std::filesystem::path& folder, const std::string& suffix);
// Who ran a result file: in a tournament, its entry (the folder under
// runs/); else the file's name without its extensions ("sprint-fast" for
// sprint-fast.score.json), as the judge named the run's --out.
std::string entry_name_of(const std::filesystem::path& file);

// Score sheets in `folder` (results_files) whose track name is `track_name`.
// Throws std::runtime_error when `folder` is not a directory.
Leaderboard load_leaderboard(const std::filesystem::path& folder, const std::string& track_name);

// The 1-based place a run with `rank_key` takes among the entries (ties
// go after the earlier runs).
int standing(const Leaderboard& board, const std::array<double, 3>& rank_key);

}  // namespace simarena::gui
