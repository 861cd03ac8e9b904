#include "simarena/control/sandbox_controller.h"

#include <seccomp.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <optional>
#include <stdexcept>
#include <utility>

#include "camera_feed.h"
#include "extensions/read_messages.h"
#include "sandbox/host_process.h"
#include "sandbox/shared_core.h"
#include "simarena/base/formatted.h"
#include "simarena/base/input_error.h"
#include "simarena/base/untrusted_text.h"
#include "simarena/control/controller_files.h"
#include "simarena/physics/robot_model.h"

namespace simarena {

using namespace sandbox;

namespace {

// With the host on another core, the simulator spins this long for an
// answer before sleeping: a plugin's call usually takes microseconds, and
// waking a sleeping core costs more than that. On a shared core (the usual
// case, SharedCore) it never spins, the host needs that core: it yields it
// this many times, then sleeps.
constexpr int kSimulatorSpins = 4000;
constexpr int kSimulatorYields = 50;
// Between sleeps the simulator checks whether the host died, overran its
// CPU budget or its wall time.
constexpr timespec kCheckInterval{0, 5'000'000};

// The signal as glibc names it, "SIGSEGV (Segmentation fault)"; the usual
// crashes also in the user's language (the English is glibc's, unchanged).
Message signal_in_words(int signal) {
  const char* abbrev = sigabbrev_np(signal);
  const char* description = sigdescr_np(signal);
  const std::string english = (abbrev ? "SIG" + std::string(abbrev) : "signal " + std::to_string(signal)) +
                              (description ? " (" + std::string(description) + ")" : "");
  static constexpr const char* kKnown[] = {tr_noop("SIGSEGV (Segmentation fault)"),
                                           tr_noop("SIGBUS (Bus error)"),
                                           tr_noop("SIGFPE (Floating point exception)"),
                                           tr_noop("SIGILL (Illegal instruction)"),
                                           tr_noop("SIGABRT (Aborted)"),
                                           tr_noop("SIGTRAP (Trace/breakpoint trap)")};
  for (const char* known : kKnown)
    if (english == known) return Message(known);
  return Message(english);
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

std::unique_ptr<Controller> load_controller(const std::filesystem::path& controller, const RobotSpec& robot,
                                            const std::string& params, const std::optional<SandboxLimits>& limits,
                                            const SandboxController** sandboxed) {
  if (!limits) return load_plugin(controller, robot, params);
  auto host = std::make_unique<SandboxController>(controller, robot, params, *limits);
  if (sandboxed) *sandboxed = host.get();
  return host;
}

struct SandboxController::Host {
  SandboxLimits limits;
  std::string plugin;
  std::string script;  // a script controller's script, or empty
  std::string where;   // the file errors name: the script, else the plugin
  double control_period;
  uint64_t calls_per_second;  // a second of simulated time in whole calls, so that no rounding decides
  int64_t cpu_budget_ns;
  SharedChannel channel;
  ReportPipe report;
  std::optional<HostProcess> process;
  SharedCore core;
  bool shared_core = false;            // the host's main thread is on the simulator thread's core
  int64_t cpu_at_answer = 0;           // the host's process CPU clock at its last answer, ns
  std::deque<uint64_t> overrun_calls;  // the numbers of the last calls over the budget let through, oldest first
  std::string name;
  CommandLevel level = CommandLevel::motor;
  SandboxConfinement confinement;
  SandboxCallStats stats;
  std::string fault;                   // in English, as results keep it
  std::optional<Message> fault_words;  // the same, to show in the user's language

  std::unique_ptr<CameraFeed> camera_feed;  // for a plugin that opened a camera

  Host(const SandboxLimits& l, const ControllerFiles& files, double period, size_t camera_bytes = 0)
      : limits(l),
        plugin(std::filesystem::absolute(files.plugin).string()),
        script(files.script.string()),
        where(files.script.empty() ? plugin : script),
        control_period(period),
        calls_per_second(static_cast<uint64_t>(std::llround(1.0 / period))),
        cpu_budget_ns(std::llround(1e9 * (l.cpu_budget_per_call > 0 ? l.cpu_budget_per_call : period))),
        channel(camera_bytes) {}

  void start(const std::filesystem::path& executable);

  // Kills the host for an overrun the simulator measured and returns its
  // words, unless the host had already ended on its own meanwhile (a crash
  // whose teardown still ran on its CPU clock): then that is the fault.
  Message stop_for(const Message& overrun, const Message& when) {
    const ChildExit exit = process->stop(0);
    return exit.killed_by_simulator ? overrun : exit_in_words(exit, when);
  }

  // Waits for the host to hand the turn back. The fault in plain words, or
  // nothing when it answered within its limits. `loading`: the create()
  // limits apply, else those of a control call. `wall` receives the wait.
  std::optional<Message> await_answer(bool loading, const Message& when, double& wall) {
    const auto start = std::chrono::steady_clock::now();
    const double run_left = limits.wall_per_run - stats.wall_total;
    const double wall_limit = loading ? limits.create_wall : std::min(limits.wall_per_call, run_left);
    const int64_t cpu_limit = loading                        ? std::llround(1e9 * limits.create_cpu)
                              : overrun_allowed(stats.calls) ? kCpuOverrunCeiling * cpu_budget_ns
                                                             : cpu_budget_ns;
    const auto wait = [&] {
      return shared_core ? wait_for_turn_on_shared_core(*channel, simulator_turn, kSimulatorYields, &kCheckInterval)
                         : wait_for_turn(*channel, simulator_turn, kSimulatorSpins, &kCheckInterval);
    };
    while (!wait()) {
      if (const auto exit = process->poll()) return exit_in_words(*exit, when);
      const int64_t cpu = process->cpu_ns() - cpu_at_answer;
      wall = seconds_since(start);
      if (cpu > cpu_limit) return stop_for(cpu_overrun(loading, cpu, false, stats.calls, when), when);
      if (wall > wall_limit)
        return stop_for(wall_overrun(loading, wall, wall_limit == run_left && !loading, when), when);
    }
    wall = seconds_since(start);
    return std::nullopt;
  }

  // Whether call number `call` may go over the budget: fewer than
  // cpu_overruns_per_second of the calls in the second before it did.
  bool overrun_allowed(uint64_t call) const {
    const uint32_t allowed = limits.cpu_overruns_per_second;
    if (allowed == 0) return false;
    return overrun_calls.size() < allowed || call - overrun_calls.front() >= calls_per_second;
  }

  void let_overrun_through(uint64_t call) {
    overrun_calls.push_back(call);
    if (overrun_calls.size() > limits.cpu_overruns_per_second) overrun_calls.pop_front();
    stats.overruns++;
  }

  // The overrun's words and, when some may be let through, why not this one.
  Message cpu_overrun(bool loading, int64_t cpu_ns, bool finished, uint64_t call, const Message& when) const {
    const Message words = cpu_overrun_words(loading, cpu_ns, finished, when);
    const uint32_t allowed = limits.cpu_overruns_per_second;
    if (loading || allowed == 0) return words;
    if (overrun_allowed(call))
      return Message(
          tr_noop("%s; calls over the budget allowed in a second of simulated time: %s, each up to %s times it"), words,
          allowed, kCpuOverrunCeiling);
    return Message(
        tr_noop("%s; calls over the budget in the second before: %s, the most allowed, the first at t = %s s"), words,
        allowed, formatted("%.3f", static_cast<double>(overrun_calls.front()) * control_period));
  }

  Message cpu_overrun_words(bool loading, int64_t cpu_ns, bool finished, const Message& when) const {
    if (loading)
      return Message(
          tr_noop("controller exceeded its CPU time for loading and create(): still running after %s ms of CPU "
                  "time (limit %s s)"),
          formatted("%.0f", 1e-6 * static_cast<double>(cpu_ns)), formatted("%g", limits.create_cpu));
    const std::string used = formatted("%.2f", 1e-6 * static_cast<double>(cpu_ns));
    const std::string budget = formatted("%.2f", 1e-6 * static_cast<double>(cpu_budget_ns));
    if (finished)
      return Message(tr_noop("controller exceeded its CPU budget %s: the control call used %s ms of CPU time "
                             "(budget %s ms per call, all its threads, measured by simarena)"),
                     when, used, budget);
    return Message(tr_noop("controller exceeded its CPU budget %s: the control call was still running after %s ms "
                           "of CPU time (budget %s ms per call, all its threads, measured by simarena)"),
                   when, used, budget);
  }

  Message wall_overrun(bool loading, double wall, bool per_run, const Message& when) const {
    if (loading)
      return Message(tr_noop("controller hung while loading: create() gave no answer within %s s of wall time"),
                     formatted("%g", limits.create_wall));
    if (per_run)
      return Message(
          tr_noop("controller exceeded its wall time for the run %s: its control calls took %s s in all (limit "
                  "%s s per run)"),
          when, formatted("%.1f", stats.wall_total + wall), formatted("%g", limits.wall_per_run));
    return Message(tr_noop("controller hung %s: no answer within %s s of wall time (limit per control call)"), when,
                   formatted("%g", limits.wall_per_call));
  }

  Message exit_in_words(const ChildExit& exit, const Message& when) const {
    const Channel& c = *channel;
    const auto mib = [](uint64_t bytes) { return std::to_string(bytes >> 20); };
    if (exit.memory_fault) {
      // Near its address-space limit, an invalid access is a failed
      // allocation used anyway (malloc's NULL) or a stack that could not grow.
      const uint64_t margin = std::max<uint64_t>(exit.vm_limit_bytes / 10, 64ull << 20);
      if (exit.vm_limit_bytes > 0 && exit.vm_peak_bytes + margin >= exit.vm_limit_bytes)
        return Message(
            tr_noop("controller ran out of memory %s: it made an invalid memory access (SIGSEGV) with its address "
                    "space at %s MiB, at the limit of its %s MiB cap"),
            when, mib(exit.vm_peak_bytes), mib(limits.memory_cap_bytes));
      return Message(
          tr_noop("controller crashed with SIGSEGV (Segmentation fault) %s; its address space peaked at %s MiB "
                  "(cap %s MiB)"),
          when, mib(exit.vm_peak_bytes), mib(limits.memory_cap_bytes));
    }
    if (exit.signaled) {
      // The hard RLIMIT_CPU kills with SIGKILL (a plugin that ignored SIGXCPU).
      const bool cpu_limit =
          exit.code == SIGXCPU ||
          (exit.code == SIGKILL && exit.cpu_seconds >= static_cast<double>(limits.cpu_seconds_total));
      if (cpu_limit && !exit.killed_by_simulator)
        return Message(tr_noop("controller exceeded its total CPU time limit (%s s) %s"),
                       std::to_string(limits.cpu_seconds_total), when);
      if (exit.code == SIGKILL && !exit.killed_by_simulator)
        return Message(
            tr_noop("controller was killed (SIGKILL) %s, not by simarena: most likely by the kernel for lack of "
                    "memory (peak resident memory %s MiB)"),
            when, mib(exit.max_rss_bytes));
      if (exit.code == SIGXFSZ)
        return Message(tr_noop("controller exceeded its scratch disk limit (%s MiB) writing one file %s"),
                       mib(limits.scratch_bytes), when);
      // The SIGSYS reporter names every trapped call, unless the plugin had
      // blocked signals (glibc does while starting a process): then the
      // kernel kills the host with SIGSYS.
      if (exit.code == SIGSYS)
        return Message(tr_noop("controller attempted a forbidden system call (made with signals blocked, as when "
                               "starting a process with system() or posix_spawn) %s"),
                       when);
      return Message(tr_noop("controller crashed with %s %s"), signal_in_words(exit.code), when);
    }
    switch (exit.code) {
      case exit_forbidden_syscall:
        return Message(tr_noop("controller attempted a forbidden system call (%s) %s"),
                       syscall_in_words(c.forbidden_syscall), when);
      case exit_out_of_memory:
        return Message(tr_noop("controller ran out of memory %s: an allocation failed under its %s MiB cap"), when,
                       mib(limits.memory_cap_bytes));
      default:
        return Message(tr_noop("controller ended its process (exit status %s) %s"), exit.code, when);
    }
  }

  // What loading answered, in the simulator's words; the plugin's own
  // words (create()'s message, the loader's error) quoted, cleaned.
  // The same words as the in-process loader's (plugin_controller.cpp), so both read alike in every language.
  std::optional<Message> load_problem() const {
    const Channel& c = *channel;
    const std::string text = untrusted_text(read_text(c.error));
    const auto refused = [&](const char* silent) {
      return Message(tr_noop("controller refused to start: %s"), text.empty() ? Message(silent) : Message(text));
    };
    switch (c.status) {
      case load_ok:
        return std::nullopt;
      case load_dlopen_failed:
        return Message(tr_noop("cannot load controller plugin: %s"), text);
      case load_no_entry:
        return Message(
            tr_noop("not a simarena controller: no exported symbol '%s' (use SIMARENA_EXPORT_CONTROLLER from "
                    "<simarena/custom_interface.hpp>)"),
            SIMARENA_CONTROLLER_ENTRY);
      case load_entry_null:
        return Message(tr_noop("%s() returned NULL"), SIMARENA_CONTROLLER_ENTRY);
      case load_wrong_abi:
        return Message(
            tr_noop("controller built for plugin ABI version %s, this simarena speaks version %s; rebuild it "
                    "against this simarena's SDK"),
            c.abi_version, SIMARENA_CONTROLLER_ABI_VERSION);
      case load_incomplete_table:
        return Message(tr_noop("controller's function table is incomplete; rebuild it against this simarena's SDK"));
      case load_create_failed:
        return refused(tr_noop("create() returned NULL without a message"));
      case load_unserved_extension:
        return unserved_extension_words(read_text(c.name).c_str(), read_text(c.error));
      case load_described:
        return std::nullopt;
      case load_attach_failed:
        return refused(tr_noop("attach() failed without a message"));
      default:
        return Message(tr_noop("controller's host answered the load with an unknown status %s"), c.status);
    }
  }

  void stop_with(const Message& words) {
    fault = words.english();
    fault_words = words;
    process->stop(0);
  }
};

namespace {

// Writes the user and group id maps of the host's new user namespace:
// root inside, an unprivileged id outside. A root judge's host becomes
// 65534 (root is exempt from RLIMIT_NPROC) with the judge's root mapped as
// 1 inside, so files readable only by root stay readable where Landlock
// allows; any other judge's host keeps the judge's own id. Empty on success.
std::string map_host_ids(pid_t pid) {
  const std::string proc = "/proc/" + std::to_string(pid) + "/";
  const auto write_file = [](const std::string& path, const std::string& text) -> std::string {
    std::FILE* file = std::fopen(path.c_str(), "w");
    if (file == nullptr) return "cannot open " + path + ": " + std::strerror(errno);
    const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    const bool closed = std::fclose(file) == 0;
    return written && closed ? "" : "cannot write " + path + ": " + std::strerror(errno);
  };
  const bool root = geteuid() == 0;
  const std::string uid_map = root ? "0 65534 1\n1 0 1\n" : "0 " + std::to_string(geteuid()) + " 1\n";
  const std::string gid_map = root ? "0 65534 1\n1 0 1\n" : "0 " + std::to_string(getegid()) + " 1\n";
  for (const auto& [file, text] :
       {std::pair{"setgroups", std::string("deny")}, std::pair{"uid_map", uid_map}, std::pair{"gid_map", gid_map}})
    if (std::string problem = write_file(proc + file, text); !problem.empty()) return problem;
  return {};
}

std::string readable_list(const std::vector<std::filesystem::path>& folders) {
  std::string list;
  for (const auto& folder : folders) list += std::filesystem::absolute(folder).string() + "\n";
  return list;
}

// Fills the setup every start of the host needs: the plugin, its script and the limits.
void fill_setup(Setup& s, const std::string& plugin, const std::string& script, const SandboxLimits& limits) {
  copy_text(s.plugin_path, plugin, "the plugin path");
  copy_text(s.script_path, script, "the script path");
  copy_text(s.readable, readable_list(limits.readable), "the list of readable folders");
  s.memory_cap_bytes = limits.memory_cap_bytes;
  s.cpu_seconds_total = limits.cpu_seconds_total;
  s.scratch_bytes = limits.scratch_bytes;
  s.open_files = limits.open_files;
  s.tasks = limits.threads;
}

std::filesystem::path host_executable(const SandboxLimits& limits) {
  return limits.host_executable.empty() ? find_controller_host() : limits.host_executable;
}

}  // namespace

// Starts the host with the setup in the channel and waits for its answer
// to the load; throws InputError naming the plugin for every problem.
void SandboxController::Host::start(const std::filesystem::path& executable) {
  Host& h = *this;
  Channel& c = *channel;
  c.request = request_load;
  c.turn = host_turn;
  h.process.emplace(executable, h.channel.fd(), h.report.write_end());
  h.report.close_write_end();
  h.cpu_at_answer = std::max<int64_t>(0, h.process->cpu_ns());
  double wall = 0;
  const Message loading(tr_noop("while loading"));
  auto fault = h.await_answer(true, loading, wall);
  if (!fault && c.ids_wanted == 1) {
    if (const std::string problem = map_host_ids(h.process->pid()); !problem.empty()) {
      h.process->stop(0);
      throw InputError(h.where, tr_noop("the sandbox could not be set up on this machine: %s"), problem);
    }
    c.ids_wanted = 2;
    pass_turn(c, host_turn);
    fault = h.await_answer(true, loading, wall);
  }
  // Written by the host's own code before any plugin code ran, or never.
  const std::optional<SetupReport> report = h.report.read();
  if (report && !report->ok) {
    h.process->stop(0);
    throw InputError(h.where, tr_noop("the sandbox could not be set up on this machine: %s"), read_text(report->error));
  }
  if (!report) {
    if (!fault) h.process->stop(0);
    if (fault)
      throw InputError(h.where, tr_noop("the sandbox could not be set up: its host ended before confining itself (%s)"),
                       *fault);
    throw InputError(h.where, tr_noop("the sandbox could not be set up: its host ended before confining itself"));
  }
  const Confinement& conf = report->confinement;
  h.confinement = {conf.user_namespace == 1, conf.network_namespace == 1, conf.landlock_abi, conf.seccomp == 1,
                   read_text(conf.notes)};
  if (fault) throw InputError(h.where, std::move(*fault));
  if (auto problem = h.load_problem()) {
    h.process->stop(1);
    throw InputError(h.where, std::move(*problem));
  }
}

SandboxController::SandboxController(const std::filesystem::path& controller, const RobotSpec& robot,
                                     const std::string& params, const SandboxLimits& limits) {
  const ControllerFiles files = controller_files(controller);
  if (!std::filesystem::exists(files.plugin))
    throw InputError(files.plugin.string(),
                     tr_noop("controller plugin not found (give a built .so, or a name such as 'stand')"));
  const std::filesystem::path executable = host_executable(limits);
  extensions::CameraShelf shelf;
  host_ = std::make_unique<Host>(limits, files, robot.control_period, CameraFeed::lay_out(robot, shelf));
  Channel& c = *host_->channel;
  c.cameras = shelf;
  Setup& s = c.setup;
  fill_setup(s, host_->plugin, host_->script, limits);
  copy_text(s.params, params, "the parameter string");
  copy_text(s.robot_name, robot.name, "the robot name");
  s.num_joints = robot.num_joints();
  for (int i = 0; i < s.num_joints; ++i) copy_text(s.joint_names[i], robot.joints[i].name, "a joint name");
  s.control_period = robot.control_period;
  s.robot_model = robot_model(robot);
  host_->start(executable);
  host_->name = files.script.empty() ? untrusted_text(read_text(c.name)) : script_controller_name(files.script);
  host_->level = c.high_level_required == 1 ? CommandLevel::high_level : CommandLevel::motor;
  // The simulator renders (the host never gets GL): the cameras the plugin opened.
  auto feed = std::make_unique<CameraFeed>(robot, c.cameras, host_->where);
  if (feed->active()) {
    feed->set_pixels(host_->channel.pixels());
    host_->camera_feed = std::move(feed);
  }
  host_->cpu_at_answer = host_->process->cpu_ns();
}

PluginDescription describe_plugin_sandboxed(const std::filesystem::path& controller, const SandboxLimits& limits) {
  const ControllerFiles files = controller_files(controller);
  if (!std::filesystem::exists(files.plugin))
    throw InputError(files.plugin.string(),
                     tr_noop("controller plugin not found (give a built .so, or a name such as 'stand')"));
  // No control calls: the period only sizes a per-call budget never used.
  SandboxController::Host h(limits, files, 0.002);
  Channel& c = *h.channel;
  fill_setup(c.setup, h.plugin, h.script, limits);
  c.setup.describe_only = 1;
  h.start(host_executable(limits));
  h.process->stop(1);  // it ends by itself after answering
  // The plugin's own account, from its process: every field cleaned or
  // bounded here, and what follows from it judged by the simulator.
  const Description& self = c.description;
  PluginDescription d;
  d.file = h.plugin;
  d.script = h.script;
  d.abi_version = self.abi_version;
  d.struct_size = self.struct_size;
  if (d.abi_version == SIMARENA_CONTROLLER_ABI_VERSION) {
    d.name = untrusted_text(read_text(c.name));
    d.takes_course_info = self.takes_course_info == 1;
    d.attaches = self.attaches == 1;
    const std::string list = read_text(self.extensions);
    for (size_t from = 0; from < list.size() && d.extensions.size() <= extensions::kMaxRequestedExtensions;) {
      const size_t end = std::min(list.find('\n', from), list.size());
      d.extensions.push_back(
          untrusted_text(std::string_view(list).substr(from, end - from), extensions::kMaxExtensionRequestBytes + 3));
      from = end + 1;
    }
  }
  d.problem = description_problem(d, self.table_complete == 1);
  return d;
}

SandboxController::~SandboxController() {
  if (!host_->fault.empty() || !host_->process) return;  // already stopped
  host_->channel->request = request_quit;
  pass_turn(*host_->channel, host_turn);
  host_->process->stop(2.0);  // destroy() gets a moment, then the host is killed
}

const std::string& SandboxController::name() const { return host_->name; }
CommandLevel SandboxController::command_level() const { return host_->level; }

void SandboxController::hear(const HighLevelFeedback& feedback) {
  extensions::write_feedback(host_->channel->high_level, feedback);
}

void SandboxController::see(const SimulatorView& view) {
  if (host_->camera_feed && host_->fault.empty()) host_->camera_feed->capture(view);
}

void SandboxController::set_course_info(const SimarenaCourseInfo& info) {
  host_->channel->course_info = info;
  host_->channel->course_info_pending = 1;
}

StepOutcome SandboxController::step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
  Host& h = *host_;
  if (h.fault_words) return error_outcome(*h.fault_words);
  const uint64_t call = h.stats.calls;
  const double t = static_cast<double>(call) * h.control_period;
  h.shared_core = h.core.follow(h.process->pid());
  Channel& c = *h.channel;
  c.request = request_step;
  c.first_run = first_run ? 1 : 0;
  c.data = data;
  c.cmd = cmd;
  pass_turn(c, host_turn);
  double wall = 0;
  const Message when(tr_noop("at t = %s s"), formatted("%.3f", t));
  const auto waited = h.await_answer(false, when, wall);
  c.course_info_pending = 0;  // delivered with this call
  auto fail = [&](const Message& words) {
    if (h.process->poll() == std::nullopt) h.process->stop(0);
    h.fault = words.english();
    h.fault_words = words;
    return error_outcome(words);
  };
  if (waited) return fail(*waited);
  // One read of the host's CPU clock per call: the time since its last answer.
  const int64_t cpu_now = h.process->cpu_ns();
  if (cpu_now < 0) return fail(h.exit_in_words(h.process->stop(0), when));
  const int64_t cpu_ns = cpu_now - h.cpu_at_answer;
  h.cpu_at_answer = cpu_now;
  const int status = c.status;
  cmd = c.cmd;
  const double cpu = 1e-9 * static_cast<double>(cpu_ns);
  h.stats.calls++;
  h.stats.cpu_total += cpu;
  h.stats.wall_total += wall;
  if (cpu > h.stats.cpu_max) {
    h.stats.cpu_max = cpu;
    h.stats.cpu_max_at = t;
  }
  if (cpu_ns > h.cpu_budget_ns) {
    // A virtual machine's host now and then makes a 5 us call take milliseconds of the guest's CPU time,
    // a few calls in a row (docs/judging.md): a few overruns a second carry on, as the deadline misses the
    // match records; a controller that is too slow keeps overrunning and is stopped.
    if (!h.overrun_allowed(call) || cpu_ns > kCpuOverrunCeiling * h.cpu_budget_ns)
      return fail(h.stop_for(h.cpu_overrun(false, cpu_ns, true, call, when), when));
    h.let_overrun_through(call);
  }
  if (wall > h.limits.wall_per_call)
    return fail(h.stop_for(Message(tr_noop("controller hung %s: the control call took %s s of wall time (limit %s s "
                                           "per call)"),
                                   when, formatted("%.2f", wall), formatted("%g", h.limits.wall_per_call)),
                           when));
  if (h.stats.wall_total > h.limits.wall_per_run) return fail(h.stop_for(h.wall_overrun(false, 0, true, when), when));
  StepOutcome outcome = step_outcome(status, read_text(c.error));
  outcome.cpu_ns = cpu_ns;
  extensions::read_messages(c.messages, outcome);
  if (h.level == CommandLevel::high_level) extensions::read_high_level_frames(c.high_level, outcome);
  return outcome;
}

const SandboxConfinement& SandboxController::confinement() const { return host_->confinement; }
const SandboxCallStats& SandboxController::call_stats() const { return host_->stats; }
double SandboxController::cpu_budget_per_call() const { return 1e-9 * static_cast<double>(host_->cpu_budget_ns); }
const std::string& SandboxController::fault() const { return host_->fault; }

nlohmann::json SandboxController::report() const {
  const Host& h = *host_;
  const SandboxLimits& l = h.limits;
  const SandboxCallStats& s = h.stats;
  return {
      {"enabled", true},
      {"limits",
       {{"cpu_budget_per_call_ms", 1e-6 * static_cast<double>(h.cpu_budget_ns)},
        {"cpu_overruns_per_second", l.cpu_overruns_per_second},
        {"cpu_overrun_ceiling", kCpuOverrunCeiling},
        {"wall_per_call_s", l.wall_per_call},
        {"wall_per_run_s", l.wall_per_run},
        {"memory_cap_mib", l.memory_cap_bytes >> 20},
        {"threads", l.threads},
        {"scratch_mib", l.scratch_bytes >> 20},
        {"open_files", l.open_files},
        {"create_wall_s", l.create_wall},
        {"create_cpu_s", l.create_cpu},
        {"cpu_seconds_total", l.cpu_seconds_total}}},
      {"confinement",
       {{"user_namespace", h.confinement.user_namespace},
        {"network_namespace", h.confinement.network_namespace},
        {"seccomp", h.confinement.seccomp},
        {"landlock_abi", h.confinement.landlock_abi},
        {"reads_confined", h.confinement.landlock_abi > 0},
        {"writes_confined_to_scratch_dir", h.confinement.landlock_abi > 0},
        {"notes", h.confinement.notes}}},
      {"cpu_per_call",
       {{"calls", s.calls},
        {"mean_us", s.calls ? 1e6 * s.cpu_total / static_cast<double>(s.calls) : 0.0},
        {"max_us", 1e6 * s.cpu_max},
        {"max_at_s", s.cpu_max_at},
        {"overruns_let_through", s.overruns},
        {"note",
         "CPU time of the host process (all its threads) per control call, measured by simarena on the host's "
         "process CPU clock; the budget is judged on it"}}},
      {"wall_in_calls_s", s.wall_total},
      {"fault", h.fault.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.fault)},
  };
}

}  // namespace simarena
