// The operating-system resources behind one sandboxed controller, each
// released by its destructor: the shared channel (a sealed memfd, mapped),
// the scratch directory, and the host child process, which is always reaped.
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
  UniqueFd& operator=(UniqueFd&&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// A zeroed Channel in a memfd, sealed against resizing so the host cannot
// shrink it under the simulator's mapping.
class SharedChannel {
 public:
  SharedChannel();
  ~SharedChannel();
  SharedChannel(const SharedChannel&) = delete;
  SharedChannel& operator=(const SharedChannel&) = delete;
  Channel& operator*() const { return *channel_; }
  Channel* operator->() const { return channel_; }
  int fd() const { return fd_.get(); }

 private:
  UniqueFd fd_;
  Channel* channel_ = nullptr;
};

// A fresh private directory under `parent` (or $TMPDIR, /tmp), removed with
// everything in it.
class ScratchDir {
 public:
  explicit ScratchDir(const std::filesystem::path& parent);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct ChildExit {
  bool signaled = false;  // killed by `code` (a signal number), else exited with status `code`
  int code = 0;
};

// The host executable, started with `channel_fd` as its fd 3, stdin from
// /dev/null and default signal dispositions.
class HostProcess {
 public:
  HostProcess(const std::filesystem::path& executable, int channel_fd);
  ~HostProcess();  // kills it if still running, and reaps it
  HostProcess(const HostProcess&) = delete;
  HostProcess& operator=(const HostProcess&) = delete;

  // The exit, once it happened (reaps it); nullopt while it runs.
  std::optional<ChildExit> poll();
  // Waits up to `seconds` for it to exit, then kills it; always reaps.
  ChildExit stop(double seconds);
  // CPU time the whole host has used, s (0 once it is gone).
  double cpu_seconds() const;
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  clockid_t cpu_clock_{};
  std::optional<ChildExit> exit_;
};

}  // namespace simarena::sandbox
