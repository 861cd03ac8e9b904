#include "confinement.h"

#include <fcntl.h>
#include <linux/mount.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

namespace simarena::sandbox {
namespace {

std::runtime_error os_error(const std::string& what) { return std::runtime_error(what + ": " + strerror(errno)); }

// Address space mapped right now (the loader, libc, libstdc++, the channel).
uint64_t current_address_space_bytes() {
  FILE* statm = std::fopen("/proc/self/statm", "r");
  if (statm == nullptr) throw os_error("cannot read /proc/self/statm");
  unsigned long pages = 0;
  const int read = std::fscanf(statm, "%lu", &pages);
  std::fclose(statm);
  if (read != 1) throw std::runtime_error("cannot parse /proc/self/statm");
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

void set_limit(int resource, const char* name, rlim_t soft, rlim_t hard) {
  const rlimit limit{soft, hard};
  if (setrlimit(resource, &limit) != 0) throw os_error(std::string("cannot set ") + name);
}

}  // namespace

void add_note(Confinement& out, const char* note) {
  const size_t used = std::strlen(out.notes);
  std::snprintf(out.notes + used, sizeof(out.notes) - used, "%s%s", used ? "; " : "", note);
}

void enter_namespaces(Channel& c, Confinement& out) {
  if (unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET) != 0)
    throw os_error(
        "cannot enter a user namespace (the sandbox needs unprivileged user namespaces: "
        "sysctl kernel.unprivileged_userns_clone=1, user.max_user_namespaces > 0)");
  // The simulator maps our ids (see map_host_ids in the simulator).
  c.ids_wanted = 1;
  pass_turn(c, simulator_turn);
  while (!wait_for_turn(c, host_turn, 100, nullptr)) {
  }
  if (c.ids_wanted != 2) throw std::runtime_error("the simulator did not map the host's ids");
  if (setresgid(0, 0, 0) != 0 || setresuid(0, 0, 0) != 0) throw os_error("cannot take the namespace's ids");
  // A change of ids clears the parent-death signal: set it again, so the
  // host dies with simarena.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  out.user_namespace = 1;
  out.network_namespace = 1;
}

int make_scratch_file_system(uint64_t bytes) {
  const int fs = static_cast<int>(syscall(SYS_fsopen, "tmpfs", FSOPEN_CLOEXEC));
  if (fs < 0) throw os_error("cannot create the scratch file system (fsopen tmpfs)");
  const std::string size = std::to_string(bytes);
  const bool configured = syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "size", size.c_str(), 0) == 0 &&
                          syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "nr_inodes", "4096", 0) == 0 &&
                          syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "mode", "0700", 0) == 0 &&
                          syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, nullptr, nullptr, 0) == 0;
  const int mount = configured ? static_cast<int>(syscall(SYS_fsmount, fs, FSMOUNT_CLOEXEC,
                                                          MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC))
                               : -1;
  const int saved = errno;
  close(fs);
  errno = saved;
  if (mount < 0) throw os_error("cannot create the scratch file system (tmpfs)");
  if (fchdir(mount) != 0) throw os_error("cannot enter the scratch file system");
  return mount;
}

void apply_resource_limits(const Setup& setup) {
  const uint64_t address_space = current_address_space_bytes() + setup.memory_cap_bytes;
  set_limit(RLIMIT_AS, "RLIMIT_AS", address_space, address_space);
  // SIGXCPU at the soft limit names the fault; the hard limit kills.
  set_limit(RLIMIT_CPU, "RLIMIT_CPU", setup.cpu_seconds_total, setup.cpu_seconds_total + 1);
  set_limit(RLIMIT_FSIZE, "RLIMIT_FSIZE", setup.scratch_bytes, setup.scratch_bytes);
  set_limit(RLIMIT_NOFILE, "RLIMIT_NOFILE", setup.open_files, setup.open_files);
  set_limit(RLIMIT_CORE, "RLIMIT_CORE", 0, 0);  // a crash must not litter the judge's disk
  // Counted per user namespace: the host's own threads, its main one included.
  set_limit(RLIMIT_NPROC, "RLIMIT_NPROC", setup.tasks, setup.tasks);
}

namespace {

// Where the handler runs when the stack itself overflowed.
alignas(16) char fault_stack[64 * 1024];

void stop_for_the_simulator(int) { raise(SIGSTOP); }

}  // namespace

void install_memory_fault_handler() {
  stack_t stack{};
  stack.ss_sp = fault_stack;
  stack.ss_size = sizeof(fault_stack);
  if (sigaltstack(&stack, nullptr) != 0) throw os_error("sigaltstack");
  struct sigaction action {};
  action.sa_handler = stop_for_the_simulator;
  action.sa_flags = SA_ONSTACK | SA_NODEFER;
  sigemptyset(&action.sa_mask);
  if (sigaction(SIGSEGV, &action, nullptr) != 0) throw os_error("cannot install the SIGSEGV handler");
}

}  // namespace simarena::sandbox
