#include "simarena/run/run_session.h"

#include <chrono>
#include <cmath>

#include "simarena/base/content_hash.h"
#include "simarena/base/input_error.h"
#include "simarena/base/untrusted_text.h"
#include "simarena/control/high_level_controller.h"
#include "simarena/match/match.h"
#include "simarena/replay/replay_writer.h"
#include "simarena/run/run_report.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_mjcf.h"

namespace simarena {

std::shared_ptr<const World> build_world(const std::string& robot_name, const TrackWithRules* course, uint64_t seed,
                                         const SearchPaths& paths) {
  const RobotSpec robot = load_robot_spec(find_robot(robot_name, paths));
  return World::build(robot, course ? track_arena(course->track, seed) : flat_arena());
}

nlohmann::json replay_header(const World& world, const RunRequest& request, const std::string& controller_path,
                             const std::string& controller_name, const std::vector<ReplayInput>& inputs) {
  const RobotSpec& robot = world.robot();
  return nlohmann::json{
      {"format", "simarena replay"},
      {"format_version", replay::kFormatVersion},
      {"build", build_id()},
      {"robot",
       {{"name", robot.name}, {"yaml_hash", hash_file(robot.file)}, {"mjcf_hash", hash_file(robot.mjcf_path)}}},
      {"arena", {{"name", request.track}, {"seed", request.seed}}},
      {"world_hash", hash_text(world.world_xml())},
      {"controller",
       {{"name", controller_name},
        {"file", std::filesystem::path(controller_path).filename().string()},
        {"hash", std::filesystem::is_regular_file(controller_path) ? hash_file(controller_path) : "not a file"},
        {"params", request.params}}},
      {"num_joints", robot.num_joints()},
      {"control_period_s", robot.control_period},
      {"physics_timestep_s", robot.physics_timestep},
      {"requested_duration_s", request.duration},
      {"keyframe_every_ticks", MatchRecorder::kKeyframeEvery},
      {"inputs", describe_replay_inputs(inputs)},
  };
}

void check_interface_allowed(CommandLevel interface, const RuleSet& rules) {
  const bool high = interface == CommandLevel::high_level;
  if (high ? rules.interfaces.high_level : rules.interfaces.motor) return;
  if (high)
    throw InputError(rules.file.string(),
                     tr_noop("rule set '%s' does not allow controllers that drive the robot through the high-level "
                             "locomotion API (simarena.high_level); its 'interfaces' allow only 'motor': enter a "
                             "controller of that kind, or choose another event"),
                     rules.name);
  throw InputError(rules.file.string(),
                   tr_noop("rule set '%s' does not allow controllers that drive the robot with joint commands "
                           "(MotorCmd); its 'interfaces' allow only 'high_level': enter a controller of that kind, or "
                           "choose another event"),
                   rules.name);
}

RunResult run_match(const RunRequest& request, const SearchPaths& paths, const ProgressFn& progress) {
  // Wall-clock times are reported for people and benchmarks; nothing scored reads them.
  const auto setup_start = std::chrono::steady_clock::now();
  std::shared_ptr<const TrackWithRules> course = request.course;
  if (!course && request.track != kFlatArena)
    course = std::make_shared<const TrackWithRules>(load_track_with_rules(request.track, paths));
  auto world = build_world(request.robot, course.get(), request.seed, paths);
  const RobotSpec& robot = world->robot();
  const SandboxController* sandboxed = nullptr;
  std::string controller_path = request.controller;
  std::unique_ptr<Controller> controller;
  if (request.make_controller) {
    controller = request.make_controller(*world);
  } else {
    controller_path = find_controller(request.controller, paths).string();
    controller = load_controller(controller_path, robot, request.params, request.sandbox, &sandboxed);
  }
  const CommandLevel interface = controller->command_level();
  if (course) check_interface_allowed(interface, course->rules);
  controller = with_motion_controller(std::move(controller), robot);
  Run run(world, course, std::move(controller));
  const Match& match = run.match();
  if (!request.replay.empty()) {
    // The replay carries the robot and track files: it verifies without them.
    const std::vector<ReplayInput> inputs = collect_replay_inputs(robot, request.track, paths);
    // The name is the controller's text: plain before it is written (every controller host should have made it so).
    nlohmann::json header =
        replay_header(*world, request, controller_path, untrusted_text(match.controller_name()), inputs);
    header["controller"]["interface"] = command_level_name(interface);
    run.record(request.replay, header, inputs);
  }
  if (request.on_run_created) request.on_run_created(run);

  const auto ticks = static_cast<uint64_t>(std::llround(request.duration / robot.control_period));
  const auto ticks_per_second = static_cast<uint64_t>(std::llround(1.0 / robot.control_period));
  const auto loop_start = std::chrono::steady_clock::now();
  for (uint64_t i = 0; i < ticks; ++i) {
    run.tick();
    const bool last = i + 1 == ticks || run.judged_over();
    if (progress && (match.ticks() % ticks_per_second == 0 || last)) progress(match.time(), request.duration);
    if (last) break;
  }
  run.stop();

  const auto loop_end = std::chrono::steady_clock::now();
  if (request.on_run_finished) request.on_run_finished(run);
  RunResult out;
  out.robot = robot.name;
  out.robot_file = robot.file;
  out.controller_name = untrusted_text(match.controller_name());
  out.controller_path = controller_path;
  out.interface = interface;
  out.final = final_state(match);
  out.events = match.events();
  out.stats = match.controller_stats();
  if (sandboxed) out.sandbox_fault = sandboxed->fault();
  if (const TrackReferee* referee = run.referee()) out.referee = referee->referee();
  nlohmann::json& result = out.report;
  result = run_report(match, {controller_path, request.params, request.duration});
  const double loop_s = std::chrono::duration<double>(loop_end - loop_start).count();
  result["wall_clock"] = {{"setup_s", std::chrono::duration<double>(loop_start - setup_start).count()},
                          {"loop_s", loop_s},
                          {"realtime_factor", loop_s > 0 ? match.time() / loop_s : 0.0},
                          {"note", "informational, never scored"}};
  result["interface"] = command_level_name(interface);
  result["arena"] = request.track;
  result["seed"] = request.seed;
  result["sandbox"] = sandboxed ? sandboxed->report() : nlohmann::json{{"enabled", false}};
  if (run.recorder()) {
    out.final_state_hash = run.finish_replay(result["final"]);
    out.replay = request.replay;
    result["replay"] = request.replay.string();
    result["final_state_hash"] = out.final_state_hash;
  }
  return out;
}

}  // namespace simarena
