#include "confinement.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

namespace simarena::sandbox {
namespace {

// Address space mapped right now (the loader, libc, libstdc++, the channel).
uint64_t current_address_space_bytes() {
  FILE* statm = std::fopen("/proc/self/statm", "r");
  if (statm == nullptr) throw std::runtime_error(std::string("cannot read /proc/self/statm: ") + strerror(errno));
  unsigned long pages = 0;
  const int read = std::fscanf(statm, "%lu", &pages);
  std::fclose(statm);
  if (read != 1) throw std::runtime_error("cannot parse /proc/self/statm");
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

void set_limit(int resource, const char* name, rlim_t soft, rlim_t hard) {
  const rlimit limit{soft, hard};
  if (setrlimit(resource, &limit) != 0)
    throw std::runtime_error(std::string("cannot set ") + name + ": " + strerror(errno));
}

}  // namespace

void add_note(Confinement& out, const char* note) {
  const size_t used = std::strlen(out.notes);
  std::snprintf(out.notes + used, sizeof(out.notes) - used, "%s%s", used ? "; " : "", note);
}

void enter_empty_network_namespace(Confinement& out) {
  if (unshare(CLONE_NEWNET) == 0) {
    out.network_namespace = 1;
    return;
  }
  add_note(out, (std::string("no own network namespace (unshare: ") + strerror(errno) +
                 "); sockets are still refused by the seccomp filter")
                    .c_str());
}

void apply_resource_limits(const Setup& setup) {
  const uint64_t address_space = current_address_space_bytes() + setup.memory_cap_bytes;
  set_limit(RLIMIT_AS, "RLIMIT_AS", address_space, address_space);
  // SIGXCPU at the soft limit names the fault; the hard limit kills.
  set_limit(RLIMIT_CPU, "RLIMIT_CPU", setup.cpu_seconds_total, setup.cpu_seconds_total + 1);
  set_limit(RLIMIT_FSIZE, "RLIMIT_FSIZE", setup.file_size_bytes, setup.file_size_bytes);
  set_limit(RLIMIT_NOFILE, "RLIMIT_NOFILE", setup.open_files, setup.open_files);
  set_limit(RLIMIT_CORE, "RLIMIT_CORE", 0, 0);  // a crash must not litter the judge's disk
  // RLIMIT_NPROC is left alone on purpose: it counts every process of the
  // user on the machine (and root ignores it), so it cannot say "no child
  // processes" for one host. The seccomp filter refuses them instead.
}

}  // namespace simarena::sandbox
