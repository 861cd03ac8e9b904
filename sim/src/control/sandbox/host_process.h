// The operating-system resources behind one sandboxed controller, each
// released by its destructor: the shared channel (a sealed memfd, mapped),
// the setup report pipe, and the host child process, which is always
// reaped. The scratch folder is the host's own (a private tmpfs that
// vanishes with it), so nothing is left on disk even if simarena is killed.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>

#include "sandbox/channel.h"

namespace simarena::sandbox {

class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  ~UniqueFd();
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      UniqueFd old(std::exchange(fd_, std::exchange(other.fd_, -1)));
    }
    return *this;
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// A zeroed Channel in a memfd, sealed against resizing so the host cannot
// shrink it under the simulator's mapping; after it, page aligned, a pixel
// area of `pixel_bytes` for camera images (untouched pages cost nothing).
class SharedChannel {
 public:
  explicit SharedChannel(size_t pixel_bytes = 0);
  ~SharedChannel();
  SharedChannel(const SharedChannel&) = delete;
  SharedChannel& operator=(const SharedChannel&) = delete;
  Channel& operator*() const { return *channel_; }
  Channel* operator->() const { return channel_; }
  int fd() const { return fd_.get(); }
  unsigned char* pixels() const { return reinterpret_cast<unsigned char*>(channel_) + kPixelAreaOffset; }

 private:
  UniqueFd fd_;
  Channel* channel_ = nullptr;
  size_t bytes_ = 0;  // mapped
};

// The read end of the setup report pipe; the write end goes to the host.
class ReportPipe {
 public:
  ReportPipe();
  int write_end() const { return write_.get(); }
  void close_write_end();  // once the host holds its copy
  // The report, if the host wrote a whole one (non-blocking).
  std::optional<SetupReport> read();

 private:
  UniqueFd read_, write_;
};

struct ChildExit {
  bool signaled = false;  // killed by `code` (a signal number), else exited with status `code`
  int code = 0;
  bool killed_by_simulator = false;  // the SIGKILL was ours
  // The host's handler for invalid memory accesses stopped it (SIGSTOP):
  // the simulator read its memory use while it was stopped, then killed it.
  bool memory_fault = false;
  uint64_t vm_peak_bytes = 0;   // address space at its peak (memory_fault only)
  uint64_t vm_limit_bytes = 0;  // its RLIMIT_AS (memory_fault only)
  uint64_t max_rss_bytes = 0;   // peak resident memory, from the kernel's accounting
  double cpu_seconds = 0;       // user + system CPU time, from the kernel's accounting
};

// The host executable, started with `channel_fd` as its fd 3, the report
// pipe's write end as fd 4, stdin from /dev/null, default signal
// dispositions and an empty environment (sanitizer options excepted).
class HostProcess {
 public:
  HostProcess(const std::filesystem::path& executable, int channel_fd, int report_fd);
  ~HostProcess();  // kills it if still running, and reaps it
  HostProcess(const HostProcess&) = delete;
  HostProcess& operator=(const HostProcess&) = delete;

  // The exit, once it happened (reaps it); nullopt while it runs. A host
  // stopped by its memory-fault handler is measured, killed and reaped.
  std::optional<ChildExit> poll();
  // Waits up to `seconds` for it to exit, then kills it; always reaps.
  ChildExit stop(double seconds);
  // CPU time all the host's threads have used, ns, from its process CPU
  // clock (-1 once it is gone).
  int64_t cpu_ns() const;
  pid_t pid() const { return pid_; }

 private:
  std::optional<ChildExit> reap(int options);
  pid_t pid_ = -1;
  clockid_t cpu_clock_{};
  bool killed_ = false;
  std::optional<ChildExit> exit_;
};

}  // namespace simarena::sandbox
