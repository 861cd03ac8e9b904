// The pages a results folder publishes for each scored run, beside its
// files, so the folder is a static site a judge uploads as is:
//   runs/<entry>/<track>-<seed>.html        the HTML replay (playback/html_replay.h), verified while exporting
//   runs/<entry>/<track>-<seed>.score.html  the score sheet as a page (score_sheet_page.h)
// A tournament's worker writes them right after its run (in parallel, one
// more re-simulation of the run: what verify costs, 60-80 % of the run); publishing
// the leaderboard writes any that are missing (results from before, or a
// run whose pages failed) and links only the pages that exist.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "simarena/base/search_paths.h"
#include "simarena/tournament/leaderboard.h"

namespace simarena {

// "runs/a/t-0.replay" -> "runs/a/t-0.html"; "runs/a/t-0.score.json" -> "runs/a/t-0.score.html".
std::string html_replay_file(const std::string& replay);
std::string score_page_file(const std::string& score_sheet);

// Writes both pages of one run (paths relative to `results_dir`); throws
// InputError or std::runtime_error naming the file that failed.
void write_run_pages(const std::filesystem::path& results_dir, const std::string& entry, const std::string& replay,
                     const std::string& score_sheet, const SearchPaths& paths);

// Writes the pages missing for the board's scored runs (unless
// `write_missing` is false: a tournament run with --no-html-pages) and sets
// each run's `html_replay` and `score_page` to the pages that exist. Returns
// one line per run whose pages could not be written (the board then does
// not link them); never throws for a run.
std::vector<std::string> publish_run_pages(Leaderboard& board, const std::filesystem::path& results_dir,
                                           const SearchPaths& paths, bool write_missing = true);

}  // namespace simarena
