// The sandbox's limit options, the same on `run` and `tournament`
// (docs/judging.md section 5 has them in one table).
#pragma once

#include <CLI/CLI.hpp>

#include "option_checks.h"
#include "simarena/control/sandbox_settings.h"

namespace simarena::cli {

inline void add_sandbox_options(CLI::App* cmd, SandboxSettings& s) {
  cmd->add_option("--memory-cap", s.memory_cap_mib, "sandbox: memory each controller may use, MiB")
      ->check(unsigned_integer(1))
      ->capture_default_str();
  cmd->add_option("--cpu-budget", s.cpu_budget_ms,
                  "sandbox: CPU time per control call, ms (default: the control period)")
      ->check(positive_number(tr("milliseconds")));
  cmd->add_option("--cpu-overruns", s.cpu_overruns_per_second,
                  "sandbox: control calls in any 1 s of simulated time that may go over the CPU budget (each up to 5 "
                  "times it), as deadline misses; one more stops the controller; 0: the first stops it")
      ->check(unsigned_integer(0, 500))
      ->capture_default_str();
  const auto seconds = [&](const char* name, double& value, const char* what) {
    cmd->add_option(name, value, what)->check(positive_number(tr("seconds")))->capture_default_str();
  };
  const auto count = [&](const char* name, auto& value, const char* what) {
    cmd->add_option(name, value, what)->check(unsigned_integer(1, 1u << 20))->capture_default_str();
  };
  seconds("--wall-per-call", s.wall_per_call_s, "sandbox: wall time per control call, s");
  seconds("--wall-per-run", s.wall_per_run_s, "sandbox: wall time in control calls over one run, s");
  count("--threads", s.threads, "sandbox: threads a controller may run, its main one included");
  count("--scratch", s.scratch_mib, "sandbox: size of a controller's scratch folder, MiB");
  count("--open-files", s.open_files, "sandbox: files a controller may hold open");
  seconds("--create-time", s.create_time_s, "sandbox: wall time for loading a controller and its create(), s");
  seconds("--create-cpu", s.create_cpu_s, "sandbox: CPU time for loading a controller and its create(), s");
}

}  // namespace simarena::cli
