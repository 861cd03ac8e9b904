#include "simarena/sandbox_controller.h"

#include <seccomp.h>
#include <signal.h>
#include <sys/syscall.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>

#include "sandbox/host_process.h"
#include "simarena/input_error.h"

namespace simarena {

using namespace sandbox;

namespace {

// The simulator spins this long for an answer before sleeping: a plugin's
// call usually takes microseconds, and a futex sleep costs more than that.
constexpr int kSimulatorSpins = 4000;
// Between sleeps the simulator checks whether the host died, overran its
// CPU budget or hung.
constexpr timespec kCheckInterval{0, 5'000'000};

std::string format(const char* pattern, auto... args) {
  char text[256];
  std::snprintf(text, sizeof(text), pattern, args...);
  return text;
}

std::string signal_in_words(int signal) {
  const char* abbrev = sigabbrev_np(signal);
  const char* description = sigdescr_np(signal);
  return (abbrev ? "SIG" + std::string(abbrev) : "signal " + std::to_string(signal)) +
         (description ? " (" + std::string(description) + ")" : "");
}

std::string syscall_in_words(int nr) {
  if (nr < 0) return "it raised SIGSYS itself";
  if (nr == SYS_clone) return "clone: a new process";
  char* name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
  std::string words = name ? name : "system call number " + std::to_string(nr);
  std::free(name);
  return words;
}

template <size_t N>
void copy_text(char (&to)[N], const std::string& from, const std::string& what) {
  if (from.size() >= N)
    throw std::length_error(what + " is too long for the sandbox (" + std::to_string(N) + " bytes)");
  std::memcpy(to, from.c_str(), from.size() + 1);
}

template <size_t N>
std::string read_text(const char (&from)[N]) {
  return std::string(from, strnlen(from, N));  // the host may have left it unterminated
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

// find_controller_host() lives in search_paths.cpp with the other look-ups.

std::unique_ptr<Controller> load_controller(const std::filesystem::path& library, const RobotSpec& robot,
                                            const std::string& params, const std::optional<SandboxLimits>& limits,
                                            const SandboxController** sandboxed) {
  if (!limits) return load_plugin(library, robot, params);
  auto host = std::make_unique<SandboxController>(library, robot, params, *limits);
  if (sandboxed) *sandboxed = host.get();
  return host;
}

struct SandboxController::Host {
  SandboxLimits limits;
  std::string plugin;
  double control_period;
  double cpu_budget;
  ScratchDir scratch;  // outlives the process: it is the host's working directory
  SharedChannel channel;
  std::optional<HostProcess> process;
  std::string name;
  SandboxConfinement confinement;
  SandboxCallStats stats;
  std::string fault;

  Host(const SandboxLimits& l, const std::filesystem::path& library, const RobotSpec& robot)
      : limits(l),
        plugin(library.string()),
        control_period(robot.control_period),
        cpu_budget(l.cpu_budget_per_call > 0 ? l.cpu_budget_per_call : robot.control_period),
        scratch(l.scratch_parent) {}

  // Waits for the host to hand the turn back. The fault in plain words, or
  // nothing when it answered in time. `when` says where in the run we are.
  std::optional<std::string> await_answer(double wall_limit, bool judge_cpu, const std::string& when) {
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = process->cpu_seconds();
    while (!wait_for_turn(*channel, simulator_turn, kSimulatorSpins, &kCheckInterval)) {
      if (const auto exit = process->poll()) return exit_in_words(*exit, when);
      const double cpu = process->cpu_seconds() - cpu_start;
      if (judge_cpu && cpu > cpu_budget)
        return format(
            "controller exceeded its CPU budget %s: the control call was still running after %.1f ms of "
            "CPU time (budget %.2f ms per call)",
            when.c_str(), 1e3 * cpu, 1e3 * cpu_budget);
      if (seconds_since(start) > wall_limit)
        return format("controller hung %s: no answer within %g s of wall time (%.1f ms of CPU used meanwhile)",
                      when.c_str(), wall_limit, 1e3 * cpu);
    }
    return std::nullopt;
  }

  std::string exit_in_words(const ChildExit& exit, const std::string& when) const {
    const Channel& c = *channel;
    if (exit.signaled) {
      if (exit.code == SIGXCPU)
        return format("controller exceeded its total CPU time limit (%llu s) %s",
                      static_cast<unsigned long long>(limits.cpu_seconds_total), when.c_str());
      if (exit.code == SIGXFSZ)
        return format("controller exceeded its file size limit (%llu MiB) %s",
                      static_cast<unsigned long long>(limits.file_size_bytes >> 20), when.c_str());
      // The SIGSYS reporter names every trapped call, unless the plugin had
      // blocked signals (glibc does while starting a process): then the
      // kernel kills the host with SIGSYS.
      if (exit.code == SIGSYS)
        return "controller attempted a forbidden system call (made with signals blocked, as when starting a "
               "process with system() or posix_spawn) " +
               when;
      return "controller crashed with " + signal_in_words(exit.code) + " " + when;
    }
    switch (exit.code) {
      case exit_forbidden_syscall:
        return "controller attempted a forbidden system call (" + syscall_in_words(c.forbidden_syscall) + ") " + when;
      case exit_out_of_memory:
        return format("controller ran out of memory %s: an allocation failed under its %llu MiB cap", when.c_str(),
                      static_cast<unsigned long long>(limits.memory_cap_bytes >> 20));
      case exit_setup_failed:
        return "the sandbox could not be set up: " + read_text(c.error);
      default:
        return format("controller ended its process (exit status %d) %s", exit.code, when.c_str());
    }
  }

  void stop_with(const std::string& words) {
    fault = words;
    process->stop(0);
  }
};

SandboxController::SandboxController(const std::filesystem::path& library, const RobotSpec& robot,
                                     const std::string& params, const SandboxLimits& limits) {
  if (!std::filesystem::exists(library))
    throw InputError(library.string(), "controller plugin not found (give a built .so, or a name such as 'stand')");
  const std::filesystem::path executable =
      limits.host_executable.empty() ? find_controller_host() : limits.host_executable;
  host_ = std::make_unique<Host>(limits, std::filesystem::absolute(library), robot);
  Channel& c = *host_->channel;
  Setup& s = c.setup;
  copy_text(s.plugin_path, host_->plugin, "the plugin path");
  copy_text(s.params, params, "the parameter string");
  copy_text(s.scratch_dir, host_->scratch.path().string(), "the scratch directory");
  copy_text(s.robot_name, robot.name, "the robot name");
  s.num_joints = robot.num_joints();
  for (int i = 0; i < s.num_joints; ++i) copy_text(s.joint_names[i], robot.joints[i].name, "a joint name");
  s.control_period = robot.control_period;
  s.memory_cap_bytes = limits.memory_cap_bytes;
  s.cpu_seconds_total = limits.cpu_seconds_total;
  s.file_size_bytes = limits.file_size_bytes;
  s.open_files = limits.open_files;
  c.request = request_load;
  c.turn = host_turn;

  host_->process.emplace(executable, host_->channel.fd());
  if (const auto fault = host_->await_answer(limits.load_timeout, false, "while loading")) {
    host_->process->stop(0);
    throw InputError(host_->plugin, *fault);
  }
  if (c.status != 0) {
    host_->process->stop(1);
    throw InputError(host_->plugin, read_text(c.error));
  }
  host_->name = read_text(c.name);
  const Confinement& conf = c.confinement;
  host_->confinement = {conf.network_namespace == 1, conf.landlock_abi, conf.seccomp == 1, read_text(conf.notes)};
}

SandboxController::~SandboxController() {
  if (!host_->fault.empty()) return;  // already stopped
  host_->channel->request = request_quit;
  pass_turn(*host_->channel, host_turn);
  host_->process->stop(2.0);  // destroy() gets a moment, then the host is killed
}

const std::string& SandboxController::name() const { return host_->name; }

void SandboxController::set_course_info(const SimarenaCourseInfo& info) {
  host_->channel->course_info = info;
  host_->channel->course_info_pending = 1;
}

StepOutcome SandboxController::step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
  Host& h = *host_;
  if (!h.fault.empty()) return {StepOutcome::Kind::error, h.fault};
  const double t = static_cast<double>(h.stats.calls) * h.control_period;
  const std::string when = format("at t = %.3f s", t);
  Channel& c = *h.channel;
  c.request = request_step;
  c.first_run = first_run ? 1 : 0;
  c.data = data;
  c.cmd = cmd;
  pass_turn(c, host_turn);
  const auto fault = h.await_answer(h.limits.hang_timeout, true, when);
  c.course_info_pending = 0;  // delivered with this call
  if (fault) {
    h.stop_with(*fault);
    return {StepOutcome::Kind::error, h.fault};
  }
  const int status = c.status;
  const double cpu = std::max<double>(0, 1e-9 * static_cast<double>(c.cpu_ns));
  cmd = c.cmd;
  h.stats.calls++;
  h.stats.cpu_total += cpu;
  if (cpu > h.stats.cpu_max) {
    h.stats.cpu_max = cpu;
    h.stats.cpu_max_at = t;
  }
  if (cpu > h.cpu_budget) {
    h.stop_with(
        format("controller exceeded its CPU budget %s: the control call used %.2f ms of CPU time (budget "
               "%.2f ms per call)",
               when.c_str(), 1e3 * cpu, 1e3 * h.cpu_budget));
    return {StepOutcome::Kind::error, h.fault};
  }
  switch (status) {
    case SIMARENA_STEP_SENT:
      return {StepOutcome::Kind::sent, ""};
    case SIMARENA_STEP_SKIPPED:
      return {StepOutcome::Kind::skipped, ""};
    case SIMARENA_STEP_ERROR: {
      const std::string error = read_text(c.error);
      return {StepOutcome::Kind::error, error.empty() ? "controller reported an error without a message" : error};
    }
    default:
      return {StepOutcome::Kind::error, "controller returned unknown status " + std::to_string(status)};
  }
}

const SandboxConfinement& SandboxController::confinement() const { return host_->confinement; }
const SandboxCallStats& SandboxController::call_stats() const { return host_->stats; }
double SandboxController::cpu_budget_per_call() const { return host_->cpu_budget; }
const std::string& SandboxController::fault() const { return host_->fault; }

nlohmann::json SandboxController::report() const {
  const Host& h = *host_;
  const SandboxLimits& l = h.limits;
  const SandboxCallStats& s = h.stats;
  return {
      {"enabled", true},
      {"limits",
       {{"memory_cap_mib", l.memory_cap_bytes >> 20},
        {"cpu_budget_per_call_ms", 1e3 * h.cpu_budget},
        {"hang_timeout_s", l.hang_timeout},
        {"cpu_seconds_total", l.cpu_seconds_total},
        {"file_size_mib", l.file_size_bytes >> 20},
        {"open_files", l.open_files}}},
      {"confinement",
       {{"network_namespace", h.confinement.network_namespace},
        {"seccomp", h.confinement.seccomp},
        {"landlock_abi", h.confinement.landlock_abi},
        {"writes_confined_to_scratch_dir", h.confinement.landlock_abi > 0},
        {"notes", h.confinement.notes}}},
      {"cpu_per_call",
       {{"calls", s.calls},
        {"mean_us", s.calls ? 1e6 * s.cpu_total / static_cast<double>(s.calls) : 0.0},
        {"max_us", 1e6 * s.cpu_max},
        {"max_at_s", s.cpu_max_at},
        {"note", "CPU time of the plugin's step on its own thread, measured in the host; the budget is judged on it"}}},
      {"fault", h.fault.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.fault)},
  };
}

}  // namespace simarena
