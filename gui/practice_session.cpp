#include "practice_session.h"

#include <cmath>
#include <exception>

namespace simarena::gui {

PracticeSession::PracticeSession(std::shared_ptr<const World> world, std::optional<TrackWithRules> course,
                                 std::string controller_path, std::string params, PluginLoader load)
    : world_(std::move(world)),
      course_(std::move(course)),
      controller_path_(std::move(controller_path)),
      load_plugin_(std::move(load)),
      params_(std::move(params)),
      initial_pose_(mj_makeData(world_->model())),
      history_(world_->robot().num_joints()) {
  world_->reset(initial_pose_.get());
  start(make_controller());
}

PracticeSession::PracticeSession(std::shared_ptr<const World> world, std::optional<TrackWithRules> course,
                                 std::string name, ControllerFactory make, std::function<void(const Match&)> on_match)
    : world_(std::move(world)),
      course_(std::move(course)),
      controller_path_(std::move(name)),
      make_controller_(std::move(make)),
      on_match_(std::move(on_match)),
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
  match_ = std::make_unique<Match>(world_, std::move(controller));
  if (on_match_) on_match_(*match_);
  if (!course_) return;
  referee_ = std::make_unique<TrackReferee>(course_->track, course_->rules);
  referee_->start(*match_);
}

const mjData* PracticeSession::display_state() const { return match_ ? match_->data() : initial_pose_.get(); }

void PracticeSession::tick() {
  if (!match_ || run_over()) return;
  if (referee_) referee_->before_tick(*match_);
  match_->tick();
  if (referee_) referee_->after_tick(*match_);
  history_.observe(*match_);
  move_ghost();
}

void PracticeSession::advance_to(double t) {
  const auto ticks = static_cast<uint64_t>(std::llround(t / world_->robot().control_period));
  while (match_ && !run_over() && match_->ticks() < ticks) tick();
}

bool PracticeSession::restart(const std::string& params) {
  params_ = params;
  history_.clear();
  referee_.reset();
  match_.reset();  // unloads the plugin first, so dlopen reads the file again
  move_ghost();    // back to t = 0 with the run
  try {
    start(make_controller());
    load_error_.clear();
    return true;
  } catch (const std::exception& e) {
    load_error_ = e.what();
    return false;
  }
}

bool PracticeSession::restart_with_seed(const std::string& params, uint64_t seed) {
  if (seed != seed_ && rebuild_world_) {
    try {
      match_.reset();  // the old world may go with it
      world_ = rebuild_world_(seed);
      seed_ = seed;
      initial_pose_.reset(mj_makeData(world_->model()));
      world_->reset(initial_pose_.get());
    } catch (const std::exception& e) {
      load_error_ = e.what();
      return false;
    }
  }
  return restart(params);
}

void PracticeSession::push(const std::array<double, 3>& force, double duration) {
  if (match_) match_->apply_push(force, duration);
}

}  // namespace simarena::gui
