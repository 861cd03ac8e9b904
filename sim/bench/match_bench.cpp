// Side-by-side benchmark of a whole run against the physics limit: bare
// MuJoCo stepping the same compiled world, then the full simarena match
// in-process and sandboxed, interleaved in one process so machine noise hits
// all of them alike. Prints a table; scripts/bench runs it.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "simarena/physics/mujoco_handles.h"
#include "simarena/run/run_session.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_referee.h"

namespace {

using namespace simarena;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string robot = "cyberdog2";
  std::string track = "sprint";
  std::string controller = "trot";
  double seconds = 10;
  int repeats = 5;
  bool sandbox = true;
  bool bare_only = false;  // print bare MuJoCo's median steps/s and nothing else (for scripts)
  // A second controller measured beside `controller`, in-process, its match
  // speed given as a ratio to it (the Python stand against the C++ stand).
  std::string versus;
};

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Bare MuJoCo: mj_step on the same model with a fixed PD bias holding the
// stand pose (so contacts resemble a standing robot), no sensors read, no
// protections, no controller, no referee, no replay.
double bare_mujoco_steps_per_second(const World& world, double sim_seconds) {
  ModelPtr m(mj_copyModel(nullptr, world.model()));
  DataPtr d(mj_makeData(m.get()));
  world.reset(d.get());
  const RobotSpec& robot = world.robot();
  for (size_t i = 0; i < world.joints().size(); ++i) {
    const int a = world.joints()[i].actuator;
    const std::string& name = robot.joints[i].name;
    const double target = name.ends_with("_hip") ? 0.8 : name.ends_with("_knee") ? -1.5 : 0.0;
    mjtNum* bias = m->actuator_biasprm + mjNBIAS * a;
    bias[0] = robot.joints[i].sign * 60 * target;
    bias[1] = -60;
    bias[2] = -2;
  }
  const auto steps = static_cast<long>(std::llround(sim_seconds / robot.physics_timestep));
  const auto start = Clock::now();
  for (long i = 0; i < steps; ++i) mj_step(m.get(), d.get());
  return static_cast<double>(steps) / seconds_since(start);
}

struct MatchSpeed {
  double steps_per_second = 0;  // physics steps per second of the match loop
  double mean_step_us = 0;      // wall time per control call
};

// A full refereed run through run_match (world building excluded, it is
// measured on its own).
MatchSpeed match_speed(const Options& opt, bool sandbox, const std::filesystem::path& scratch,
                       const std::string& controller = {}) {
  const SearchPaths paths = default_search_paths();
  RunRequest request;
  request.robot = opt.robot;
  request.controller = controller.empty() ? opt.controller : controller;
  request.track = opt.track;
  request.duration = opt.seconds;
  request.replay = scratch / "bench.replay";
  if (sandbox) request.sandbox = SandboxLimits{};
  const nlohmann::json result = run_match(request, paths).report;
  const double sim_time = result["final"]["time_s"];
  const double physics_steps = sim_time / result["physics_timestep_s"].get<double>();
  return {physics_steps / result["wall_clock"]["loop_s"].get<double>(), result["controller_stats"]["mean_step_us"]};
}

// Peak resident memory of a process that runs one refereed match, in MiB.
double match_peak_memory_mib(const Options& opt, const std::filesystem::path& scratch) {
  const pid_t child = fork();
  if (child == 0) {
    Options one = opt;
    match_speed(one, false, scratch);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    _exit(static_cast<int>(std::min<long>(250, usage.ru_maxrss / 1024)));  // MiB, fits an exit code
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct Series {
  std::vector<double> values;
  double min() const { return *std::min_element(values.begin(), values.end()); }
  double max() const { return *std::max_element(values.begin(), values.end()); }
  double median() const {
    std::vector<double> v = values;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
  }
};

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  CLI::App app{"simarena match benchmark: full runs side by side with bare MuJoCo"};
  app.add_option("--robot", opt.robot)->capture_default_str();
  app.add_option("--track", opt.track)->capture_default_str();
  app.add_option("--controller", opt.controller)->capture_default_str();
  app.add_option("--seconds", opt.seconds, "simulated seconds per measurement")->capture_default_str();
  app.add_option("--repeats", opt.repeats, "interleaved repeats")->capture_default_str();
  app.add_flag("!--no-sandbox", opt.sandbox, "skip the sandboxed measurement");
  app.add_flag("--bare-only", opt.bare_only, "print only bare MuJoCo's median steps/s (used by scripts/bench-lcm)");
  app.add_option("--versus", opt.versus,
                 "a second controller measured in-process beside --controller, as a ratio of match speed");
  CLI11_PARSE(app, argc, argv);

  const std::filesystem::path scratch = std::filesystem::temp_directory_path() / "simarena_bench";
  std::filesystem::create_directories(scratch);
  const SearchPaths paths = default_search_paths();

  // Parse robot and track, assemble, compile.
  const auto load_world = [&] {
    if (opt.track == kFlatArena) return build_world(opt.robot, nullptr, 0, paths);
    const TrackWithRules course = load_track_with_rules(opt.track, paths);
    return build_world(opt.robot, &course, 0, paths);
  };
  if (opt.bare_only) {
    const auto world = load_world();
    Series bare;
    for (int r = 0; r < opt.repeats; ++r) bare.values.push_back(bare_mujoco_steps_per_second(*world, opt.seconds));
    std::printf("%.0f\n", bare.median());
    return 0;
  }

  // World load: parse robot and track, assemble, compile.
  Series load_ms;
  std::shared_ptr<const World> world;
  for (int i = 0; i < std::max(5, opt.repeats); ++i) {
    const auto start = Clock::now();
    world = load_world();
    load_ms.values.push_back(1000 * seconds_since(start));
  }

  std::map<std::string, Series> rate;           // physics steps per second
  std::map<std::string, Series> mean_step_us;   // per control call, in-process
  std::map<std::string, Series> ratio_to_bare;  // each repeat's speed over the same repeat's bare speed
  std::vector<std::string> modes = opt.sandbox ? std::vector<std::string>{"bare", "inprocess", "sandboxed"}
                                               : std::vector<std::string>{"bare", "inprocess"};
  if (!opt.versus.empty()) modes.push_back("versus");
  for (int r = 0; r < opt.repeats; ++r) {
    for (const std::string& mode : modes) {
      MatchSpeed speed;
      if (mode == "bare") speed.steps_per_second = bare_mujoco_steps_per_second(*world, opt.seconds);
      if (mode == "inprocess") speed = match_speed(opt, false, scratch);
      if (mode == "sandboxed") speed = match_speed(opt, true, scratch);
      if (mode == "versus") speed = match_speed(opt, false, scratch, opt.versus);
      const double value = speed.steps_per_second;
      mean_step_us[mode].values.push_back(speed.mean_step_us);
      rate[mode].values.push_back(value);
      // Against this repeat's bare run, measured just before: the machine's
      // speed drifts over seconds, so a ratio of neighbours is steadier than
      // a ratio of medians taken over the whole run.
      ratio_to_bare[mode].values.push_back(value / rate["bare"].values.back());
      std::fprintf(stderr, "  repeat %d/%d %-10s %9.0f steps/s\n", r + 1, opt.repeats, mode.c_str(), value);
    }
  }
  const double peak_mib = match_peak_memory_mib(opt, scratch);

  const double step = world->robot().physics_timestep;
  std::printf("simarena benchmark: %s on %s, controller %s, %.0f s simulated x %d interleaved repeats\n",
              opt.robot.c_str(), opt.track.c_str(), opt.controller.c_str(), opt.seconds, opt.repeats);
  std::printf("%-34s %12s %12s %12s %10s %12s\n", "mode", "steps/s min", "median", "max", "RTF", "x bare");
  const std::map<std::string, std::string> labels = {
      {"bare", "bare MuJoCo (mj_step, fixed ctrl)"},
      {"inprocess", "simarena in-process (full match)"},
      {"sandboxed", "simarena sandboxed controller"},
      {"versus", "in-process, " + std::filesystem::path(opt.versus).filename().string()}};
  for (const std::string& mode : modes) {
    const Series& s = rate[mode];
    std::printf("%-34s %12.0f %12.0f %12.0f %10.1f %12.3f\n", labels.at(mode).c_str(), s.min(), s.median(), s.max(),
                s.median() * step, ratio_to_bare[mode].median());
  }
  std::printf("(x bare: the median over repeats of each run's speed over its repeat's bare speed)\n");
  std::printf("%-34s %12.1f %12.1f %12.1f  ms (target < 200)\n", "world load + compile", load_ms.min(),
              load_ms.median(), load_ms.max());
  std::printf("%-34s %12.0f MiB (one refereed in-process match with replay)\n", "peak memory", peak_mib);
  std::printf("targets: in-process >= 0.95 x bare: %s;",
              ratio_to_bare["inprocess"].median() >= 0.95 ? "met" : "MISSED");
  if (opt.sandbox)
    std::printf(" sandboxed >= 0.90 x bare: %s;", ratio_to_bare["sandboxed"].median() >= 0.90 ? "met" : "MISSED");
  std::printf(" world load < 200 ms: %s\n", load_ms.median() < 200 ? "met" : "MISSED");
  if (!opt.versus.empty()) {
    const double ratio = rate["versus"].median() / rate["inprocess"].median();
    std::printf("%s: match speed %.3f x %s's (target >= 0.8: %s); mean control call %.1f us against %.1f us\n",
                opt.versus.c_str(), ratio, opt.controller.c_str(), ratio >= 0.8 ? "met" : "MISSED",
                mean_step_us["versus"].median(), mean_step_us["inprocess"].median());
  }
  return 0;
}
