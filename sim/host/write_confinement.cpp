// Landlock: the host may create, change or remove files only beneath its
// scratch directory. Read access is not handled, so it stays unrestricted.
#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "confinement.h"

#ifndef LANDLOCK_ACCESS_FS_TRUNCATE  // ABI 3 (Linux 6.2), newer than Debian 12's headers
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif

namespace simarena::sandbox {
namespace {

constexpr uint64_t kWriteAccessV1 = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
                                    LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
                                    LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
                                    LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
                                    LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;

// Closes a descriptor on every path out.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

bool allow_beneath(int ruleset, const char* path, uint64_t access) {
  const Fd dir{open(path, O_PATH | O_CLOEXEC)};
  if (dir.fd < 0) return false;
  landlock_path_beneath_attr rule{access, dir.fd};
  return syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0) == 0;
}

}  // namespace

void restrict_writes_to(const char* scratch_dir, Confinement& out) {
  const long abi = syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
  if (abi < 1) {
    add_note(out,
             (std::string("no Landlock (") + strerror(errno) + "); every write to a file is refused instead").c_str());
    return;
  }
  uint64_t handled = kWriteAccessV1;
  if (abi >= 2) handled |= LANDLOCK_ACCESS_FS_REFER;
  if (abi >= 3) handled |= LANDLOCK_ACCESS_FS_TRUNCATE;
  landlock_ruleset_attr attr{handled};
  const Fd ruleset{static_cast<int>(syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0))};
  const uint64_t file_write = LANDLOCK_ACCESS_FS_WRITE_FILE | (handled & LANDLOCK_ACCESS_FS_TRUNCATE);
  if (ruleset.fd < 0 || !allow_beneath(ruleset.fd, scratch_dir, handled) ||
      !allow_beneath(ruleset.fd, "/dev/null", file_write) || syscall(SYS_landlock_restrict_self, ruleset.fd, 0) != 0) {
    add_note(out, (std::string("Landlock refused the rules (") + strerror(errno) +
                   "); every write to a file is refused instead")
                      .c_str());
    return;
  }
  out.landlock_abi = static_cast<int32_t>(abi);
}

}  // namespace simarena::sandbox
