#include "simarena/tournament/tournament_workers.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <stdexcept>

namespace simarena {
namespace {

using Clock = std::chrono::steady_clock;

// Blocks the signals the pool waits for (sigtimedwait), restoring the mask after.
class BlockedSignals {
 public:
  BlockedSignals() {
    sigemptyset(&set_);
    for (int s : {SIGCHLD, SIGINT, SIGTERM, SIGHUP}) sigaddset(&set_, s);
    sigprocmask(SIG_BLOCK, &set_, &previous_);
  }
  ~BlockedSignals() { sigprocmask(SIG_SETMASK, &previous_, nullptr); }
  BlockedSignals(const BlockedSignals&) = delete;
  BlockedSignals& operator=(const BlockedSignals&) = delete;
  const sigset_t& set() const { return set_; }
  const sigset_t& previous() const { return previous_; }

 private:
  sigset_t set_{}, previous_{};
};

struct Running {
  const WorkerTask* task;
  Clock::time_point started;
};

pid_t start_child(const WorkerTask& task, const sigset_t& child_mask) {
  std::vector<char*> argv;
  for (const std::string& arg : task.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const int out = open(task.output.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0) throw std::runtime_error(task.output.string() + ": cannot write the run's log: " + std::strerror(errno));
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) {  // only async-signal-safe calls until exec
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(125);  // the parent is already gone
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    const int null = open("/dev/null", O_RDONLY);
    if (null >= 0) dup2(null, STDIN_FILENO);
    sigprocmask(SIG_SETMASK, &child_mask, nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out);
  if (pid < 0) throw std::runtime_error(std::string("cannot start a run's process: ") + std::strerror(errno));
  return pid;
}

WorkerExit exit_of(int status, Clock::time_point started) {
  WorkerExit exit;
  exit.signaled = WIFSIGNALED(status);
  exit.code = exit.signaled ? WTERMSIG(status) : WEXITSTATUS(status);
  exit.wall = Clock::now() - started;
  return exit;
}

void end_children(std::map<pid_t, Running>& running) {
  for (const auto& [pid, r] : running) kill(pid, SIGTERM);
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  while (!running.empty()) {
    for (auto it = running.begin(); it != running.end();) {
      int status = 0;
      it = waitpid(it->first, &status, WNOHANG) == it->first ? running.erase(it) : std::next(it);
    }
    if (running.empty()) break;
    if (Clock::now() > deadline)
      for (const auto& [pid, r] : running) kill(pid, SIGKILL);
    usleep(20000);
  }
}

}  // namespace

PoolEnd run_worker_processes(const std::vector<WorkerTask>& tasks, int parallel,
                             const std::function<void(const WorkerTask&, const WorkerExit&)>& on_exit,
                             const std::function<void()>& on_tick) {
  const BlockedSignals signals;
  std::map<pid_t, Running> running;
  size_t next = 0;
  auto last_tick = Clock::now();
  while (next < tasks.size() || !running.empty()) {
    while (next < tasks.size() && static_cast<int>(running.size()) < std::max(parallel, 1)) {
      const pid_t pid = start_child(tasks[next], signals.previous());
      running[pid] = {&tasks[next++], Clock::now()};
    }
    const timespec wait{0, 250'000'000};
    siginfo_t info{};
    const int sig = sigtimedwait(&signals.set(), &info, &wait);
    if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP) {
      end_children(running);
      return PoolEnd::interrupted;
    }
    for (auto it = running.begin(); it != running.end();) {
      int status = 0;
      if (waitpid(it->first, &status, WNOHANG) != it->first) {
        ++it;
        continue;
      }
      const Running done = it->second;
      it = running.erase(it);
      on_exit(*done.task, exit_of(status, done.started));
    }
    if (Clock::now() - last_tick >= std::chrono::seconds(1) || sig == SIGCHLD) {
      last_tick = Clock::now();
      on_tick();
    }
  }
  return PoolEnd::finished;
}

}  // namespace simarena
