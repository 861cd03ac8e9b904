#include "sandbox/host_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace simarena::sandbox {
namespace {

std::runtime_error os_error(const std::string& what) {
  return std::runtime_error("sandbox: " + what + ": " + std::strerror(errno));
}

}  // namespace

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) close(fd_);
}

SharedChannel::SharedChannel(size_t pixel_bytes)
    : fd_(memfd_create("simarena-sandbox", MFD_CLOEXEC | MFD_ALLOW_SEALING)),
      bytes_(kPixelAreaOffset + extensions::page_rounded(pixel_bytes)) {
  if (fd_.get() < 0) throw os_error("memfd_create");
  if (ftruncate(fd_.get(), static_cast<off_t>(bytes_)) != 0) throw os_error("ftruncate");
  if (fcntl(fd_.get(), F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0) throw os_error("memfd seals");
  void* page = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_SHARED, fd_.get(), 0);
  if (page == MAP_FAILED) throw os_error("mmap");
  channel_ = static_cast<Channel*>(page);
  channel_->magic = kChannelMagic;
  channel_->version = kChannelVersion;
  channel_->forbidden_syscall = -1;
}

SharedChannel::~SharedChannel() { munmap(channel_, bytes_); }

ReportPipe::ReportPipe() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) throw os_error("pipe2");
  read_ = UniqueFd(fds[0]);
  write_ = UniqueFd(fds[1]);
}

void ReportPipe::close_write_end() { write_ = UniqueFd(); }

std::optional<SetupReport> ReportPipe::read() {
  SetupReport report{};
  // One write of less than PIPE_BUF bytes: it arrives whole or not at all.
  const ssize_t got = ::read(read_.get(), &report, sizeof(report));
  if (got != static_cast<ssize_t>(sizeof(report))) return std::nullopt;
  report.error[sizeof(report.error) - 1] = '\0';
  report.confinement.notes[sizeof(report.confinement.notes) - 1] = '\0';
  return report;
}

namespace {

// The environment the host gets: nothing of the judge's (no HOME, no
// paths, no tokens), except a sanitizer build's own options.
std::vector<std::string> host_environment() {
  std::vector<std::string> kept;
  for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"})
    if (const char* value = std::getenv(name)) kept.push_back(std::string(name) + "=" + value);
  return kept;
}

// A "Name:   123 kB" field of /proc/<pid>/status, bytes; 0 if absent.
uint64_t status_kib_field(pid_t pid, const char* field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  const std::string key = std::string(field) + ":";
  while (std::getline(status, line))
    if (line.rfind(key, 0) == 0) return 1024ull * std::strtoull(line.c_str() + key.size(), nullptr, 10);
  return 0;
}

// The soft RLIMIT_AS of another process, bytes; 0 if unknown.
uint64_t address_space_limit(pid_t pid) {
  rlimit limit{};
  if (prlimit(pid, RLIMIT_AS, nullptr, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 0;
  return limit.rlim_cur;
}

double cpu_seconds_of(const rusage& usage) {
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec);
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

HostProcess::HostProcess(const std::filesystem::path& executable, int channel_fd, int report_fd) {
  // Keep the channel and the pipe off fds 3 and 4 in this process, so dup2
  // onto them really clears close-on-exec and neither overwrites the other.
  UniqueFd moved_channel(fcntl(channel_fd, F_DUPFD_CLOEXEC, kReportFd + 1));
  UniqueFd moved_report(fcntl(report_fd, F_DUPFD_CLOEXEC, kReportFd + 1));
  if (moved_channel.get() < 0 || moved_report.get() < 0) throw os_error("fcntl(F_DUPFD_CLOEXEC)");

  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_adddup2(&files, moved_channel.get(), kChannelFd);
  posix_spawn_file_actions_adddup2(&files, moved_report.get(), kReportFd);
  posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  const std::string path = executable.string();
  const std::string parent = std::to_string(getpid());
  char* argv[] = {const_cast<char*>(path.c_str()), const_cast<char*>(parent.c_str()), nullptr};
  std::vector<std::string> environment = host_environment();
  std::vector<char*> envp;
  for (std::string& variable : environment) envp.push_back(variable.data());
  envp.push_back(nullptr);
  const int rc = posix_spawn(&pid_, path.c_str(), &files, &attr, argv, envp.data());
  posix_spawn_file_actions_destroy(&files);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    errno = rc;
    throw os_error("cannot start " + path);
  }
  if (clock_getcpuclockid(pid_, &cpu_clock_) != 0) cpu_clock_ = -1;
}

HostProcess::~HostProcess() {
  if (!exit_) stop(0);
}

std::optional<ChildExit> HostProcess::reap(int options) {
  int status = 0;
  rusage usage{};
  pid_t got;
  while ((got = wait4(pid_, &status, options | WUNTRACED, &usage)) < 0 && errno == EINTR) {
  }
  if (got != pid_) return std::nullopt;
  if (WIFSTOPPED(status) && WSTOPSIG(status) != SIGSTOP) {
    kill(pid_, SIGCONT);  // a terminal's stop (Ctrl-Z) of the whole group: not the host's doing
    return std::nullopt;
  }
  if (WIFSTOPPED(status)) {
    // The host's handler stopped it on an invalid memory access: measure
    // the address space now (it is gone once the process is), then kill it.
    ChildExit fault;
    fault.memory_fault = true;
    fault.vm_peak_bytes = status_kib_field(pid_, "VmPeak");
    fault.vm_limit_bytes = address_space_limit(pid_);
    kill(pid_, SIGKILL);
    while ((got = wait4(pid_, &status, 0, &usage)) < 0 && errno == EINTR) {
    }
    fault.signaled = true;
    fault.code = SIGSEGV;
    fault.max_rss_bytes = 1024ull * static_cast<uint64_t>(usage.ru_maxrss);
    fault.cpu_seconds = cpu_seconds_of(usage);
    exit_ = fault;
    return exit_;
  }
  ChildExit done;
  done.signaled = WIFSIGNALED(status);
  done.code = done.signaled ? WTERMSIG(status) : WEXITSTATUS(status);
  done.killed_by_simulator = killed_ && done.signaled && done.code == SIGKILL;
  done.max_rss_bytes = 1024ull * static_cast<uint64_t>(usage.ru_maxrss);
  done.cpu_seconds = cpu_seconds_of(usage);
  exit_ = done;
  return exit_;
}

std::optional<ChildExit> HostProcess::poll() {
  if (exit_) return exit_;
  return reap(WNOHANG);
}

ChildExit HostProcess::stop(double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!poll() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (!exit_) {
    killed_ = true;
    kill(pid_, SIGKILL);
    while (!reap(0)) {
    }
  }
  return *exit_;
}

int64_t HostProcess::cpu_ns() const {
  timespec t{};
  if (exit_ || cpu_clock_ == -1 || clock_gettime(cpu_clock_, &t) != 0) return -1;
  return static_cast<int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

}  // namespace simarena::sandbox
