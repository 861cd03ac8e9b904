// simarena bridge: the simulated robot on the robot's own LCM wire protocol,
// so a program built against the CyberDog 2 motor SDK drives it unchanged.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "commands.h"
#include "option_checks.h"
#include "run_summary.h"
#include "simarena/base/formatted.h"
#include "simarena/base/json_file.h"
#include "simarena/base/messages.h"
#include "simarena/base/search_paths.h"
#include "simarena/base/untrusted_text.h"
#include "simarena/bridge/lcm_controller.h"
#include "simarena/bridge/lcm_high_level_program.h"
#include "simarena/match/match.h"
#include "simarena/physics/robot_spec.h"
#include "simarena/physics/scene_mjcf.h"
#include "simarena/physics/world.h"
#include "simarena/run/run_report.h"
#include "simarena/run/run_session.h"
#include "simarena/track/score_sheet.h"
#include "simarena/track/track_referee.h"
#include "simarena/track/track_run.h"

namespace simarena::cli {
namespace {

struct BridgeCommandOptions {
  std::string robot = "cyberdog2";
  double duration = 10.0;
  bool real_time = false;
  double wait_client = 60.0;
  double client_timeout = 2.0;
  std::string out = "bridge.json";
  std::string track;  // empty: the flat practice arena, no referee
  CLI::Option* duration_option = nullptr;
  std::string replay;  // default: next to the result
  bool no_replay = false;
  bool quiet = false;
  bool high_level = false;
  BridgeOptions bridge;
  HighLevelUrls high_level_urls;
};

constexpr size_t kMaxEventLines = 20;

std::chrono::milliseconds to_ms(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0));
}

nlohmann::json bridge_report(const BridgeCommandOptions& opt, const BridgeStats& s) {
  const BridgeOptions& o = opt.bridge;
  nlohmann::json urls = opt.high_level ? nlohmann::json{{"interface", "high_level"},
                                                        {"lcm_command_url", opt.high_level_urls.command},
                                                        {"lcm_response_url", opt.high_level_urls.response},
                                                        {"lcm_localization_url", opt.high_level_urls.localization}}
                                       : nlohmann::json{{"interface", "motor"},
                                                        {"lcm_url", o.urls.control},
                                                        {"lcm_estimator_url", o.urls.estimator}};
  urls["timing"] = o.timing == BridgeTiming::lockstep ? "lockstep" : "real_time";
  urls["frames_used"] = s.frames_used;
  urls["wall_clock"] = {{"frames_received", s.frames_received},
                        {"state_resent", s.state_resent},
                        {"late_ticks", s.late_ticks},
                        {"max_lateness_ms", 1000 * s.max_lateness_s},
                        {"note", "wall-clock facts, informational, never scored"}};
  return urls;
}

int bridge(BridgeCommandOptions& opt) {
  const SearchPaths paths = default_search_paths();
  opt.bridge.timing = opt.real_time ? BridgeTiming::real_time : BridgeTiming::lockstep;
  opt.bridge.first_frame_timeout = to_ms(opt.wait_client);
  opt.bridge.frame_timeout = to_ms(opt.client_timeout);

  // The program on the wire is the controller; everything else is an
  // ordinary run: world, protections, replay, result.
  RunRequest request;
  request.robot = opt.robot;
  request.duration = opt.duration;
  std::shared_ptr<const TrackWithRules> course;
  if (!opt.track.empty()) {
    course = std::make_shared<const TrackWithRules>(load_track_with_rules(opt.track, paths));
    request.course = course;
    request.track = track_arena_name(opt.track, course->track);
    if (opt.duration_option->count() == 0) request.duration = course->track.time_limit;
  }
  request.controller = "lcm " + (opt.high_level ? opt.high_level_urls.command : opt.bridge.urls.control);
  if (!opt.no_replay)
    request.replay = opt.replay.empty() ? std::filesystem::path(opt.out).replace_extension(".replay")
                                        : std::filesystem::path(opt.replay);
  std::function<BridgeStats()> stats;
  nlohmann::json bridge_facts;
  uint64_t frames_used = 0;
  const char* frame_name = opt.high_level ? "robot_control_cmd" : "motor_ctrl";
  const std::string& in_url = opt.high_level ? opt.high_level_urls.command : opt.bridge.urls.control;
  request.make_controller = [&](const World& world) -> std::unique_ptr<Controller> {
    std::unique_ptr<Controller> controller;
    if (opt.high_level) {
      auto program = std::make_unique<LcmHighLevelProgram>(world.robot(), opt.bridge, opt.high_level_urls);
      stats = [p = program.get()] { return p->stats(); };
      controller = std::move(program);
    } else {
      auto program = std::make_unique<LcmController>(world.robot(), opt.bridge);
      stats = [p = program.get()] { return p->stats(); };
      controller = std::move(program);
    }
    if (!opt.quiet) {
      std::fprintf(stderr, tr("simarena bridge: %s on %s, %s, %.2f s simulated\n"), world.robot().name.c_str(),
                   world.arena_name().c_str(), controller->name().c_str(), opt.duration);
      if (opt.high_level)
        std::fprintf(stderr,
                     tr("  robot_control_cmd in on %s\n  robot_control_response out on %s\n  global_to_robot out "
                        "on %s\n"),
                     opt.high_level_urls.command.c_str(), opt.high_level_urls.response.c_str(),
                     opt.high_level_urls.localization.c_str());
      else
        std::fprintf(stderr, tr("  motor_ctrl in and state out on %s\n"), opt.bridge.urls.control.c_str());
      for (const std::string& camera : opt.bridge.cameras)
        std::fprintf(stderr, tr("  camera images out on %s, channel %s\n"), opt.bridge.camera_url.c_str(),
                     camera_channel(camera).c_str());
    }
    if (!opt.quiet && !opt.real_time)
      std::fprintf(stderr, tr("  waiting for the program's first %s frame (up to %.0f s)\n"), frame_name,
                   opt.wait_client);
    return controller;
  };
  request.on_run_finished = [&](const Run&) {
    bridge_facts = bridge_report(opt, stats());
    frames_used = stats().frames_used;
  };

  RunResult run = run_match(request, paths);
  nlohmann::json& report = run.report;
  report["bridge"] = bridge_facts;
  std::string track_report;
  if (course) {
    const auto sheet = std::filesystem::path(opt.out).replace_extension(".score.json");
    const TrackRunScore scored = write_track_score(*course, *run.referee, score_sheet_info(run, "", 0), sheet, report);
    track_report =
        score_summary(course->track, course->rules, scored.score) + tr("score sheet ") + sheet.string() + "\n";
  }
  write_json_atomically(report, opt.out);
  const std::vector<MatchEvent>& events = run.events;
  if (frames_used == 0) {  // a program that never answered leaves nothing worth reporting
    bool said_why = false;
    for (const MatchEvent& e : events)
      if (e.type == MatchEventType::controller_error) {
        std::fprintf(stderr, "simarena bridge: %s %s\n", tr("error:"), untrusted_text(e.detail, 1000).c_str());
        said_why = true;
      }
    if (!said_why)
      std::fprintf(stderr, "simarena bridge: %s %s\n", tr("error:"),
                   formatted(tr("no program sent a %s frame on %s during the %.2f s simulated (real time: the clock "
                                "does not wait); start your program while the bridge runs, with the same LCM URL "
                                "(result in %s)"),
                             frame_name, in_url.c_str(), request.duration, opt.out.c_str())
                       .c_str());
    return 1;
  }

  std::printf(tr("program     over LCM, %s: %llu %s frames executed\n"), run.controller_name.c_str(),
              static_cast<unsigned long long>(frames_used), frame_name);
  print_final_state(run.final);
  for (size_t i = 0; i < events.size() && i < kMaxEventLines; ++i)
    std::printf(tr("event       t = %.3f s  %s: %s\n"), events[i].time, match_event_name(events[i].type),
                untrusted_text(events[i].detail, 1000).c_str());
  if (events.size() > kMaxEventLines)
    std::printf(tr("event       ... %zu more in %s\n"), events.size() - kMaxEventLines, opt.out.c_str());
  print_outputs(run, opt.out);
  std::printf("%s", track_report.c_str());
  return 0;
}

}  // namespace

std::function<int()> add_bridge_command(CLI::App& app) {
  auto opt = std::make_shared<BridgeCommandOptions>();
  CLI::App* cmd =
      app.add_subcommand("bridge", "Run the simulated robot on the robot's LCM protocol for a motor-SDK program");
  cmd->add_option("-r,--robot", opt->robot, "robot: a name (see 'simarena robots') or the path of a robot.yaml")
      ->capture_default_str();
  opt->duration_option =
      cmd->add_option("-d,--duration", opt->duration, "simulated seconds to run (with --track: the track's time limit)")
          ->check(positive_number(tr("simulated seconds")))
          ->capture_default_str();
  cmd->add_option("-t,--track", opt->track,
                  "a refereed event: a track name (see 'simarena tracks') or the path of a track .yaml");
  cmd->add_flag("--real-time", opt->real_time,
                "tick on the wall clock at the control rate like the robot (default: lockstep, wait for each frame)");
  cmd->add_option("--lcm-url", opt->bridge.urls.control,
                  "LCM URL of motor_ctrl, motor_ctrl_state, spi_data and leg_control_data")
      ->capture_default_str();
  cmd->add_option("--lcm-estimator-url", opt->bridge.urls.estimator, "LCM URL of state_estimator")
      ->capture_default_str();
  cmd->add_option("--wait-client", opt->wait_client, "lockstep: wall seconds to wait for the program's first frame")
      ->check(positive_number(tr("wall seconds")))
      ->capture_default_str();
  cmd->add_option("--client-timeout", opt->client_timeout,
                  "lockstep: wall seconds without a frame after which the program counts as stopped")
      ->check(positive_number(tr("wall seconds")))
      ->capture_default_str();
  cmd->add_option("-o,--out", opt->out, "where to write the JSON result")->capture_default_str();
  cmd->add_option("--replay", opt->replay, "where to write the replay (default: the result's name with .replay)");
  cmd->add_flag("--no-replay", opt->no_replay, "do not write a replay");
  cmd->add_flag("--high-level", opt->high_level,
                "serve the robot's high-level locomotion API (robot_control_cmd: modes, gaits, velocities) with the "
                "robot's motion controller, instead of the motor level (docs/high-level-api.md)");
  cmd->add_option("--lcm-command-url", opt->high_level_urls.command, "--high-level: LCM URL of robot_control_cmd")
      ->capture_default_str();
  cmd->add_option("--lcm-response-url", opt->high_level_urls.response,
                  "--high-level: LCM URL of robot_control_response")
      ->capture_default_str();
  cmd->add_option("--lcm-localization-url", opt->high_level_urls.localization,
                  "--high-level: LCM URL of global_to_robot (the robot's odometry)")
      ->capture_default_str();
  cmd->add_option("--cameras", opt->bridge.cameras,
                  "publish these cameras of the robot (robot.yaml's names, e.g. rgb,depth) on the LCM bus at their "
                  "rates in simulated time, channel simarena_camera_<name> (docs/cameras.md); default: none")
      ->delimiter(',');
  cmd->add_option("--lcm-camera-url", opt->bridge.camera_url, "LCM URL of the --cameras images")->capture_default_str();
  cmd->add_flag("-q,--quiet", opt->quiet, "no start-up lines on stderr");
  cmd->footer(
      "Start your program (built against the CyberDog 2 motor SDK, or with --high-level a program that sends\n"
      "robot_control_cmd) on the same host or LAN. It sees the robot's channels, ports, message types and sign\n"
      "convention. Lockstep runs are deterministic; see docs/real-robot.md and docs/high-level-api.md.");
  return [opt] { return bridge(*opt); };
}

}  // namespace simarena::cli
