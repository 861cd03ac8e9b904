// A tournament's job list: one run per entry x track x seed, each a
// self-contained line (what to run, how confined, where its files go), so a
// worker process or a cluster job can run exactly one line. Written as
// <results>/plan.jsonl; its order is the job index.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "simarena/control/sandbox_settings.h"
#include "simarena/tournament/tournament_entries.h"
#include "simarena/tournament/tournament_seeds.h"

namespace simarena {

struct TournamentSettings {
  std::string robot = "cyberdog2";
  bool sandbox = true;
  SandboxSettings limits;  // recorded in every plan line
  bool html_pages = true;  // each run's HTML replay and score sheet page (run_pages.h)
};

struct TournamentJob {
  std::string id;  // "<entry>/<track>/<seed>": unique in the plan, the key of runs.jsonl
  std::string entry;
  std::string controller;  // absolute path of the .so; empty when entry_problem is set
  std::string params;
  std::string entry_problem;  // the entry cannot run: why, in words
  std::string entry_folder;   // a folder entry's folder, which its plugin may read; empty for a lone .so
  std::string track;          // as run_match and replays find it: a name, or an absolute path
  std::string track_name;     // the track's own name, for file names and boards
  uint64_t seed = 0;
  std::string seed_source;  // TournamentSeeds::source and commitment, recorded with the results
  std::string seed_commitment;
  TournamentSettings settings;
};

// Every entry on every track and seed; a track that no seed changes runs
// once, with seed 0. Tracks are names or paths (load_track_with_rules).
// Throws InputError for an unknown track or two tracks with the same name.
std::vector<TournamentJob> plan_tournament(const std::vector<TournamentEntry>& entries,
                                           const std::vector<std::string>& tracks, const TournamentSeeds& seeds,
                                           const TournamentSettings& settings);

nlohmann::json job_json(const TournamentJob& job);
TournamentJob job_from_json(const nlohmann::json& line);

// plan.jsonl: one job_json line per job. read_plan throws InputError naming
// file:line for a damaged line.
void write_plan(const std::vector<TournamentJob>& jobs, const std::filesystem::path& file);
std::vector<TournamentJob> read_plan(const std::filesystem::path& file);

// A run's files, relative to the results folder: runs/<entry>/<track>-<seed>.*
struct RunFiles {
  std::filesystem::path replay, score_sheet, events_log, result, log;
};
RunFiles run_files(const TournamentJob& job);

}  // namespace simarena
