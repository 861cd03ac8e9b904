// One headless run from names to results: build the world, load the
// controller, drive a Run in lockstep, record the replay, summarise. The
// CLI, tournaments, the LCM bridge and benchmarks all run matches here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "simarena/base/search_paths.h"
#include "simarena/control/sandbox_controller.h"
#include "simarena/match/match.h"
#include "simarena/physics/world.h"
#include "simarena/replay/replay_inputs.h"
#include "simarena/run/run.h"
#include "simarena/run/run_report.h"
#include "simarena/track/referee.h"
#include "simarena/track/score_sheet.h"
#include "simarena/track/track_catalog.h"

namespace simarena {

struct RunRequest {
  std::string robot = "cyberdog2";   // name or path of a robot.yaml
  std::string controller = "stand";  // name or path of a plugin .so
  std::string params;                // controller parameter string
  // The track as the user named it (a name in arenas/ or a path), for the
  // result and the replay; "flat": the practice floor, no referee.
  std::string track = kFlatArena;
  // The track, loaded once by the caller; null: run_match loads `track`.
  std::shared_ptr<const TrackWithRules> course;
  uint64_t seed = 0;                     // for randomised tracks
  double duration = 5.0;                 // simulated seconds; the referee may end the run earlier
  std::filesystem::path replay;          // where to write the replay; empty: none
  std::optional<SandboxLimits> sandbox;  // run the controller in the sandboxed host; empty: in-process

  // A controller that is not a plugin (the LCM bridge): made for the world.
  // `controller` then only names it in results and replays.
  std::function<std::unique_ptr<Controller>(const World&)> make_controller;
  std::function<void(Run&)> on_run_created;         // before the first tick
  std::function<void(const Run&)> on_run_finished;  // after the last tick, before the run is destroyed
};

// What a run gave, typed for the front ends; `report` is the result file's
// content, written from the same run by the one writer (run_report.h).
struct RunResult {
  std::string robot;  // its name
  std::filesystem::path robot_file;
  std::string controller_name;                   // as the controller gave it, cleaned (untrusted_text)
  std::string controller_path;                   // the plugin file, or the request's name for a non-plugin controller
  CommandLevel interface = CommandLevel::motor;  // how the controller drove the robot
  FinalState final;
  std::vector<MatchEvent> events;
  ControllerStats stats;
  std::string sandbox_fault;       // the sandbox's plain-words fault that stopped the controller, or empty
  std::optional<Referee> referee;  // on a track: the referee's decisions
  std::filesystem::path replay;    // empty: none written
  std::string final_state_hash;    // of the replay, 16 hex digits; empty without a replay
  nlohmann::json report;
};

// Called with the simulated time after each simulated second (and at the end).
using ProgressFn = std::function<void(double time, double total)>;

// The world for a robot on the flat floor (course null) or a loaded track.
// Throws InputError for an unknown robot.
std::shared_ptr<const World> build_world(const std::string& robot, const TrackWithRules* course, uint64_t seed,
                                         const SearchPaths& paths);

// Who ran, for a score sheet.
inline ScoreSheetInfo score_sheet_info(const RunResult& run, const std::string& params, uint64_t seed) {
  return {run.robot, run.controller_name, run.controller_path, params, seed, command_level_name(run.interface)};
}

// Throws InputError naming the rule file when its event does not allow
// controllers that drive the robot through `interface`.
void check_interface_allowed(CommandLevel interface, const RuleSet& rules);

// Runs the request through a Run. On a track the referee may end the run
// before the duration; if the duration ends first, the referee records a stop.
RunResult run_match(const RunRequest& request, const SearchPaths& paths, const ProgressFn& progress = {});

// The replay header for a run: versions, content hashes, controller identity,
// the list of input files the replay carries.
nlohmann::json replay_header(const World& world, const RunRequest& request, const std::string& controller_path,
                             const std::string& controller_name, const std::vector<ReplayInput>& inputs);

}  // namespace simarena
