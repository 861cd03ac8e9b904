// One run of a tournament, as a worker process or a cluster job runs it:
// the entry's plugin (sandboxed unless the plan says otherwise) on one track
// and seed, refereed, with its replay, score sheet, events log and result
// written under the results folder, and the line runs.jsonl records for it.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "simarena/base/search_paths.h"
#include "simarena/run/run_session.h"
#include "simarena/tournament/tournament_plan.h"

namespace simarena {

// Runs `job` and returns its runs.jsonl line: status "scored" with the score,
// or "not_run" with the reason when the entry cannot run (its folder's
// problem, a plugin that does not load or refuses to start) or anything else
// made the run fail (no entry stops a tournament: the failure is this run's
// record). Faults of the controller during the run are part of a scored run
// ("fault"). Every text in the line is plain UTF-8 (untrusted_text), and its
// paths are relative to the results folder. Does not throw for the run.
nlohmann::json run_tournament_job(const TournamentJob& job, const std::filesystem::path& results_dir,
                                  const SearchPaths& paths);

// The line of a run that could not run, e.g. because its process died; the
// reason may quote what the controller wrote: it is made plain and short.
nlohmann::json not_run_line(const TournamentJob& job, const std::string& reason);

// The fault that stopped or marred a run's controller, in plain words with
// its simulated time ("controller crashed with SIGSEGV (Segmentation fault)
// at t = 0.020 s"), from the run's events and sandbox; empty when there was none.
std::string controller_fault(const RunResult& run);

}  // namespace simarena
