// One headless run from names to results: build the world, load the
// controller, run the match in lockstep, record the replay, summarise. The
// CLI, tournaments and benchmarks all run matches through here.
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
#include "simarena/match/match_observer.h"
#include "simarena/physics/world.h"
#include "simarena/replay/replay_inputs.h"

namespace simarena {

class MatchRecorder;

struct RunRequest {
  std::string robot = "cyberdog2";       // name or path of a robot.yaml
  std::string controller = "stand";      // name or path of a plugin .so
  std::string params;                    // controller parameter string
  std::string arena = "flat";            // the arena the world is built on
  uint64_t seed = 0;                     // for randomised arenas
  double duration = 5.0;                 // simulated seconds
  std::filesystem::path replay;          // where to write the replay; empty: none
  std::optional<SandboxLimits> sandbox;  // run the controller in the sandboxed host; empty: in-process

  // A controller that is not a plugin (the LCM bridge): made for the world,
  // then told about the match before its first tick. `controller` then only
  // names it in results and replays.
  std::function<std::unique_ptr<Controller>(const World&)> make_controller;
  std::function<void(const Match&)> on_match_created;
  std::function<void(const Match&)> on_match_finished;      // before the match is destroyed
  std::function<void(MatchRecorder&)> on_recorder_created;  // the replay being written, when there is one
};

// Called with the simulated time after each simulated second (and at the end).
using ProgressFn = std::function<void(double time, double total)>;

// The world for a robot on an arena. Throws InputError for unknown names.
std::shared_ptr<const World> build_world(const std::string& robot, const std::string& arena, uint64_t seed,
                                         const SearchPaths& paths);

// Runs the request and returns the result JSON (run_report plus replay path).
// An `observer` (the referee on a track) watches every tick and may end the
// run early when done(); stop() is called if the duration ends first.
nlohmann::json run_match(const RunRequest& request, const SearchPaths& paths, const ProgressFn& progress,
                         MatchObserver* observer = nullptr);

// The replay header for a run: versions, content hashes, controller identity,
// the list of input files the replay carries.
nlohmann::json replay_header(const World& world, const RunRequest& request, const std::string& controller_path,
                             const std::string& controller_name, const std::vector<ReplayInput>& inputs);

}  // namespace simarena
