#include "leaderboard.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "simarena/base/untrusted_text.h"

namespace simarena::gui {
namespace fs = std::filesystem;

std::vector<fs::path> results_files(const fs::path& folder, const std::string& suffix) {
  std::vector<fs::path> files;
  auto collect = [&](const fs::path& dir) {
    std::error_code error;
    for (const auto& file : fs::directory_iterator(dir, error))
      if (file.is_regular_file() && file.path().filename().string().ends_with(suffix)) files.push_back(file.path());
  };
  collect(folder);
  std::error_code error;
  if (fs::is_directory(folder / "runs", error))
    for (const auto& entry : fs::directory_iterator(folder / "runs", error))
      if (entry.is_directory()) collect(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string entry_name_of(const fs::path& file) {
  const fs::path dir = file.parent_path();
  if (dir.parent_path().filename() == "runs") return untrusted_text(dir.filename().string(), 64);
  std::string name = file.filename().string();
  for (const char* suffix : {".score.json", ".replay", ".json"})
    if (name.ends_with(suffix)) {
      name.resize(name.size() - std::string(suffix).size());
      break;
    }
  return untrusted_text(name, 64);
}

Leaderboard load_leaderboard(const std::filesystem::path& folder, const std::string& track_name) {
  if (!std::filesystem::is_directory(folder))
    throw std::runtime_error(folder.string() + ": results folder not found (give a folder of *.score.json)");
  Leaderboard board;
  for (const fs::path& file : results_files(folder, ".score.json")) {
    try {
      std::ifstream in(file);
      const nlohmann::json sheet = nlohmann::json::parse(in);
      if (sheet.at("track").at("name").get<std::string>() != track_name) continue;
      board.entries.push_back({entry_name_of(file), sheet.at("result").get<std::string>(),
                               sheet.at("total_time_s").get<double>(), sheet.at("progress_m").get<double>(),
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
