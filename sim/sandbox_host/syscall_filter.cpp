// The seccomp filter of the sandboxed host: an allow-list of what
// computation, memory management, threads, time and reading files need
// (glibc, libstdc++ and the dynamic loader included). Anything else, above
// all sockets, exec, new processes, ptrace and signals to other processes,
// traps: the SIGSYS reporter names the call to the simulator and the host
// exits. A few harmless-to-refuse calls return an error instead, so a
// plugin that merely probes (ioctl on a terminal, raising its own limits)
// keeps running.
#include <fcntl.h>
#include <linux/sched.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "confinement.h"

namespace simarena::sandbox {
namespace {

// Where the SIGSYS handler reports. A signal handler has no other way to
// reach it; set once, before the filter is loaded.
Channel* reporting_channel = nullptr;

void report_forbidden_call(int, siginfo_t* info, void*) {
  constexpr int kTrappedBySeccomp = 1;  // si_code SYS_SECCOMP
  if (reporting_channel != nullptr && info->si_code == kTrappedBySeccomp)
    reporting_channel->forbidden_syscall = info->si_syscall;
  _exit(exit_forbidden_syscall);
}

constexpr const char* kAllowed[] = {
    // memory
    "brk",
    "mmap",
    "munmap",
    "mprotect",
    "mremap",
    "madvise",
    "msync",
    "mincore",
    "mlock",
    "munlock",
    "get_mempolicy",
    "membarrier",
    // threads and synchronisation
    "futex",
    "futex_waitv",
    "set_robust_list",
    "get_robust_list",
    "set_tid_address",
    "rseq",
    "sched_yield",
    "sched_getaffinity",
    "sched_getparam",
    "sched_getscheduler",
    "sched_get_priority_max",
    "sched_get_priority_min",
    "getcpu",
    "arch_prctl",
    "exit",
    "exit_group",
    // time
    "clock_gettime",
    "clock_getres",
    "clock_nanosleep",
    "nanosleep",
    "gettimeofday",
    "time",
    "times",
    // identity and limits (reading only)
    "getpid",
    "gettid",
    "getppid",
    "getuid",
    "geteuid",
    "getgid",
    "getegid",
    "getresuid",
    "getresgid",
    "getgroups",
    "getrlimit",
    "getrusage",
    "uname",
    "sysinfo",
    "getrandom",
    "getpriority",
    "umask",
    // signals within this process
    "rt_sigprocmask",
    "rt_sigreturn",
    "rt_sigpending",
    "rt_sigtimedwait",
    "rt_sigsuspend",
    "sigaltstack",
    "pause",
    "restart_syscall",
    // descriptors already open, reading files, and waiting on them
    "read",
    "readv",
    "pread64",
    "preadv",
    "preadv2",
    "write",
    "writev",
    "pwrite64",
    "pwritev",
    "pwritev2",
    "lseek",
    "close",
    "dup",
    "dup2",
    "dup3",
    "fcntl",
    "fstat",
    "newfstatat",
    "stat",
    "lstat",
    "statx",
    "statfs",
    "fstatfs",
    "access",
    "faccessat",
    "faccessat2",
    "readlink",
    "readlinkat",
    "getdents64",
    "getcwd",
    "fsync",
    "fdatasync",
    "fadvise64",
    "flock",
    "poll",
    "ppoll",
    "select",
    "pselect6",
    "pipe",
    "pipe2",
    "eventfd2",
    "epoll_create1",
    "epoll_ctl",
    "epoll_wait",
    "epoll_pwait",
    "close_range",
};

// Calls that open or change files: Landlock confines them.
constexpr const char* kFileWrites[] = {"open",     "openat",  "creat",     "mkdir",    "mkdirat",   "unlink",
                                       "unlinkat", "rmdir",   "rename",    "renameat", "renameat2", "ftruncate",
                                       "truncate", "symlink", "symlinkat", "link",     "linkat",    "fallocate"};

class Filter {
 public:
  Filter() : ctx_(seccomp_init(SCMP_ACT_TRAP)) {
    if (ctx_ == nullptr) throw std::runtime_error("seccomp_init failed");
  }
  ~Filter() { seccomp_release(ctx_); }
  Filter(const Filter&) = delete;
  Filter& operator=(const Filter&) = delete;

  template <class... Conditions>
  void add(uint32_t action, const char* name, Conditions... conditions) {
    const int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR) return;  // not a call on this architecture
    const scmp_arg_cmp args[] = {conditions..., scmp_arg_cmp{}};
    const int rc = seccomp_rule_add_array(ctx_, action, nr, sizeof...(conditions), args);
    if (rc != 0) throw std::runtime_error(std::string("seccomp rule for ") + name + ": " + strerror(-rc));
  }
  void load() {
    const int rc = seccomp_load(ctx_);
    if (rc != 0) throw std::runtime_error(std::string("seccomp_load: ") + strerror(-rc));
  }

 private:
  scmp_filter_ctx ctx_;
};

void install_reporter(Channel& channel) {
  reporting_channel = &channel;
  struct sigaction action {};
  action.sa_sigaction = report_forbidden_call;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  if (sigaction(SIGSYS, &action, nullptr) != 0) throw std::runtime_error("cannot install the SIGSYS handler");
}

}  // namespace

void load_syscall_filter(Channel& channel, Confinement& out) {
  install_reporter(channel);
  Filter filter;
  const auto eperm = SCMP_ACT_ERRNO(EPERM);
  for (const char* name : kAllowed) filter.add(SCMP_ACT_ALLOW, name);
  // Landlock decides which files these may touch.
  for (const char* name : kFileWrites) filter.add(SCMP_ACT_ALLOW, name);

  // Threads yes, processes no. clone3 passes its flags in memory the filter
  // cannot read, so it reports "not implemented" and glibc falls back to clone.
  filter.add(SCMP_ACT_ALLOW, "clone", SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD));
  filter.add(SCMP_ACT_ERRNO(ENOSYS), "clone3");
  // Signals to itself only; the SIGSYS reporter and the memory-fault
  // handler stay in place.
  const auto self = static_cast<scmp_datum_t>(getpid());
  filter.add(SCMP_ACT_ALLOW, "tgkill", SCMP_A0(SCMP_CMP_EQ, self));
  filter.add(SCMP_ACT_ALLOW, "kill", SCMP_A0(SCMP_CMP_EQ, self));
  static_assert(SIGSEGV < SIGSYS);
  filter.add(SCMP_ACT_ALLOW, "rt_sigaction", SCMP_A0(SCMP_CMP_LT, SIGSEGV));
  for (scmp_datum_t signal = SIGSEGV + 1; signal < SIGSYS; ++signal)
    filter.add(SCMP_ACT_ALLOW, "rt_sigaction", SCMP_A0(SCMP_CMP_EQ, signal));
  filter.add(SCMP_ACT_ALLOW, "rt_sigaction", SCMP_A0(SCMP_CMP_GT, SIGSYS));
  filter.add(eperm, "rt_sigaction", SCMP_A0(SCMP_CMP_EQ, SIGSYS));
  filter.add(eperm, "rt_sigaction", SCMP_A0(SCMP_CMP_EQ, SIGSEGV));
  // Reading limits is fine; raising them is not (the hard limits equal the soft ones anyway).
  filter.add(SCMP_ACT_ALLOW, "prlimit64", SCMP_A2(SCMP_CMP_EQ, 0));
  filter.add(eperm, "prlimit64", SCMP_A2(SCMP_CMP_NE, 0));
  filter.add(eperm, "setrlimit");
  // Terminal queries (isatty), close-on-exec flags (as fcntl sets them; CPython opens
  // some files this way) and thread names; other ioctl/prctl requests are refused.
  for (const unsigned long request : {TCGETS, TIOCGWINSZ, FIONREAD, FIOCLEX, FIONCLEX})
    filter.add(SCMP_ACT_ALLOW, "ioctl", SCMP_A1(SCMP_CMP_EQ, request));
  filter.add(SCMP_ACT_ALLOW, "prctl", SCMP_A0(SCMP_CMP_EQ, PR_SET_NAME));
  filter.add(SCMP_ACT_ALLOW, "prctl", SCMP_A0(SCMP_CMP_EQ, PR_GET_NAME));
  for (const char* name : {"sched_setaffinity", "sched_setscheduler", "sched_setparam", "setpriority"})
    filter.add(eperm, name);
  filter.load();
  out.seccomp = 1;
}

}  // namespace simarena::sandbox
