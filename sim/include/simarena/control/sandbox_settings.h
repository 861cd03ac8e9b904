// The sandbox's limits as a judge states them (MiB, ms, s): what the
// `run` and `tournament` options set and a tournament plan line records.
// limits() turns them into the SandboxLimits the sandbox enforces.
#pragma once

#include <cstdint>

#include "simarena/control/sandbox_controller.h"

namespace simarena {

struct SandboxSettings {
  uint64_t memory_cap_mib = SandboxLimits{}.memory_cap_bytes >> 20;
  double cpu_budget_ms = 0;  // 0: the control period
  uint32_t cpu_overruns_per_second = SandboxLimits{}.cpu_overruns_per_second;
  double wall_per_call_s = SandboxLimits{}.wall_per_call;
  double wall_per_run_s = SandboxLimits{}.wall_per_run;
  uint32_t threads = SandboxLimits{}.threads;
  uint64_t scratch_mib = SandboxLimits{}.scratch_bytes >> 20;
  uint32_t open_files = SandboxLimits{}.open_files;
  double create_time_s = SandboxLimits{}.create_wall;
  double create_cpu_s = SandboxLimits{}.create_cpu;

  SandboxLimits limits() const {
    SandboxLimits l;
    l.memory_cap_bytes = memory_cap_mib << 20;
    l.cpu_budget_per_call = 1e-3 * cpu_budget_ms;
    l.cpu_overruns_per_second = cpu_overruns_per_second;
    l.wall_per_call = wall_per_call_s;
    l.wall_per_run = wall_per_run_s;
    l.threads = threads;
    l.scratch_bytes = scratch_mib << 20;
    l.open_files = open_files;
    l.create_wall = create_time_s;
    l.create_cpu = create_cpu_s;
    return l;
  }
};

}  // namespace simarena
