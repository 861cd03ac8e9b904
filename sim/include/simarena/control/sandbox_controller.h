// A controller plugin run in a confined child process (the
// simarena-controller-host executable), in lockstep with the simulator
// through shared memory. The plugin is the same .so as in-process; the
// child has no network, cannot start processes or exec, reads only its own
// file and the system's libraries, writes only in a private size-capped
// scratch folder, and runs under the SandboxLimits. A crash, hang, overrun
// or forbidden system call stops the controller with an error the
// simulator words from what it observed itself (exit status, signal, its
// own clocks, /proc), like any controller error; the simulator carries on.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "simarena/control/controller_interface.h"
#include "simarena/control/plugin_description.h"
#include "simarena/physics/robot_spec.h"

namespace simarena {

// Every limit a sandboxed controller runs under; docs/judging.md has them
// in one table with their defaults. Each is enforced and named when hit.
struct SandboxLimits {
  double cpu_budget_per_call = 0;  // s of CPU time per control call, all the host's threads; 0: the control period
  // Calls in any 1 s of simulated time that may go over the budget (each up
  // to kCpuOverrunCeiling times it) and carry on, as deadline misses; one
  // more stops the controller. 0: the first call over the budget stops it.
  uint32_t cpu_overruns_per_second = 3;
  double wall_per_call = 1;                   // s of wall time per control call
  double wall_per_run = 180;                  // s of wall time in control calls over the whole run
  uint64_t memory_cap_bytes = 1024ull << 20;  // address space the plugin may add to the host's own
  uint32_t threads = 64;                      // threads of the host, its main thread included
  uint64_t scratch_bytes = 64ull << 20;       // size of the private scratch folder (a tmpfs), also the file size cap
  uint32_t open_files = 64;                   // RLIMIT_NOFILE
  double create_wall = 10;                    // s of wall time for loading the plugin and create()
  double create_cpu = 5;                      // s of CPU time for loading the plugin and create()
  uint64_t cpu_seconds_total = 3600;          // RLIMIT_CPU of the host: a backstop
  // Folders the plugin may read besides its own file and the system's
  // libraries (a folder entry's folder, for its data and libraries).
  std::vector<std::filesystem::path> readable;
  std::filesystem::path host_executable;  // empty: find_controller_host()
};

// A call still running after this many times its CPU budget is stopped
// at once, however few calls went over it before.
inline constexpr int kCpuOverrunCeiling = 5;

// What the child put in place.
struct SandboxConfinement {
  bool user_namespace = false;
  bool network_namespace = false;
  int landlock_abi = 0;
  bool seccomp = false;
  std::string notes;  // what the kernel did not offer
};

// CPU time per control call, measured by simarena on the host process's
// CPU clock (all its threads, from one answer to the next).
struct SandboxCallStats {
  uint64_t calls = 0;
  double cpu_total = 0;   // s
  double cpu_max = 0;     // s
  double cpu_max_at = 0;  // simulated time of the slowest call, s
  double wall_total = 0;  // s of wall time waiting for answers
  uint64_t overruns = 0;  // calls over the CPU budget let through (SandboxLimits::cpu_overruns_per_second)
};

class SandboxController final : public Controller {
 public:
  // Starts the host and loads the plugin inside it (for a script, its
  // runtime plugin with the script readable). Throws InputError naming the
  // file for the problems load_plugin reports, and for a plugin that faults
  // while loading.
  SandboxController(const std::filesystem::path& controller, const RobotSpec& robot, const std::string& params,
                    const SandboxLimits& limits);
  ~SandboxController() override;

  const std::string& name() const override;
  CommandLevel command_level() const override;
  void hear(const HighLevelFeedback& feedback) override;
  void see(const SimulatorView& view) override;
  StepOutcome step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) override;
  // Passed to the plugin in the host just before the next step.
  void set_course_info(const SimarenaCourseInfo& info) override;

  const SandboxConfinement& confinement() const;
  const SandboxCallStats& call_stats() const;
  double cpu_budget_per_call() const;  // s, as resolved
  const std::string& fault() const;    // the plain-words fault that stopped it, or empty

  // For the run's JSON result: limits, confinement, per-call CPU times, fault.
  nlohmann::json report() const;

 private:
  struct Host;
  std::unique_ptr<Host> host_;
  friend PluginDescription describe_plugin_sandboxed(const std::filesystem::path&, const SandboxLimits&);
};

// The plugin (or script, controller_files.h) in-process (no limits) or
// sandboxed; `sandboxed` points at the SandboxController when there is one,
// for its report().
std::unique_ptr<Controller> load_controller(const std::filesystem::path& controller, const RobotSpec& robot,
                                            const std::string& params, const std::optional<SandboxLimits>& limits,
                                            const SandboxController** sandboxed);

// describe_plugin() with the plugin loaded in the sandbox's host, confined
// and under `limits`, instead of in this process: the way to look at a
// plugin you would not run unconfined. Its table is read there, no
// instance is created; what it says is the plugin's word, cleaned here.
PluginDescription describe_plugin_sandboxed(const std::filesystem::path& library, const SandboxLimits& limits);

// The simarena-controller-host executable: next to the running program,
// then in the build tree, then in the install prefix. Throws if none exists.
std::filesystem::path find_controller_host();

}  // namespace simarena
