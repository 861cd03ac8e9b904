#include "leaderboard.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace simarena::gui {

Leaderboard load_leaderboard(const std::filesystem::path& folder, const std::string& track_name) {
  if (!std::filesystem::is_directory(folder))
    throw std::runtime_error(folder.string() + ": results folder not found (give a folder of *.score.json)");
  Leaderboard board;
  for (const auto& file : std::filesystem::directory_iterator(folder)) {
    const std::string name = file.path().filename().string();
    if (!name.ends_with(".score.json")) continue;
    try {
      std::ifstream in(file.path());
      const nlohmann::json sheet = nlohmann::json::parse(in);
      if (sheet.at("track").at("name").get<std::string>() != track_name) continue;
      board.entries.push_back({sheet.at("controller").at("name").get<std::string>(),
                               sheet.at("result").get<std::string>(), sheet.at("total_time_s").get<double>(),
                               sheet.at("progress_m").get<double>(),
                               sheet.at("rank_key").get<std::array<double, 3>>()});
    } catch (const std::exception&) {
      board.unreadable++;
    }
  }
  std::stable_sort(board.entries.begin(), board.entries.end(),
                   [](const auto& a, const auto& b) { return a.rank_key < b.rank_key; });
  return board;
}

int standing(const Leaderboard& board, const std::array<double, 3>& rank_key) {
  const auto after = std::upper_bound(board.entries.begin(), board.entries.end(), rank_key,
                                      [](const auto& key, const LeaderboardEntry& e) { return key < e.rank_key; });
  return static_cast<int>(after - board.entries.begin()) + 1;
}

}  // namespace simarena::gui
