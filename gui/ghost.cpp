#include "ghost.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "leaderboard.h"
#include "simarena/base/input_error.h"

namespace simarena::gui {
namespace fs = std::filesystem;

Ghost::Ghost(std::unique_ptr<ReplayPlayer> player, std::string label)
    : player_(std::move(player)), label_(std::move(label)) {}

const std::array<float, 4>& Ghost::rgba() const {
  // Magenta first, then colours no robot wears and the live robot (grey and orange) does not either.
  static constexpr std::array<std::array<float, 4>, 4> kPalette = {{{1.0f, 0.35f, 0.85f, 1.0f},
                                                                    {0.25f, 0.95f, 0.85f, 1.0f},
                                                                    {0.70f, 0.50f, 1.0f, 1.0f},
                                                                    {0.95f, 0.95f, 0.30f, 1.0f}}};
  return kPalette[static_cast<size_t>(colour_index_) % kPalette.size()];
}

void Ghost::follow(double t) {
  // Rounded down (with a margin for the division): never ahead of the run.
  const double ticks = std::floor(t / player_->world().robot().control_period + 1e-6);
  player_->seek(ticks <= 0 ? 0 : static_cast<uint64_t>(ticks));
}

namespace {

std::optional<nlohmann::json> read_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

// A path recorded in a result: as written, else next to the result (a
// results folder copied elsewhere).
fs::path locate(const fs::path& recorded, const fs::path& folder) {
  if (fs::exists(recorded)) return recorded;
  return folder / recorded.filename();
}

}  // namespace

fs::path best_replay(const fs::path& results, const std::string& track_name) {
  if (!fs::is_directory(results))
    throw InputError("--results " + results.string(),
                     tr_noop("results folder not found (give the folder 'simarena run' wrote)"));
  std::optional<std::array<double, 3>> best_key;
  fs::path best;
  for (const fs::path& path : results_files(results, ".json")) {
    if (path.filename().string().ends_with(".score.json")) continue;
    const auto result = read_json(path);
    if (!result || !result->is_object() || !result->contains("replay") || !result->contains("score_sheet")) continue;
    const auto sheet = read_json(locate((*result)["score_sheet"].get<std::string>(), path.parent_path()));
    if (!sheet || sheet->value("/track/name"_json_pointer, std::string()) != track_name || !sheet->contains("rank_key"))
      continue;
    const fs::path replay = locate((*result)["replay"].get<std::string>(), path.parent_path());
    const auto key = (*sheet)["rank_key"].get<std::array<double, 3>>();
    // Ties: the earlier file name, so the choice does not depend on directory order.
    if (fs::exists(replay) && (!best_key || key < *best_key || (key == *best_key && replay < best))) {
      best_key = key;
      best = replay;
    }
  }
  if (!best_key)
    throw InputError("--results " + results.string(),
                     tr_noop("no run on %1$s with a replay here (results from 'simarena run --track %1$s')"),
                     track_name);
  return best;
}

std::unique_ptr<Ghost> load_ghost(const std::string& which, const fs::path& results, const std::string& track_name,
                                  const SearchPaths& paths) {
  fs::path path = which;
  if (which == "best") {
    if (results.empty()) throw InputError("--ghost best", tr_noop("needs --results DIR to find the best run in"));
    if (track_name.empty()) throw InputError("--ghost best", tr_noop("needs a track: add --track NAME"));
    path = best_replay(results, track_name);
  }
  auto player = std::make_unique<ReplayPlayer>(read_replay(path), paths);
  const std::string ghost_track = player->course() ? player->course()->track.name : "";
  if (ghost_track != track_name)
    throw InputError(path.string(), tr_noop("this replay ran on %s, not on %s"),
                     ghost_track.empty() ? Message(tr_noop("the flat arena")) : Message(ghost_track),
                     track_name.empty() ? Message(tr_noop("the flat arena")) : Message(track_name));
  // The entry's name (a tournament's entry, or the run's file name), not the plugin's: every ghost is someone's.
  std::string label = entry_name_of(path);
  if (player->complete() && player->replay().end->contains("referee")) {
    const nlohmann::json& referee = (*player->replay().end)["referee"];
    char result[64];
    if (referee.value("result", "") == "finished")
      std::snprintf(result, sizeof(result), "  %.2f s", referee.value("total_time_s", 0.0));
    else
      std::snprintf(result, sizeof(result), "  %.1f m %s", referee.value("progress_m", 0.0),
                    referee.value("result", "").c_str());
    label += result;
  }
  return std::make_unique<Ghost>(std::move(player), std::move(label));
}

}  // namespace simarena::gui
