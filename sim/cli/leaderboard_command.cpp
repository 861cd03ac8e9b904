#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "commands.h"
#include "option_checks.h"
#include "simarena/base/messages.h"
#include "simarena/tournament/leaderboard.h"
#include "simarena/tournament/leaderboard_files.h"
#include "simarena/tournament/run_pages.h"
#include "simarena/tournament/tournament_run_log.h"
#include "terminal_columns.h"

namespace simarena::cli {
namespace {

// A run's result as the score sheets write it, in the language of the messages, padded to 12 columns.
std::string result_column(const std::string& result) {
  for (const char* word : {tr_noop("finished"), tr_noop("timeout"), tr_noop("disqualified"), tr_noop("stopped"),
                           tr_noop("not run"), tr_noop("missing")})
    if (result == word) return padded(tr(word), 12);
  return padded(result, 12);
}

void print_run(const LeaderboardRun& run) {
  const std::string result = result_column(run.result);
  if (!run.scored) {
    std::printf("  %s  %s", result.c_str(), run.reason.c_str());
    return;
  }
  if (run.result == "finished")
    std::printf(tr("  %s  %8.3f s, %.1f s of penalties"), result.c_str(), run.total_time, run.penalty);
  else
    std::printf(tr("  %s  %6.2f m in %.3f s"), result.c_str(), run.progress, run.total_time);
  if (!run.fault.empty()) std::printf(tr("  fault: %s"), run.fault.c_str());
}

void print_boards(const Leaderboard& board) {
  std::printf("%s\n", tr("overall"));
  for (const LeaderboardRow& row : board.overall) {
    std::printf(tr("  %3d  %s  %4d points  (track places"), row.place, padded(row.entry, 20).c_str(), row.points);
    for (int p : row.track_places) std::printf(" %d", p);
    std::printf(")\n");
  }
  for (const TrackBoard& track : board.tracks) {
    std::printf(tr("track %s, seeds"), track.track.c_str());
    for (uint64_t seed : track.seeds) std::printf(" %llu", static_cast<unsigned long long>(seed));
    std::printf("\n");
    for (const LeaderboardRow& row : track.rows) {
      std::printf("  %3d  %s  %4d", row.place, padded(row.entry, 20).c_str(), row.points);
      for (const LeaderboardRun& run : row.runs) print_run(run);
      std::printf("\n");
    }
  }
  if (!board.failed.empty()) std::printf("%s\n", tr("failed entries"));
  for (const FailedEntry& entry : board.failed)
    for (const EntryFault& f : entry.faults)
      std::printf(tr("  %s: %s seed %llu: %s\n"), entry.entry.c_str(), f.track.c_str(),
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
    std::fprintf(stderr, tr("simarena %s: warning: %d damaged line(s) in runs.jsonl ignored (torn by a power loss?)\n"),
                 command, log.damaged);
  Leaderboard board = make_leaderboard(plan, log);
  // Pages unless the tournament was planned without them (--no-html-pages).
  const bool pages = plan.empty() || std::any_of(plan.begin(), plan.end(),
                                                 [](const TournamentJob& job) { return job.settings.html_pages; });
  for (const std::string& problem : publish_run_pages(board, results_dir, default_search_paths(), pages))
    std::fprintf(stderr, "simarena %s: warning: %s\n", command, problem.c_str());
  const auto written = write_leaderboard_files(board, results_dir);
  print_boards(board);
  std::printf(tr("runs        %d of %d recorded\n"), board.recorded, board.planned);
  if (!board.missing.empty()) {
    std::printf(tr("missing     %zu run(s), e.g. %s: run the tournament command again to finish them\n"),
                board.missing.size(), board.missing.front().c_str());
    std::string indexes;
    for (size_t i = 0; i < plan.size(); ++i)
      if (std::find(board.missing.begin(), board.missing.end(), plan[i].id) != board.missing.end())
        indexes += (indexes.empty() ? "" : ",") + std::to_string(i);
    if (!indexes.empty())
      std::printf(tr("            or on Slurm: sbatch --array=%s scripts/slurm-tournament.sh\n"), indexes.c_str());
  }
  for (const auto& path : written) std::printf(tr("written     %s\n"), path.c_str());
  return board.missing.empty() ? 0 : 3;
}

std::function<int()> add_leaderboard_command(CLI::App& app) {
  auto results = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "leaderboard", "Merge a tournament's runs.jsonl into leaderboards (CSV, JSON, HTML) in its results folder");
  cmd->add_option("results", *results, "the tournament's results folder (holding plan.jsonl and runs.jsonl)")
      ->required()
      ->check(existing_path(tr("the results folder of a tournament (--out)"), true));
  cmd->footer(
      "Exit status: 0 every planned run is recorded; 3 some are missing (the boards are written, marked\n"
      "incomplete); 1 error. Ranking: docs/judging.md.");
  return [results] { return publish_leaderboard(*results, "leaderboard"); };
}

}  // namespace simarena::cli
