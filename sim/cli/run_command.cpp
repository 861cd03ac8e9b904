#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include "commands.h"
#include "simarena/arena_mjcf.h"
#include "simarena/match.h"
#include "simarena/robot_spec.h"
#include "simarena/run_report.h"
#include "simarena/search_paths.h"
#include "simarena/world.h"

namespace simarena::cli {
namespace {

struct RunOptions {
  std::string robot = "cyberdog2";
  std::string controller = "stand";
  std::string params;
  double duration = 5.0;
  std::string out = "result.json";
  bool quiet = false;
};

class Progress {
 public:
  Progress(bool enabled, double total) : enabled_(enabled), total_(total), tty_(isatty(fileno(stderr))) {}
  void update(double t) {
    if (!enabled_) return;
    const int step = static_cast<int>(t / (tty_ ? 0.1 : 1.0));
    if (step == last_) return;
    last_ = step;
    const int percent = static_cast<int>(std::lround(100.0 * t / total_));
    if (tty_)
      std::fprintf(stderr, "\r  simulated %6.2f / %.2f s  [%3d%%]", t, total_, percent);
    else
      std::fprintf(stderr, "  simulated %6.2f / %.2f s  [%3d%%]\n", t, total_, percent);
  }
  void done() {
    if (enabled_ && tty_) std::fprintf(stderr, "\n");
  }

 private:
  bool enabled_;
  double total_;
  bool tty_;
  int last_ = -1;
};

int run(const RunOptions& opt) {
  const SearchPaths paths = default_search_paths();
  const RobotSpec robot = load_robot_spec(find_robot(opt.robot, paths));
  const std::string controller_path = find_controller(opt.controller, paths).string();
  auto world = World::build(robot, flat_arena());
  Match match(world, load_plugin(controller_path, robot, opt.params));

  if (!opt.quiet)
    std::fprintf(stderr, "simarena run: %s on %s, controller %s, %.2f s simulated\n", robot.name.c_str(),
                 world->arena_name().c_str(), match.controller_name().c_str(), opt.duration);
  const auto ticks = static_cast<uint64_t>(std::llround(opt.duration / robot.control_period));
  Progress progress(!opt.quiet, opt.duration);
  for (uint64_t i = 0; i < ticks; ++i) {
    match.tick();
    progress.update(match.time());
  }
  progress.done();

  const nlohmann::json report = run_report(match, {controller_path, opt.params, opt.duration});
  write_json_atomically(report, opt.out);

  const auto& fin = report["final"];
  const auto& pos = fin["base_position_m"];
  std::printf("controller  %s (%s)\n", match.controller_name().c_str(), controller_path.c_str());
  std::printf("simulated   %.3f s in %llu control ticks\n", match.time(),
              static_cast<unsigned long long>(match.ticks()));
  std::printf("body        x %.3f  y %.3f  height %.3f m, tilt %.1f deg -> %s\n", pos[0].get<double>(),
              pos[1].get<double>(), pos[2].get<double>(), fin["tilt_rad"].get<double>() * 57.29578,
              fin["upright"].get<bool>() ? "upright" : "NOT upright");
  std::printf("err_flag    0x%02x (start-up bit1 %s)\n", static_cast<unsigned>(match.err_flag()),
              fin["startup_err_bit_cleared"].get<bool>() ? "cleared" : "NOT cleared");
  for (const MatchEvent& e : match.events())
    if (e.type == "controller_error" || e.type == "command_rejected")
      std::printf("fault       t = %.3f s: %s\n", e.time, e.detail.c_str());
  std::printf("result      %s\n", opt.out.c_str());
  return 0;
}

}  // namespace

std::function<int()> add_run_command(CLI::App& app) {
  auto opt = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run one controller headless and write a JSON result");
  cmd->add_option("-c,--controller", opt->controller, "controller plugin: a name (e.g. stand) or the path of a .so")
      ->capture_default_str();
  cmd->add_option("-p,--params", opt->params, "controller parameter string, e.g. \"kp=80,kd=2\"");
  cmd->add_option("-r,--robot", opt->robot, "robot: a name (see 'simarena robots') or the path of a robot.yaml")
      ->capture_default_str();
  cmd->add_option("-d,--duration", opt->duration, "simulated seconds to run")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("-o,--out", opt->out, "where to write the JSON result")->capture_default_str();
  cmd->add_flag("-q,--quiet", opt->quiet, "no progress output");
  cmd->footer(
      "Controllers run in lockstep at the robot's control rate (500 Hz on CyberDog 2) over 1 ms physics.\n"
      "The run starts as the robot does in motor-control mode: err bit 0x02 set, 2.5 s of damping, then\n"
      "limp until the controller sends an all-zero frame. See docs/controller-api.md.");
  return [opt] { return run(*opt); };
}

}  // namespace simarena::cli
