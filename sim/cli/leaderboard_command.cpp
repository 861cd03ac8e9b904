#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "commands.h"
#include "option_checks.h"
#include "simarena/tournament/leaderboard.h"
#include "simarena/tournament/leaderboard_files.h"
#include "simarena/tournament/run_pages.h"
#include "simarena/tournament/tournament_run_log.h"

namespace simarena::cli {
namespace {

void print_run(const LeaderboardRun& run) {
  if (!run.scored) {
    std::printf("  %-12s  %s", run.result.c_str(), run.reason.c_str());
    return;
  }
  if (run.result == "finished")
    std::printf("  %-12s  %8.3f s, %.1f s of penalties", run.result.c_str(), run.total_time, run.penalty);
  else
    std::printf("  %-12s  %6.2f m in %.3f s", run.result.c_str(), run.progress, run.total_time);
  if (!run.fault.empty()) std::printf("  fault: %s", run.fault.c_str());
}

void print_boards(const Leaderboard& board) {
  std::printf("overall\n");
  for (const LeaderboardRow& row : board.overall) {
    std::printf("  %3d  %-20s  %4d points  (track places", row.place, row.entry.c_str(), row.points);
    for (int p : row.track_places) std::printf(" %d", p);
    std::printf(")\n");
  }
  for (const TrackBoard& track : board.tracks) {
    std::printf("track %s, seeds", track.track.c_str());
    for (uint64_t seed : track.seeds) std::printf(" %llu", static_cast<unsigned long long>(seed));
    std::printf("\n");
    for (const LeaderboardRow& row : track.rows) {
      std::printf("  %3d  %-20s  %4d", row.place, row.entry.c_str(), row.points);
      for (const LeaderboardRun& run : row.runs) print_run(run);
      std::printf("\n");
    }
  }
  if (!board.failed.empty()) std::printf("failed entries\n");
  for (const FailedEntry& entry : board.failed)
    for (const EntryFault& f : entry.faults)
      std::printf("  %s: %s seed %llu: %s\n", entry.entry.c_str(), f.track.c_str(),
                  static_cast<unsigned long long>(f.seed), f.reason.c_str());
}

}  // namespace

int publish_leaderboard(const std::filesystem::path& results_dir, const char* command) {
  const std::filesystem::path plan_file = results_dir / "plan.jsonl";
  const std::vector<TournamentJob> plan =
      std::filesystem::exists(plan_file) ? read_plan(plan_file) : std::vector<TournamentJob>{};
  const RunLog log = read_run_log(results_dir / "runs.jsonl");
  if (plan.empty() && log.lines.empty())
    throw std::runtime_error(results_dir.string() + ": no plan.jsonl and no runs.jsonl: not a tournament's results");
  if (log.damaged > 0)
    std::fprintf(stderr, "simarena %s: warning: %d damaged line(s) in runs.jsonl ignored (torn by a power loss?)\n",
                 command, log.damaged);
  Leaderboard board = make_leaderboard(plan, log);
  // Pages unless the tournament was planned without them (--no-html-pages).
  const bool pages = plan.empty() || std::any_of(plan.begin(), plan.end(),
                                                 [](const TournamentJob& job) { return job.settings.html_pages; });
  for (const std::string& problem : publish_run_pages(board, results_dir, default_search_paths(), pages))
    std::fprintf(stderr, "simarena %s: warning: %s\n", command, problem.c_str());
  const auto written = write_leaderboard_files(board, results_dir);
  print_boards(board);
  std::printf("runs        %d of %d recorded\n", board.recorded, board.planned);
  if (!board.missing.empty()) {
    std::printf("missing     %zu run(s), e.g. %s: run the tournament command again to finish them\n",
                board.missing.size(), board.missing.front().c_str());
    std::string indexes;
    for (size_t i = 0; i < plan.size(); ++i)
      if (std::find(board.missing.begin(), board.missing.end(), plan[i].id) != board.missing.end())
        indexes += (indexes.empty() ? "" : ",") + std::to_string(i);
    if (!indexes.empty())
      std::printf("            or on Slurm: sbatch --array=%s scripts/slurm-tournament.sh\n", indexes.c_str());
  }
  for (const auto& path : written) std::printf("written     %s\n", path.c_str());
  return board.missing.empty() ? 0 : 3;
}

std::function<int()> add_leaderboard_command(CLI::App& app) {
  auto results = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "leaderboard", "Merge a tournament's runs.jsonl into leaderboards (CSV, JSON, HTML) in its results folder");
  cmd->add_option("results", *results, "the tournament's results folder (holding plan.jsonl and runs.jsonl)")
      ->required()
      ->check(existing_path("the results folder of a tournament (--out)", true));
  cmd->footer(
      "Exit status: 0 every planned run is recorded; 3 some are missing (the boards are written, marked\n"
      "incomplete); 1 error. Ranking: docs/judging.md.");
  return [results] { return publish_leaderboard(*results, "leaderboard"); };
}

}  // namespace simarena::cli
