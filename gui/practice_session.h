// The run the viewer shows: one Match of a plugin on a World, refereed when
// the world is a track, rebuilt on restart, plus the telemetry history for
// the plots. A plugin that fails to load leaves no match and an error to
// show, not a dead window.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "shown_run.h"
#include "simarena/match/match.h"
#include "simarena/physics/mujoco_handles.h"
#include "simarena/physics/world.h"
#include "simarena/run/run.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_referee.h"
#include "telemetry_history.h"

namespace simarena::gui {

class PracticeSession final : public ShownRun {
 public:
  // How the plugin at `path` is loaded with `params` on every (re)start:
  // in-process (load_plugin, the default) or in the sandbox (load_controller).
  using PluginLoader =
      std::function<std::unique_ptr<Controller>(const std::string& path, const RobotSpec&, const std::string& params)>;
  // `course`: the track and rules `world` was built from, for the referee.
  // Throws InputError when the plugin cannot be loaded at start-up.
  PracticeSession(std::shared_ptr<const World> world, std::optional<TrackWithRules> course, std::string controller_path,
                  std::string params, PluginLoader load = {});
  // A controller that is not a plugin (the LCM bridge): `make` builds it for
  // the world on every (re)start.
  using ControllerFactory = std::function<std::unique_ptr<Controller>(const World&)>;
  PracticeSession(std::shared_ptr<const World> world, std::optional<TrackWithRules> course, std::string name,
                  ControllerFactory make);

  const World& world() const override { return *world_; }
  const Match* match() const override { return run_ ? &run_->match() : nullptr; }
  const mjData* display_state() const override;
  const TelemetryHistory& history() const override { return history_; }
  const std::string& controller_path() const { return controller_path_; }
  const std::string& params() const { return params_; }
  const std::string& load_error() const override { return load_error_; }
  const TrackWithRules* course() const override { return course_.get(); }
  const Referee* referee() const override { return run_ && run_->referee() ? &run_->referee()->referee() : nullptr; }
  bool run_over() const override { return run_ && run_->judged_over(); }

  // One control tick, refereed on a track (nothing without a match or
  // once the run is over).
  void tick() override;
  // Ticks forward to the tick nearest `t` (never back).
  void advance_to(double t) override;
  // Starts over at t = 0: closes the plugin, loads it again from disk (so a
  // rebuilt .so takes effect) with `params`. On failure keeps no match,
  // remembers the reason in load_error() and returns false.
  bool restart(const std::string& params);
  void restart() { restart(params_); }
  // Lets restart_with_seed() rebuild the world for another seed of the
  // track's randomized parts (rough ground, stone jitter).
  void allow_reseed(std::function<std::shared_ptr<const World>(uint64_t)> rebuild, uint64_t seed) {
    rebuild_world_ = std::move(rebuild);
    seed_ = seed;
  }
  // restart() on the world for `seed`; returns false (load_error() says why)
  // when the world or the plugin cannot be made. The new world has the same
  // structure, so renderers only need its model copied in.
  bool restart_with_seed(const std::string& params, uint64_t seed);
  uint64_t seed() const { return seed_; }
  void push(const std::array<double, 3>& force, double duration);

 private:
  void start(std::unique_ptr<Controller> controller);
  std::unique_ptr<Controller> make_controller() const;

  std::shared_ptr<const World> world_;
  std::function<std::shared_ptr<const World>(uint64_t)> rebuild_world_;
  uint64_t seed_ = 0;
  std::shared_ptr<const TrackWithRules> course_;
  std::string controller_path_;
  ControllerFactory make_controller_;
  PluginLoader load_plugin_;
  std::string params_;
  std::string load_error_;
  std::unique_ptr<Run> run_;  // the match, refereed on a track
  DataPtr initial_pose_;
  TelemetryHistory history_;
};

}  // namespace simarena::gui
