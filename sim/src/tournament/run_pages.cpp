#include "simarena/tournament/run_pages.h"

#include <fstream>

#include "simarena/base/input_error.h"
#include "simarena/base/json_file.h"
#include "simarena/playback/html_replay.h"
#include "simarena/replay/replay_reader.h"
#include "simarena/tournament/score_sheet_page.h"

namespace simarena {
namespace {

std::string with_suffix_replaced(const std::string& file, const std::string& suffix, const std::string& by) {
  if (file.size() >= suffix.size() && file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0)
    return file.substr(0, file.size() - suffix.size()) + by;
  return file + by;
}

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

}  // namespace

std::string html_replay_file(const std::string& replay) { return with_suffix_replaced(replay, ".replay", ".html"); }

std::string score_page_file(const std::string& score_sheet) {
  return with_suffix_replaced(score_sheet, ".score.json", ".score.html");
}

void write_run_pages(const std::filesystem::path& results_dir, const std::string& entry, const std::string& replay,
                     const std::string& score_sheet, const SearchPaths& paths) {
  const Replay recorded = read_replay(results_dir / replay);
  write_html_replay(recorded, paths, results_dir / html_replay_file(replay));
  const std::filesystem::path sheet_file = results_dir / score_sheet;
  std::ifstream in(sheet_file);
  const nlohmann::json sheet = nlohmann::json::parse(in, nullptr, false);
  if (!in || sheet.is_discarded() || !sheet.is_object())
    throw InputError(sheet_file.string(), "not a score sheet (JSON object); the run's files were modified");
  const std::vector<std::pair<std::string, std::string>> links = {
      {"watch the run (HTML replay)", file_name(html_replay_file(replay))},
      {"score sheet (JSON)", file_name(score_sheet)},
      {"replay file (simarena verify)", file_name(replay)}};
  write_text_atomically(score_sheet_page(sheet, entry, links), results_dir / score_page_file(score_sheet));
}

std::vector<std::string> publish_run_pages(Leaderboard& board, const std::filesystem::path& results_dir,
                                           const SearchPaths& paths, bool write_missing) {
  std::vector<std::string> problems;
  for (TrackBoard& track : board.tracks)
    for (LeaderboardRow& row : track.rows)
      for (LeaderboardRun& run : row.runs) {
        if (!run.scored || run.replay.empty() || run.score_sheet.empty()) continue;
        const std::string page = html_replay_file(run.replay), sheet_page = score_page_file(run.score_sheet);
        if (write_missing &&
            (!std::filesystem::exists(results_dir / page) || !std::filesystem::exists(results_dir / sheet_page))) {
          try {
            write_run_pages(results_dir, row.entry, run.replay, run.score_sheet, paths);
          } catch (const std::exception& e) {
            problems.push_back(run.replay + ": no pages: " + e.what());
          }
        }
        if (std::filesystem::exists(results_dir / page)) run.html_replay = page;
        if (std::filesystem::exists(results_dir / sheet_page)) run.score_page = sheet_page;
      }
  return problems;
}

}  // namespace simarena
