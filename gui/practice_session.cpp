#include "practice_session.h"

#include <cmath>
#include <exception>

#include "simarena/base/input_error.h"
#include "simarena/control/high_level_controller.h"

namespace simarena::gui {

PracticeSession::PracticeSession(std::shared_ptr<const World> world, std::optional<TrackWithRules> course,
                                 std::string controller_path, std::string params, PluginLoader load)
    : world_(std::move(world)),
      course_(course ? std::make_shared<const TrackWithRules>(std::move(*course)) : nullptr),
      controller_path_(std::move(controller_path)),
      load_plugin_(std::move(load)),
      params_(std::move(params)),
      initial_pose_(mj_makeData(world_->model())),
      history_(world_->robot().num_joints()) {
  world_->reset(initial_pose_.get());
  start(make_controller());
}

PracticeSession::PracticeSession(std::shared_ptr<const World> world, std::optional<TrackWithRules> course,
                                 std::string name, ControllerFactory make)
    : world_(std::move(world)),
      course_(course ? std::make_shared<const TrackWithRules>(std::move(*course)) : nullptr),
      controller_path_(std::move(name)),
      make_controller_(std::move(make)),
      initial_pose_(mj_makeData(world_->model())),
      history_(world_->robot().num_joints()) {
  world_->reset(initial_pose_.get());
  start(make_controller());
}

std::unique_ptr<Controller> PracticeSession::make_controller() const {
  if (make_controller_) return make_controller_(*world_);
  if (load_plugin_) return load_plugin_(controller_path_, world_->robot(), params_);
  return load_plugin(controller_path_, world_->robot(), params_);
}

void PracticeSession::start(std::unique_ptr<Controller> controller) {
  // A high-level program (the keyboard, a plugin asking for
  // simarena.high_level) runs under the robot's motion controller.
  run_ = std::make_unique<Run>(world_, course_, with_motion_controller(std::move(controller), world_->robot()));
}

const mjData* PracticeSession::display_state() const { return run_ ? run_->match().data() : initial_pose_.get(); }

void PracticeSession::tick() {
  if (!run_ || run_over()) return;
  run_->tick();
  history_.observe(run_->match());
  move_ghost();
}

void PracticeSession::advance_to(double t) {
  const auto ticks = static_cast<uint64_t>(std::llround(t / world_->robot().control_period));
  while (run_ && !run_over() && run_->match().ticks() < ticks) tick();
}

bool PracticeSession::restart(const std::string& params) {
  params_ = params;
  history_.clear();
  run_.reset();  // unloads the plugin first, so dlopen reads the file again
  move_ghost();  // back to t = 0 with the run
  try {
    start(make_controller());
    load_error_.clear();
    return true;
  } catch (const std::exception& e) {
    load_error_ = shown_error(e);
    return false;
  }
}

bool PracticeSession::restart_with_seed(const std::string& params, uint64_t seed) {
  if (seed != seed_ && rebuild_world_) {
    try {
      run_.reset();  // the old world may go with it
      world_ = rebuild_world_(seed);
      seed_ = seed;
      initial_pose_.reset(mj_makeData(world_->model()));
      world_->reset(initial_pose_.get());
    } catch (const std::exception& e) {
      load_error_ = shown_error(e);
      return false;
    }
  }
  return restart(params);
}

void PracticeSession::push(const std::array<double, 3>& force, double duration) {
  if (run_) run_->match().apply_push(force, duration);
}

}  // namespace simarena::gui
