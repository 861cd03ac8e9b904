#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "commands.h"
#include "crash_guard.h"
#include "option_checks.h"
#include "run_summary.h"
#include "sandbox_options.h"
#include "simarena/base/json_file.h"
#include "simarena/base/messages.h"
#include "simarena/base/untrusted_text.h"
#include "simarena/control/plugin_description.h"
#include "simarena/run/run_report.h"
#include "simarena/run/run_session.h"
#include "simarena/track/score_sheet.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_referee.h"
#include "simarena/track/track_run.h"

namespace simarena::cli {
namespace {

struct RunOptions {
  RunRequest request;
  std::string out = "result.json";
  std::string replay;  // default: next to the result
  bool no_replay = false;
  bool quiet = false;
  std::string track;        // empty: the flat practice arena, no referee
  std::string score_sheet;  // default: the result's name with .score.json
  const CLI::Option* duration_option = nullptr;
  bool no_sandbox = false;                      // run the plugin in-process, unconfined
  bool describe = false;                        // print what the plugin says about itself and exit
  SandboxSettings sandbox;                      // the limits, as the options set them
  std::vector<std::filesystem::path> readable;  // folders the plugin may read
};

// Scores the run, writes the score sheet and the events log next to the
// result; returns the summary and the log for printing.
std::string report_track_run(const RunOptions& opt, const TrackWithRules& course, RunResult& run) {
  const std::filesystem::path sheet_path = opt.score_sheet.empty()
                                               ? std::filesystem::path(opt.out).replace_extension(".score.json")
                                               : std::filesystem::path(opt.score_sheet);
  const TrackRunScore scored = write_track_score(
      course, *run.referee, score_sheet_info(run, opt.request.params, opt.request.seed), sheet_path, run.report);
  return score_summary(course.track, course.rules, scored.score) + tr("events\n") + scored.events_log +
         tr("score sheet ") + sheet_path.string() + "\n" + tr("events log  ") + events_log_path(sheet_path).string() +
         "\n";
}

void print_progress(double t, double total) {
  const int percent = static_cast<int>(std::lround(100.0 * t / total));
  if (isatty(fileno(stderr)))
    std::fprintf(stderr, "\r  simulated %6.2f / %.2f s  [%3d%%]%s", t, total, percent, t >= total ? "\n" : "");
  else
    std::fprintf(stderr, "  simulated %6.2f / %.2f s  [%3d%%]\n", t, total, percent);
}

int run(RunOptions opt) {
  const SearchPaths paths = default_search_paths();
  if (opt.describe) {
    const auto plugin = find_controller(opt.request.controller, paths);
    std::fputs(describe_text(opt.no_sandbox ? describe_plugin(plugin)
                                            : describe_plugin_sandboxed(plugin, opt.sandbox.limits()))
                   .c_str(),
               stdout);
    return 0;
  }
  std::shared_ptr<const TrackWithRules> course;
  if (!opt.track.empty()) {
    course = std::make_shared<const TrackWithRules>(load_track_with_rules(opt.track, paths));
    opt.request.course = course;
    opt.request.track = track_arena_name(opt.track, course->track);
    if (opt.duration_option->count() == 0) opt.request.duration = course->track.time_limit;
  }
  if (!opt.no_replay)
    opt.request.replay = opt.replay.empty() ? std::filesystem::path(opt.out).replace_extension(".replay")
                                            : std::filesystem::path(opt.replay);
  // In-process, a crash in the plugin is the process's: the guard names it
  // in one line and leaves the replay written so far.
  std::optional<CrashGuard> guard;
  if (opt.no_sandbox) {
    guard.emplace("run", opt.request.replay.string());
    opt.request.controller = find_controller(opt.request.controller, paths).string();
    opt.request.make_controller = [&guard, &opt](const World& world) {
      return guard->load(opt.request.controller, world.robot(), opt.request.params);
    };
    opt.request.on_run_created = [&guard](Run& run) {
      guard->watch([&run] { return run.match().time(); });
      if (run.recorder()) guard->watch(*run.recorder());
    };
  } else {
    SandboxLimits limits = opt.sandbox.limits();
    limits.readable = opt.readable;
    opt.request.sandbox = limits;
  }
  if (!opt.quiet)
    std::fprintf(stderr, tr("simarena run: %s on %s, controller %s (%s), %.2f s simulated\n"),
                 opt.request.robot.c_str(), course ? course->track.name.c_str() : opt.request.track.c_str(),
                 opt.request.controller.c_str(), opt.no_sandbox ? tr("in-process") : tr("sandboxed"),
                 opt.request.duration);
  RunResult run = run_match(opt.request, paths, opt.quiet ? ProgressFn{} : ProgressFn{print_progress});
  nlohmann::json& result = run.report;
  const std::string track_report = course ? report_track_run(opt, *course, run) : "";
  write_json_atomically(result, opt.out);

  std::printf(tr("controller  %s (%s)\n"), run.controller_name.c_str(), run.controller_path.c_str());
  print_final_state(run.final);
  int deadline_misses = 0;
  for (const MatchEvent& e : run.events) {
    deadline_misses += e.type == MatchEventType::deadline_miss;
    if (is_controller_fault(e.type))
      std::printf(tr("fault       t = %.3f s: %s\n"), e.time,
                  untrusted_text(e.words ? e.words->shown() : e.detail, 1000).c_str());
  }
  size_t logged = 0, announced = 0;
  for (const MatchEvent& e : run.events) {
    logged += e.type == MatchEventType::controller_log;
    if ((e.type == MatchEventType::announcement || e.type == MatchEventType::recognition) && ++announced <= 10)
      std::printf(tr("announced   t = %.3f s: %s\n"), e.time, e.detail.c_str());  // cleaned by the host already
  }
  if (announced > 10) std::printf(tr("announced   ... %zu more in %s\n"), announced - 10, opt.out.c_str());
  if (logged > 0) std::printf(tr("log         %zu lines from the controller in %s\n"), logged, opt.out.c_str());
  if (deadline_misses > 0)
    std::printf(tr("deadlines   %d control calls took more CPU time than the control period\n"), deadline_misses);
  if (const auto& sandbox = result["sandbox"]; sandbox["enabled"].get<bool>()) {
    std::printf(tr("sandbox     CPU per call mean %.1f us, max %.1f us (budget %.2f ms)\n"),
                sandbox["cpu_per_call"]["mean_us"].get<double>(), sandbox["cpu_per_call"]["max_us"].get<double>(),
                sandbox["limits"]["cpu_budget_per_call_ms"].get<double>());
    if (const auto overruns = sandbox["cpu_per_call"]["overruns_let_through"].get<uint64_t>(); overruns > 0)
      std::printf(tr("sandbox     control calls over the CPU budget let through: %llu (at most %u in any second)\n"),
                  static_cast<unsigned long long>(overruns),
                  sandbox["limits"]["cpu_overruns_per_second"].get<unsigned>());
  }
  print_outputs(run, opt.out);
  std::printf("%s", track_report.c_str());
  return 0;
}

}  // namespace

std::function<int()> add_run_command(CLI::App& app) {
  auto opt = std::make_shared<RunOptions>();
  RunRequest& r = opt->request;
  CLI::App* cmd = app.add_subcommand("run", "Run one controller headless; write a JSON result and a replay");
  cmd->add_option("-c,--controller", r.controller,
                  "controller: a plugin name (e.g. stand), the path of a .so, or a Python controller .py")
      ->capture_default_str();
  cmd->add_option("-p,--params", r.params, "controller parameter string, e.g. \"kp=80,kd=2\"");
  cmd->add_option("-r,--robot", r.robot, "robot: a name (see 'simarena robots') or the path of a robot.yaml")
      ->capture_default_str();
  opt->duration_option =
      cmd->add_option("-d,--duration", r.duration, "simulated seconds to run (with --track: the track's time limit)")
          ->check(positive_number(tr("simulated seconds")))
          ->capture_default_str();
  cmd->add_option("-t,--track", opt->track,
                  "run a refereed event: a track name (see 'simarena tracks') or the path of a track .yaml; "
                  "without it, the flat practice arena");
  cmd->add_option("--seed", r.seed, "seed for a track's randomized parts (0: the ground as published)")
      ->check(unsigned_integer())
      ->capture_default_str();
  cmd->add_option("--score-sheet", opt->score_sheet,
                  "with --track: where to write the score sheet (default: the result's name with .score.json)")
      ->check(in_existing_folder());
  cmd->add_option("-o,--out", opt->out, "where to write the JSON result")
      ->check(in_existing_folder())
      ->capture_default_str();
  cmd->add_option("--replay", opt->replay, "where to write the replay (default: the result's name with .replay)")
      ->check(in_existing_folder());
  cmd->add_flag("--no-replay", opt->no_replay, "do not write a replay");
  cmd->add_flag("-q,--quiet", opt->quiet, "no progress output");
  cmd->add_flag("--describe", opt->describe,
                "print what the controller plugin says about itself (name, ABI, table size, required host "
                "extensions) and exit; loaded in the sandbox unless --no-sandbox");
  auto* sandbox = cmd->add_flag("--sandbox")
                      ->description(
                          "the default: the controller runs in a confined child process (no network, no "
                          "processes, writes only to a scratch directory, capped memory and CPU time per "
                          "call); a crash stops the controller, the run goes on");
  cmd->add_flag("--no-sandbox", opt->no_sandbox,
                "run the plugin in-process, unconfined (code you trust; a crash then ends simarena with one line "
                "naming it, the replay kept up to there)")
      ->excludes(sandbox);
  add_sandbox_options(cmd, opt->sandbox);
  cmd->add_option("--readable", opt->readable,
                  "sandbox: a folder the controller may read besides its own file (repeatable)");
  cmd->footer(
      "Controllers run in lockstep at the robot's control rate (500 Hz on CyberDog 2) over 1 ms physics.\n"
      "The run starts as the robot does in motor-control mode: err bit 0x02 set, 2.5 s of damping, then\n"
      "limp until the controller sends an all-zero frame. See docs/controller-api.md.\n"
      "Every run writes a replay that 'simarena verify' re-checks without the controller (docs/replays.md).");
  return [opt] { return run(*opt); };
}

}  // namespace simarena::cli
