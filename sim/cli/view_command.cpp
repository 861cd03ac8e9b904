// simarena view: the 3D view with the scoreboard overlay, in a window for
// practice, or offscreen for screenshots and videos (--screenshot, --record).
#include <GLFW/glfw3.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "crash_guard.h"
#include "ghost.h"
#include "gl_context.h"
#include "image_output.h"
#include "leaderboard.h"
#include "option_checks.h"
#include "practice_session.h"
#include "replay_session.h"
#include "robot_camera_view.h"
#include "simarena/base/input_error.h"
#include "simarena/base/messages.h"
#include "simarena/base/search_paths.h"
#include "simarena/base/untrusted_text.h"
#include "simarena/bridge/lcm_controller.h"
#include "simarena/control/sandbox_controller.h"
#include "simarena/playback/replay_player.h"
#include "simarena/run/run_session.h"
#include "simarena/track/track_catalog.h"
#include "user_gait_schedule_file.h"
#include "viewer.h"

namespace simarena::cli {
namespace {

using namespace simarena::gui;

struct ViewOptions {
  std::string robot = "cyberdog2";
  std::string controller = "stand";
  std::string params;
  std::string track;  // empty: the flat practice arena
  uint64_t seed = 0;
  std::string results;              // folder of earlier score sheets for the leaderboard
  std::string replay;               // play this recording instead of running a controller
  std::vector<std::string> ghosts;  // each "best" (from results) or a .replay, drawn translucently alongside
  double at = -1;  // simulated s of the screenshot; negative: the end of --duration (a replay: its end)
  std::string screenshot;
  std::string record;
  double duration = 0;  // simulated s for headless output; 0: 3 s for a screenshot, 10 s for a video
  std::string size;     // WxH
  int fps = 30;
  std::string gl = "auto";
  std::string camera = "follow";
  bool no_overlay = false;
  bool panel = false;
  bool paused = false;
  bool no_sandbox = false;  // the plugin in-process, unconfined
  bool bridge = false;      // the controller is a program on the robot's LCM bus
  bool real_time = false;
  bool drive = false;      // the keys drive the robot through its high-level API
  std::string user_gait;   // with --drive: a user gait schedule file, gait 110 on G
  bool spectator = false;  // the big-screen overlay
  std::string title;       // the event's title in the spectator view
  std::string entry;       // the entry's (team's) name in the spectator view
  std::string preset = "broadcast";
  bool mirror_floor = false;
  BridgeOptions bridge_options;
};

std::string seconds_text(double seconds) {
  char text[64];
  std::snprintf(text, sizeof(text), "%.3f", seconds);
  return text;
}

struct Size {
  int width, height;
};

Size parse_size(const std::string& text, Size fallback) {
  if (text.empty()) return fallback;
  int width = 0, height = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%dx%d%c", &width, &height, &tail) != 2 || width < 64 || height < 64 || width > 8192 ||
      height > 8192)
    throw InputError("--size " + text, tr_noop("expected WIDTHxHEIGHT, e.g. 1920x1080 (64 to 8192 each)"));
  return {width, height};
}

CameraMode parse_camera(const std::string& name) {
  for (int i = 0; i < kCameraModeCount; ++i)
    if (name == kCameraModeNames[i]) return static_cast<CameraMode>(i);
  throw InputError("--camera " + name,
                   tr_noop("expected follow, free, broadcast or overview (or robot:<name>, a camera of the robot, "
                           "with --record or --screenshot)"));
}

// What the view shows: a live session or a replay, and earlier runs on its track.
struct Scene {
  std::unique_ptr<PracticeSession> session;
  std::unique_ptr<ReplaySession> replay;
  std::optional<gui::Leaderboard> leaderboard;
  // --drive: what the keys say and what the robot answers, shared with each
  // (re)started KeyboardDriver.
  std::shared_ptr<DriveInput> drive_input;
  std::shared_ptr<DriveStatus> drive_status;

  ShownRun& run() const { return session ? static_cast<ShownRun&>(*session) : *replay; }
};

// A plugin runs in the sandbox unless --no-sandbox; then `guard` names a crash.
PracticeSession::PluginLoader plugin_loader(const ViewOptions& opt, std::optional<CrashGuard>& guard) {
  if (opt.no_sandbox) {
    guard.emplace("view", "");
    return [&guard](const std::string& path, const RobotSpec& robot, const std::string& params) {
      return guard->load(path, robot, params);
    };
  }
  return [](const std::string& path, const RobotSpec& robot, const std::string& params) {
    return load_controller(path, robot, params, SandboxLimits{}, nullptr);
  };
}

Scene make_scene(const ViewOptions& opt, std::optional<CrashGuard>& guard) {
  const SearchPaths paths = default_search_paths();
  Scene scene;
  std::string track_name;  // empty: the flat arena
  if (!opt.replay.empty()) {
    scene.replay = std::make_unique<ReplaySession>(std::make_unique<ReplayPlayer>(read_replay(opt.replay), paths));
    if (const TrackWithRules* course = scene.replay->course()) track_name = course->track.name;
  } else {
    std::optional<TrackWithRules> course;
    if (!opt.track.empty()) {
      course = load_track_with_rules(opt.track, paths);
      track_name = course->track.name;
    }
    // The track is loaded once: the world and the referee are built from it.
    auto world = build_world(opt.robot, course ? &*course : nullptr, opt.seed, paths);
    if (opt.drive) {
      scene.drive_input = std::make_shared<DriveInput>();
      scene.drive_status = std::make_shared<DriveStatus>();
      const std::string schedule = opt.user_gait.empty() ? std::string() : read_user_gait_schedule(opt.user_gait);
      scene.session = std::make_unique<PracticeSession>(
          std::move(world), course, "keyboard",
          [input = scene.drive_input, status = scene.drive_status, schedule](const World&) {
            return std::make_unique<KeyboardDriver>(input, status, schedule);
          });
    } else if (opt.bridge) {
      // One LcmController per (re)start.
      BridgeOptions options = opt.bridge_options;
      options.timing = opt.real_time ? BridgeTiming::real_time : BridgeTiming::lockstep;
      scene.session = std::make_unique<PracticeSession>(
          std::move(world), course, "lcm " + options.urls.control,
          [options](const World& w) { return std::make_unique<LcmController>(w.robot(), options); });
    } else {
      const std::string controller_path = find_controller(opt.controller, paths).string();
      scene.session = std::make_unique<PracticeSession>(std::move(world), course, controller_path, opt.params,
                                                        plugin_loader(opt, guard));
      if (guard) guard->watch([session = scene.session.get()] { return session->time(); });
    }
    scene.session->allow_reseed(
        [robot = opt.robot, course, paths](uint64_t seed) {
          return build_world(robot, course ? &*course : nullptr, seed, paths);
        },
        opt.seed);
  }
  if (!opt.results.empty()) {
    if (track_name.empty())
      throw InputError("--results " + opt.results, tr_noop("a leaderboard needs a track: add --track NAME"));
    scene.leaderboard = load_leaderboard(opt.results, track_name);
  }
  for (const std::string& ghost : opt.ghosts) scene.run().add_ghost(load_ghost(ghost, opt.results, track_name, paths));
  return scene;
}

RenderPreset parse_preset(const std::string& name) {
  if (name == "broadcast") return RenderPreset::broadcast;
  if (name == "fast") return RenderPreset::fast;
  throw InputError("--preset " + name, tr_noop("expected broadcast (shadows, full quality) or fast (quicker video)"));
}

ViewerLook look_of(const ViewOptions& opt, const Scene& scene, bool interactive) {
  ViewerLook look;
  look.overlay = !opt.no_overlay;
  look.panel = interactive || opt.panel;
  look.camera = parse_camera(opt.camera);
  look.leaderboard = scene.leaderboard ? &*scene.leaderboard : nullptr;
  look.drive_input = scene.drive_input.get();
  look.drive_status = scene.drive_status.get();
  look.render = {parse_preset(opt.preset), opt.mirror_floor};
  look.spectator = opt.spectator;
  look.titles = {opt.title, opt.entry};
  return look;
}

std::unique_ptr<Viewer> make_viewer(const Scene& scene, GLFWwindow* window, int width, int height,
                                    const ViewerLook& look) {
  if (scene.session) return std::make_unique<Viewer>(*scene.session, window, width, height, look);
  return std::make_unique<Viewer>(*scene.replay, window, width, height, look);
}

void print_font_note(const Viewer& viewer) {
  if (!viewer.font_note().empty())
    std::fprintf(stderr, "simarena view: %s %s\n", tr("note:"), viewer.font_note().c_str());
}

int run_window(const ViewOptions& opt) {
  const Size size = parse_size(opt.size, {0, 0});  // 0: from the monitor
  std::optional<CrashGuard> guard;
  Scene scene = make_scene(opt, guard);
  ShownRun& run = scene.run();
  GlfwWindow window(size.width, size.height, opt.replay.empty() ? "simarena view" : "simarena view: replay", true);
  const auto viewer = make_viewer(scene, window.get(), 0, 0, look_of(opt, scene, true));
  print_font_note(*viewer);
  viewer->pacer().set_running(!opt.paused);
  std::fprintf(stderr, "simarena view: %s\n", key_bindings_help());
  if (opt.drive) std::fprintf(stderr, "%s\n", drive_keys_help());
  auto last = std::chrono::steady_clock::now();
  while (!window.should_close()) {
    glfwPollEvents();
    const auto now = std::chrono::steady_clock::now();
    const double wall = std::chrono::duration<double>(now - last).count();
    last = now;
    // Simulation first, within most of a 60 Hz frame; then draw what it reached.
    const uint64_t owed = viewer->pacer().ticks_due(wall, run.world().robot().control_period);
    viewer->pacer().ran_short(!viewer->run_ticks(owed, 0.012));
    RenderTarget target;
    window.framebuffer_size(target.width, target.height);
    if (target.width == 0 || target.height == 0) continue;  // minimised
    if (!viewer->frame(target, wall, true)) window.request_close();
    window.swap_buffers();
  }
  return 0;
}

// Frames done, frames per wall second and the speed against real time, on
// stderr while a video records: in place on a terminal, else every 5 s.
class RecordingProgress {
 public:
  RecordingProgress(long frames, int fps)
      : frames_(frames), fps_(fps), start_(std::chrono::steady_clock::now()), terminal_(isatty(STDERR_FILENO)) {}

  void frame_done(long done) {
    const double wall = seconds_since(start_);
    if (done < frames_ && wall - last_shown_ < (terminal_ ? 0.5 : 5.0)) return;
    last_shown_ = wall;
    const double rate = wall > 0 ? static_cast<double>(done) / wall : 0.0;
    std::fprintf(stderr, tr("%srecording   frame %ld of %ld, %.1f frames/s, %.2fx real time%s"), terminal_ ? "\r" : "",
                 done, frames_, rate, rate / fps_, terminal_ ? "  " : "\n");
  }
  void done() const {
    if (terminal_) std::fputc('\n', stderr);
  }

 private:
  static double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  }
  long frames_;
  int fps_;
  std::chrono::steady_clock::time_point start_;
  bool terminal_;
  double last_shown_ = -1e9;
};

// The context for offscreen output: EGL with no display at all, or a
// window (under Xvfb or on a desktop) when asked for or when EGL is missing.
struct OffscreenContext {
  std::optional<EglSurfacelessContext> egl;
  std::optional<GlfwWindow> window;
};

void open_context(OffscreenContext& context, const std::string& mode, Size size) {
  if (mode == "egl" || mode == "auto") {
    try {
      context.egl.emplace();
      return;
    } catch (const std::exception& e) {
      if (mode == "egl" || !std::getenv("DISPLAY")) throw;
      std::fprintf(stderr, "simarena view: %s; using a window on DISPLAY=%s instead\n", e.what(),
                   std::getenv("DISPLAY"));
    }
  }
  context.window.emplace(size.width, size.height, "simarena view", true);
}

// --camera robot:<name>: the robot's own camera, at its resolution, in
// place of the viewer's picture (no overlay).
int record_robot_camera(const ViewOptions& opt, ShownRun& run, double duration, double shot_at) {
  RobotCameraView camera(run.world(), opt.camera);
  const auto frames = static_cast<long>(std::floor(duration * opt.fps + 1e-9));
  if (!opt.record.empty()) {
    VideoEncoder video(opt.record, camera.width(), camera.height(), opt.fps);
    for (long i = 0; i <= frames; ++i) {
      run.advance_to(static_cast<double>(i) / opt.fps);
      video.add_frame(camera.rgb(run));
    }
    video.finish();
  }
  if (!opt.screenshot.empty()) {
    run.advance_to(shot_at);
    write_image(opt.screenshot, camera.rgb(run), camera.width(), camera.height());
  }
  std::printf(tr("simulated   %.3f s, %s%s\n"), run.time(),
              run.match() ? run.match()->controller_name().c_str() : run.load_error().c_str(),
              opt.replay.empty() ? "" : tr(" (replay)"));
  if (!opt.screenshot.empty())
    std::printf(tr("screenshot  %s (%dx%d)\n"), opt.screenshot.c_str(), camera.width(), camera.height());
  if (!opt.record.empty())
    std::printf(tr("video       %s (%ld frames at %d fps)\n"), opt.record.c_str(), frames + 1, opt.fps);
  return 0;
}

int run_offscreen(const ViewOptions& opt) {
  if (opt.gl != "auto" && opt.gl != "egl" && opt.gl != "window")
    throw InputError("--gl " + opt.gl, tr_noop("expected auto, egl or window"));
  const Size size = parse_size(opt.size, {1920, 1080});
  if (!opt.screenshot.empty()) image_format_of(opt.screenshot);  // a wrong name fails before any rendering
  std::optional<CrashGuard> guard;
  Scene scene = make_scene(opt, guard);
  ShownRun& run = scene.run();
  // A replay plays to its end unless told otherwise, and holds nothing after it.
  const double fallback = scene.replay ? scene.replay->player().duration() : opt.record.empty() ? 3.0 : 10.0;
  const double duration = opt.duration > 0 ? opt.duration : fallback;
  const double shot_at = opt.at >= 0 ? opt.at : duration;
  if (scene.replay) {
    const double length = scene.replay->player().duration();
    if (opt.at > length)
      throw InputError(opt.replay,
                       tr_noop("--at %1$s is past the end: the replay holds %2$s s of simulated time; give --at from 0 "
                               "to %2$s"),
                       seconds_text(opt.at), seconds_text(length));
    if (opt.duration > length)
      throw InputError(opt.replay,
                       tr_noop("--duration %s is longer than the run: the replay holds %s s of simulated time"),
                       seconds_text(opt.duration), seconds_text(length));
  }
  if (is_robot_camera(opt.camera)) return record_robot_camera(opt, run, duration, shot_at);
  OffscreenContext context;
  open_context(context, opt.gl, size);
  GLFWwindow* window = context.window ? context.window->get() : nullptr;
  RenderTarget target{!window, size.width, size.height};
  if (window) context.window->framebuffer_size(target.width, target.height);
  const auto viewer = make_viewer(scene, window, target.width, target.height, look_of(opt, scene, false));
  print_font_note(*viewer);

  const double frame_seconds = 1.0 / opt.fps;
  // ImGui sizes auto-fitting windows from the previous frame: draw a couple first.
  constexpr int kSettleFrames = 2;
  auto draw = [&] {
    if (window) glfwPollEvents();
    viewer->frame(target, frame_seconds, false);
  };

  std::optional<VideoEncoder> video;
  if (!opt.record.empty())
    video.emplace(opt.record, target.width, target.height, opt.fps,
                  parse_preset(opt.preset) == RenderPreset::fast ? EncoderSpeed::fast : EncoderSpeed::quality,
                  viewer->video_layout(target));
  for (int i = 0; i < kSettleFrames; ++i) draw();
  const auto frames = static_cast<long>(std::floor(duration * opt.fps + 1e-9));
  if (video) {
    RecordingProgress progress(frames + 1, opt.fps);
    run.advance_to(0);
    for (long i = 0; i <= frames; ++i) {
      draw();
      // Frame i + 1 is simulated while llvmpipe rasterises frame i, which is then read (frame i - 1 copied
      // out of its buffer first) and encoded by ffmpeg while frame i + 1 is drawn.
      if (i < frames) run.advance_to(static_cast<double>(i + 1) / opt.fps);
      std::vector<unsigned char> previous = video->spare_buffer();
      if (viewer->read_frame_async(target, previous)) video->add_frame(std::move(previous));
      if (window) context.window->swap_buffers();
      progress.frame_done(i + 1);
    }
    std::vector<unsigned char> last;
    if (viewer->take_last_frame(last)) video->add_frame(std::move(last));
    video->finish();
    progress.done();
  }
  if (!opt.screenshot.empty()) {
    run.advance_to(shot_at);
    for (int i = 0; i <= kSettleFrames; ++i) draw();
    write_image(opt.screenshot, viewer->read_rgb(target), target.width, target.height);
  }
  std::printf(tr("simulated   %.3f s, %s%s\n"), run.time(),
              run.match() ? run.match()->controller_name().c_str() : run.load_error().c_str(),
              scene.replay ? tr(" (replay)") : "");
  if (const Match* match = run.match(); match && !scene.replay)
    for (const MatchEvent& e : match->events())
      if (is_controller_fault(e.type))
        std::printf(tr("fault       t = %.3f s: %s\n"), e.time,
                    untrusted_text(e.words ? e.words->shown() : e.detail, 1000).c_str());
  for (const auto& ghost : run.ghosts())
    std::printf(tr("ghost       %s at %.3f s (%s)\n"), ghost->label().c_str(), ghost->player().time(),
                ghost->player().replay().path.c_str());
  if (!opt.screenshot.empty())
    std::printf(tr("screenshot  %s (%dx%d)\n"), opt.screenshot.c_str(), target.width, target.height);
  if (!opt.record.empty())
    std::printf(tr("video       %s (%ld frames at %d fps)\n"), opt.record.c_str(), frames + 1, opt.fps);
  return 0;
}

}  // namespace

std::function<int()> add_view_command(CLI::App& app) {
  auto opt = std::make_shared<ViewOptions>();
  CLI::App* cmd = app.add_subcommand("view", "Watch and practise in the 3D view, or render screenshots and videos");
  auto* controller =
      cmd->add_option("-c,--controller", opt->controller,
                      "controller: a plugin name (e.g. stand), the path of a .so, or a Python controller .py")
          ->capture_default_str();
  auto* params =
      cmd->add_option("-p,--params", opt->params, "controller parameter string, e.g. \"kp=80,kd=2\" (editable live)");
  auto* robot =
      cmd->add_option("-r,--robot", opt->robot, "robot: a name (see 'simarena robots') or the path of a robot.yaml")
          ->capture_default_str();
  auto* track =
      cmd->add_option("-t,--track", opt->track,
                      "a refereed track: a name (arenas/) or the path of a track .yaml; without it, the flat arena");
  auto* seed = cmd->add_option("--seed", opt->seed, "seed for a track's randomized parts (0: the ground as published)")
                   ->check(unsigned_integer())
                   ->capture_default_str();
  cmd->add_option("--results", opt->results,
                  "with a track: the folder 'simarena run --track' wrote results to: the leaderboard, and the best run "
                  "for --ghost best");
  cmd->add_option("--replay", opt->replay,
                  "play a recorded run (a .replay from 'simarena run'): no controller is loaded; play, pause, scrub")
      ->check(existing_path(tr("the .replay file of a run")))
      ->excludes(controller, params, robot, track, seed);
  cmd->add_option("--ghost", opt->ghosts,
                  "draw a recorded run translucently alongside, at the same simulated time: 'best' (the best run on "
                  "the track in --results) or the path of a .replay; repeat it for several ghosts, each in its own "
                  "colour")
      ->take_all()
      ->expected(1)
      ->allow_extra_args(false);
  cmd->add_option(
         "--at", opt->at,
         "simulated seconds at which --screenshot is taken (default: the end of --duration; a replay: its end)")
      ->check(non_negative_number(tr("simulated seconds")));
  cmd->add_option("--screenshot", opt->screenshot,
                  "render offscreen and write a PNG (.png) or JPEG (.jpg, .jpeg) at the end of --duration");
  cmd->add_option("--record", opt->record, "render offscreen and write an H.264 video (.mp4) of --duration");
  cmd->add_option("-d,--duration", opt->duration,
                  "simulated seconds for --screenshot/--record (default 3 for a screenshot, 10 for a video, a "
                  "replay's length for a replay)")
      ->check(positive_number(tr("simulated seconds")));
  cmd->add_option("--size", opt->size,
                  "WIDTHxHEIGHT in pixels (default: a window 85% of the screen; 1920x1080 offscreen)");
  cmd->add_option("--fps", opt->fps, "video frames per simulated second")
      ->check(unsigned_integer(1, 240))
      ->capture_default_str();
  cmd->add_option("--camera", opt->camera,
                  "follow, free, broadcast or overview (the whole course); with --record or --screenshot also "
                  "robot:<name>, what a camera of the robot sees (e.g. robot:rgb)")
      ->capture_default_str();
  cmd->add_option("--gl", opt->gl,
                  "offscreen context: egl (no display needed), window (a window, e.g. under xvfb-run), or auto "
                  "(EGL, else a window)")
      ->capture_default_str();
  cmd->add_flag("--no-overlay", opt->no_overlay, "the bare 3D view, no scoreboard");
  cmd->add_flag("--spectator", opt->spectator,
                "the big-screen overlay: event, entry, course time, rank, penalties, finish; no developer figures "
                "(V toggles it in the window)");
  cmd->add_option("--title", opt->title, "the event's title in the spectator view, e.g. \"Spring Cup 2026\"");
  cmd->add_option("--entry", opt->entry, "the entry's (team's) name in the spectator view (default: the controller)");
  cmd->add_option("--preset", opt->preset,
                  "render preset: broadcast (shadows, antialiasing) or fast (no shadows: quicker videos)")
      ->capture_default_str();
  cmd->add_flag("--mirror-floor", opt->mirror_floor, "keep the floor's reflection (off in the broadcast look)");
  cmd->add_flag("--panel", opt->panel, "show the practice panel in screenshots and videos too");
  cmd->add_flag("--paused", opt->paused, "open the window paused at t = 0");
  auto* sandbox = cmd->add_flag("--sandbox")
                      ->description(
                          "the default: the plugin runs in a confined child process, as with 'simarena run'; "
                          "a crash stops the controller and shows why, the window stays");
  cmd->add_flag("--no-sandbox", opt->no_sandbox,
                "load the plugin in-process, unconfined (code you trust; a crash then ends simarena with one line "
                "naming it)")
      ->excludes(sandbox);
  auto* bridge = cmd->add_flag("--bridge", opt->bridge,
                               "the controller is a program built against the robot's motor SDK, on the robot's LCM "
                               "bus (as 'simarena bridge'; lockstep unless --real-time)");
  cmd->add_flag("--real-time", opt->real_time, "with --bridge: tick on the wall clock like the robot")->needs(bridge);
  cmd->add_option("--lcm-url", opt->bridge_options.urls.control, "with --bridge: LCM URL of motor_ctrl and the state")
      ->needs(bridge)
      ->capture_default_str();
  cmd->add_option("--lcm-estimator-url", opt->bridge_options.urls.estimator,
                  "with --bridge: LCM URL of state_estimator")
      ->needs(bridge)
      ->capture_default_str();
  CLI::Option* drive = cmd->add_flag("--drive", opt->drive,
                                     "drive the robot yourself with the keys (or a gamepad) through the robot's "
                                     "high-level API: U stand up, W/A/S/D or the arrows walk and turn, L lie down (no "
                                     "controller plugin)");
  drive->excludes(bridge);
  cmd->add_option("--user-gait", opt->user_gait,
                  "with --drive: a user gait schedule (a \"# Gait Def\" text, docs/high-level-api.md), sent to the "
                  "robot on user_gait_file; G then reaches gait 110 after the trots")
      ->needs(drive);
  cmd->footer(std::string("Simulated time advances by whole control ticks; the window paces them to the wall clock\n"
                          "for display only, so what is simulated never depends on the frame rate.\n") +
              key_bindings_help() + std::string("\n") + drive_keys_help());
  return [opt] {
    // A dying ffmpeg must surface as a write error, not kill the viewer.
    signal(SIGPIPE, SIG_IGN);
    return opt->screenshot.empty() && opt->record.empty() ? run_window(*opt) : run_offscreen(*opt);
  };
}

}  // namespace simarena::cli
