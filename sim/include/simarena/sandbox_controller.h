// A controller plugin run in a confined child process (the
// simarena-controller-host executable), in lockstep with the simulator
// through shared memory. The plugin is the same .so as in-process; the
// child has no network, cannot start processes or exec, writes files only
// in a scratch directory, and runs under memory and CPU caps. A crash, hang,
// CPU-budget overrun or forbidden system call stops the controller with a
// plain-words error, like any controller error; the simulator carries on.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "simarena/controller_host.h"
#include "simarena/robot_spec.h"

namespace simarena {

struct SandboxLimits {
  uint64_t memory_cap_bytes = 1024ull << 20;  // address space the plugin may add to the host's own
  double cpu_budget_per_call = 0;             // s of CPU time per control call; 0: the control period
  double hang_timeout = 10;                   // s of wall time without an answer: the host is killed
  double load_timeout = 60;                   // s of wall time for loading and create()
  uint64_t cpu_seconds_total = 3600;          // RLIMIT_CPU of the host
  uint64_t file_size_bytes = 64ull << 20;     // RLIMIT_FSIZE
  uint32_t open_files = 64;                   // RLIMIT_NOFILE
  std::filesystem::path scratch_parent;       // where the scratch directory goes; empty: $TMPDIR or /tmp
  std::filesystem::path host_executable;      // empty: find_controller_host()
};

// What the child managed to put in place (kernels differ).
struct SandboxConfinement {
  bool network_namespace = false;
  int landlock_abi = 0;  // 0: writes outside the scratch dir refused by seccomp instead (all file writes)
  bool seccomp = false;
  std::string notes;  // why something was not available
};

// CPU time of the plugin's step() per call, measured in the child on the
// calling thread's CPU clock. Recorded for the result, not scored.
struct SandboxCallStats {
  uint64_t calls = 0;
  double cpu_total = 0;   // s
  double cpu_max = 0;     // s
  double cpu_max_at = 0;  // simulated time of the slowest call, s
};

class SandboxController final : public Controller {
 public:
  // Starts the host and loads the plugin inside it. Throws InputError naming
  // the file for the problems load_plugin reports, and for a plugin that
  // faults while loading.
  SandboxController(const std::filesystem::path& library, const RobotSpec& robot, const std::string& params,
                    const SandboxLimits& limits);
  ~SandboxController() override;

  const std::string& name() const override;
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
};

// The plugin in-process (no limits) or sandboxed; `sandboxed` points at the
// SandboxController when there is one, for its report().
std::unique_ptr<Controller> load_controller(const std::filesystem::path& library, const RobotSpec& robot,
                                            const std::string& params, const std::optional<SandboxLimits>& limits,
                                            const SandboxController** sandboxed);

// The simarena-controller-host executable: next to the running program,
// then in the build tree, then in the install prefix. Throws if none exists.
std::filesystem::path find_controller_host();

}  // namespace simarena
