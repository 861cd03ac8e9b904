// Measures how well a controller tracks velocity commands on flat ground:
// for each commanded case it starts the robot, waits out the start-up and the
// speed ramp, then over `--seconds` of simulated time reports the mean
// velocity (ground truth, the trunk's own heading frame), the RMS tracking
// error over 0.25 s windows, the sideways drift and the largest tilt, and the
// CPU time of the control call (median and 99th percentile, read around
// each call here: the simulator reads its end only for a call that may have
// missed its deadline). scripts/bench-locomotion runs it.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "simarena/base/search_paths.h"
#include "simarena/match/match.h"
#include "simarena/physics/scene_mjcf.h"
#include "simarena/run/run_report.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_mjcf.h"

namespace {

using namespace simarena;

// The calling thread's CPU time, ns.
int64_t thread_cpu_ns() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

// Records the CPU time of each control call (the plugin's, and the host's
// few checks around it).
class TimedController : public Controller {
 public:
  TimedController(std::unique_ptr<Controller> inner, std::vector<double>& cpu_us)
      : inner_(std::move(inner)), cpu_us_(cpu_us) {}
  const std::string& name() const override { return inner_->name(); }
  StepOutcome step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) override {
    const int64_t start = thread_cpu_ns();
    StepOutcome outcome = inner_->step(first_run, data, cmd);
    if (!first_run) cpu_us_.push_back(1e-3 * static_cast<double>(thread_cpu_ns() - start));
    return outcome;
  }
  void set_course_info(const SimarenaCourseInfo& info) override { inner_->set_course_info(info); }
  void see(const SimulatorView& view) override { inner_->see(view); }

 private:
  std::unique_ptr<Controller> inner_;
  std::vector<double>& cpu_us_;
};

struct Case {
  std::string name;
  double vx = 0, vy = 0, yaw_rate = 0;
};

struct Pose {
  double x, y, yaw;
};

Pose pose_of(const Match& m) {
  const int body = m.world().base_body();
  const double* p = m.data()->xpos + 3 * body;
  const double* q = m.data()->xquat + 4 * body;
  return {p[0], p[1], std::atan2(2 * (q[0] * q[3] + q[1] * q[2]), 1 - 2 * (q[2] * q[2] + q[3] * q[3]))};
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Velocity tracking and control-call CPU time of a controller on flat ground");
  std::string controller = "locomotion", robot_name = "cyberdog2", extra, track;
  double seconds = 10, start_up = 4.5, accel = 1.0, push = 0;
  std::vector<std::string> only;
  bool trace = false;
  app.add_option("-c,--controller", controller, "controller plugin: a name or a .so path");
  app.add_option("-r,--robot", robot_name, "robot name or robot.yaml");
  app.add_option("-p,--params", extra, "extra controller parameters, appended to each case's");
  app.add_option("--seconds", seconds, "measured simulated seconds per case");
  app.add_option("--start-up", start_up, "seconds of start-up (take-over, stand-up) before the ramp");
  app.add_option("--accel", accel, "the controller's ramp, m/s² (and rad/s² / 4 for yaw): sets the wait");
  app.add_option("--push", push, "sideways push in mid-run, N·s (50 N for push/50 s), 0: none");
  app.add_option("--case", only, "run only these cases (names below)");
  app.add_option("--track", track, "run on this track's ground instead of flat ground (no referee; for --trace)");
  app.add_flag("--trace", trace, "print the trunk pose every 0.1 s");
  CLI11_PARSE(app, argc, argv);

  const std::vector<Case> cases = {{"fwd-0.6", 0.6, 0, 0},   {"fwd-1.0", 1.0, 0, 0},    {"fwd-1.2", 1.2, 0, 0},
                                   {"fwd-1.6", 1.6, 0, 0},   {"lat-0.55", 0, 0.55, 0},  {"yaw-2.5", 0, 0, 2.5},
                                   {"back-0.6", -0.6, 0, 0}, {"fwd1-yaw1", 1.0, 0, 1.0}};
  const SearchPaths paths = default_search_paths();
  const RobotSpec robot = load_robot_spec(find_robot(robot_name, paths));
  const auto world =
      World::build(robot, track.empty() ? flat_arena() : track_arena(load_track_with_rules(track, paths).track, 0));
  std::printf("%-10s %7s %7s %7s | %7s %7s %7s | %6s %6s %6s %5s | %6s %6s %6s %4s\n", "case", "cmd_vx", "cmd_vy",
              "cmd_wz", "vx", "vy", "wz", "rms", "drift", "tilt", "fell", "cpu50", "cpu99", "max", "rej");
  for (const Case& c : cases) {
    if (!only.empty() && std::find(only.begin(), only.end(), c.name) == only.end()) continue;
    char params[256];
    std::snprintf(params, sizeof params, "gait=0,vx=%g,vy=%g,yaw_rate=%g%s%s", c.vx, c.vy, c.yaw_rate,
                  extra.empty() ? "" : ",", extra.c_str());
    std::vector<double> cpu_us;
    Match match(world, std::make_unique<TimedController>(load_plugin(find_controller(controller, paths), robot, params),
                                                         cpu_us));
    const double ramp = std::max({std::abs(c.vx), std::abs(c.vy)}) / accel + std::abs(c.yaw_rate) / (4 * accel);
    const double begin = start_up + ramp + 1.0, end = begin + seconds;
    bool fell = false;
    double max_tilt = 0, sum_sq = 0, unwrapped = 0;
    int windows = 0;
    Pose start{}, last{}, window_start{};
    double window_yaw = 0;
    constexpr double kWindow = 0.25;
    bool pushed = false;
    while (match.time() < end - 1e-9) {
      if (push > 0 && !pushed && match.time() >= begin + seconds / 2) {
        constexpr double kPushForce = 50;  // N, sideways (world +y)
        match.apply_push({0, kPushForce, 0}, push / kPushForce);
        pushed = true;
      }
      match.tick();
      const Pose now = pose_of(match);
      const double tilt = body_tilt(match);
      if (trace && match.ticks() % 50 == 0)
        std::printf("  t %6.2f  x %7.3f y %7.3f z %6.3f yaw %7.3f tilt %6.3f\n", match.time(), now.x, now.y,
                    match.data()->xpos[3 * match.world().base_body() + 2], now.yaw, tilt);
      if (match.time() > start_up && (tilt > 0.8 || match.data()->xpos[3 * match.world().base_body() + 2] < 0.12))
        fell = true;
      if (match.time() < begin - 1e-9) {
        start = last = window_start = now;
        unwrapped = window_yaw = 0;
        continue;
      }
      max_tilt = std::max(max_tilt, tilt);
      unwrapped += std::remainder(now.yaw - last.yaw, 2 * M_PI);
      last = now;
      const double elapsed = match.time() - begin;
      if (elapsed + 1e-9 >= (windows + 1) * kWindow) {
        // Velocity over the window in the heading at its start.
        const double dx = now.x - window_start.x, dy = now.y - window_start.y, h = window_start.yaw;
        const double vx = (std::cos(h) * dx + std::sin(h) * dy) / kWindow;
        const double vy = (-std::sin(h) * dx + std::cos(h) * dy) / kWindow;
        const double wz = (unwrapped - window_yaw) / kWindow;
        // A turning robot's straight-line displacement is a chord: compare
        // yaw cases on the yaw rate and the speed along the path.
        const double ex = c.yaw_rate != 0 ? std::hypot(vx, vy) - std::hypot(c.vx, c.vy) : vx - c.vx;
        const double ey = c.yaw_rate != 0 ? 0 : vy - c.vy;
        sum_sq += ex * ex + ey * ey + 0.04 * (wz - c.yaw_rate) * (wz - c.yaw_rate);
        ++windows;
        window_start = now;
        window_yaw = unwrapped;
      }
    }
    const double dx = last.x - start.x, dy = last.y - start.y, h = start.yaw;
    double vx = (std::cos(h) * dx + std::sin(h) * dy) / seconds, vy = (-std::sin(h) * dx + std::cos(h) * dy) / seconds;
    if (c.yaw_rate != 0) vx = std::hypot(dx, dy) / seconds, vy = 0;  // chord speed, for reference only
    const double drift = c.vy == 0 && c.yaw_rate == 0 ? vy * seconds : 0;
    std::printf("%-10s %7.2f %7.2f %7.2f | %7.3f %7.3f %7.3f | %6.3f %6.3f %6.3f %5s | %6.1f %6.1f %6.1f %4llu\n",
                c.name.c_str(), c.vx, c.vy, c.yaw_rate, vx, vy, unwrapped / seconds,
                windows ? std::sqrt(sum_sq / windows) : 0.0, drift, max_tilt, fell ? "YES" : "no",
                percentile(cpu_us, 0.5), percentile(cpu_us, 0.99), percentile(cpu_us, 1.0),
                static_cast<unsigned long long>(match.controller_stats().rejected));
  }
  return 0;
}
