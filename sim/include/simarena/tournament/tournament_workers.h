// Runs a tournament's jobs as child processes, at most `parallel` at once,
// so a run that crashes, hangs or exhausts memory takes nothing else with it.
// Each child is fork/exec'd with its output going to its own log file, and
// dies with the parent (PR_SET_PDEATHSIG): a tournament killed at any moment
// leaves no orphan that could still record a run behind a restarted one.
// SIGINT, SIGTERM and SIGHUP stop the pool: the children are ended and the
// runs they had not recorded stay pending.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace simarena {

struct WorkerTask {
  size_t job = 0;                 // the caller's job index
  std::vector<std::string> argv;  // argv[0] is the executable's path
  std::filesystem::path output;   // stdout and stderr, truncated first
};

struct WorkerExit {
  bool signaled = false;  // killed by `code` as a signal; otherwise exited with `code`
  int code = 0;
  std::chrono::duration<double> wall{};  // how long it ran
};

enum class PoolEnd { finished, interrupted };

// `on_exit` runs in this process as each child ends (not for children ended
// because the pool was interrupted); `on_tick` at least once a second.
// Throws std::runtime_error when a child cannot be started.
PoolEnd run_worker_processes(const std::vector<WorkerTask>& tasks, int parallel,
                             const std::function<void(const WorkerTask&, const WorkerExit&)>& on_exit,
                             const std::function<void()>& on_tick);

}  // namespace simarena
