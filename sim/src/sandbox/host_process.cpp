#include "sandbox/host_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>

extern char** environ;

namespace simarena::sandbox {
namespace {

std::runtime_error os_error(const std::string& what) {
  return std::runtime_error("sandbox: " + what + ": " + std::strerror(errno));
}

}  // namespace

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) close(fd_);
}

SharedChannel::SharedChannel() : fd_(memfd_create("simarena-sandbox", MFD_CLOEXEC | MFD_ALLOW_SEALING)) {
  if (fd_.get() < 0) throw os_error("memfd_create");
  if (ftruncate(fd_.get(), sizeof(Channel)) != 0) throw os_error("ftruncate");
  if (fcntl(fd_.get(), F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0) throw os_error("memfd seals");
  void* page = mmap(nullptr, sizeof(Channel), PROT_READ | PROT_WRITE, MAP_SHARED, fd_.get(), 0);
  if (page == MAP_FAILED) throw os_error("mmap");
  channel_ = static_cast<Channel*>(page);
  channel_->magic = kChannelMagic;
  channel_->version = kChannelVersion;
  channel_->forbidden_syscall = -1;
}

SharedChannel::~SharedChannel() { munmap(channel_, sizeof(Channel)); }

ScratchDir::ScratchDir(const std::filesystem::path& parent) {
  std::filesystem::path base = parent;
  if (base.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    base = tmp && *tmp ? tmp : "/tmp";
  }
  std::string pattern = (base / "simarena-sandbox-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw os_error("cannot create a scratch directory in " + base.string());
  path_ = pattern;
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

HostProcess::HostProcess(const std::filesystem::path& executable, int channel_fd) {
  // Keep the channel off fd 3 in this process, so dup2 onto 3 really clears close-on-exec.
  UniqueFd moved(channel_fd == kChannelFd ? fcntl(channel_fd, F_DUPFD_CLOEXEC, kChannelFd + 1) : -1);
  const int source = moved.get() >= 0 ? moved.get() : channel_fd;

  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_adddup2(&files, source, kChannelFd);
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
  const int rc = posix_spawn(&pid_, path.c_str(), &files, &attr, argv, environ);
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

std::optional<ChildExit> HostProcess::poll() {
  if (exit_) return exit_;
  siginfo_t info{};
  if (waitid(P_PID, pid_, &info, WEXITED | WNOHANG) != 0 || info.si_pid != pid_) return std::nullopt;
  exit_ = ChildExit{info.si_code != CLD_EXITED, info.si_status};
  return exit_;
}

ChildExit HostProcess::stop(double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!poll() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (!exit_) {
    kill(pid_, SIGKILL);
    siginfo_t info{};
    while (waitid(P_PID, pid_, &info, WEXITED) != 0 && errno == EINTR) {
    }
    exit_ = ChildExit{info.si_code != CLD_EXITED, info.si_status};
  }
  return *exit_;
}

double HostProcess::cpu_seconds() const {
  timespec t{};
  if (exit_ || cpu_clock_ == -1 || clock_gettime(cpu_clock_, &t) != 0) return 0;
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

}  // namespace simarena::sandbox
