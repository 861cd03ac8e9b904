// Landlock: what the host may read, write and reach once the plugin is in.
// Reads: the plugin's own file (and the script it runs, for a script
// controller), the folders the judge lists for it, the system's libraries
// (the Python runtime's standard library and NumPy among them, under /usr)
// and the few files the dynamic loader, glibc and libstdc++ need. Writes: only beneath the scratch file system (and
// /dev/null). No TCP, no signals to and no abstract unix sockets of any
// process outside the host. Debian 12's headers stop at ABI 2: the later
// rights are spelled out here.
#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

#include "confinement.h"

namespace simarena::sandbox {
namespace {

constexpr uint64_t kTruncate = 1ULL << 14;                                          // ABI 3
constexpr uint64_t kIoctlDev = 1ULL << 15;                                          // ABI 5
constexpr uint64_t kNetBindTcp = 1ULL << 0, kNetConnectTcp = 1ULL << 1;             // ABI 4
constexpr uint64_t kScopeAbstractUnixSocket = 1ULL << 0, kScopeSignal = 1ULL << 1;  // ABI 6

// landlock_ruleset_attr as of ABI 6.
struct RulesetAttr {
  uint64_t handled_access_fs;
  uint64_t handled_access_net;
  uint64_t scoped;
};

constexpr uint64_t kRead = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;
constexpr uint64_t kReadExecute = kRead | LANDLOCK_ACCESS_FS_EXECUTE;
constexpr uint64_t kFileRights =
    LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_EXECUTE | kTruncate | kIoctlDev;
constexpr uint64_t kAllV1 = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE |
                            LANDLOCK_ACCESS_FS_READ_DIR | LANDLOCK_ACCESS_FS_REMOVE_DIR |
                            LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
                            LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK |
                            LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;

// System folders and files every plugin may read: libraries and the
// loader's cache, locale and time-zone data under /usr, random numbers,
// the CPU topology (thread pools size themselves by it), its own /proc entry.
constexpr const char* kSystemFolders[] = {
    "/usr", "/lib", "/lib64", "/lib32", "/libx32", "/proc/self", "/sys/devices/system/cpu"};
constexpr const char* kSystemFiles[] = {"/etc/ld.so.cache", "/dev/zero", "/dev/urandom", "/dev/random"};

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

class Ruleset {
 public:
  Ruleset(uint64_t handled_fs, uint64_t handled_net, uint64_t scoped, int abi)
      : handled_(handled_fs), fd_(create(handled_fs, handled_net, scoped, abi)) {
    if (fd_.get() < 0) throw std::runtime_error(std::string("Landlock refused the rule set: ") + strerror(errno));
  }
  // Allows `access` beneath an open O_PATH descriptor (a file takes only file rights).
  void allow(int fd, uint64_t access, const std::string& what) {
    landlock_path_beneath_attr rule{access & handled_, fd};
    if (syscall(SYS_landlock_add_rule, fd_.get(), LANDLOCK_RULE_PATH_BENEATH, &rule, 0) != 0)
      throw std::runtime_error("Landlock refused the rule for " + what + ": " + strerror(errno));
  }
  // The same for a path; false if it does not exist.
  bool allow_path(const char* path, uint64_t access) {
    const Fd fd(open(path, O_PATH | O_CLOEXEC));
    if (fd.get() < 0) return false;
    struct stat st {};
    const bool folder = fstat(fd.get(), &st) == 0 && S_ISDIR(st.st_mode);
    allow(fd.get(), folder ? access : access & kFileRights, path);
    return true;
  }
  void enforce() {
    if (syscall(SYS_landlock_restrict_self, fd_.get(), 0) != 0)
      throw std::runtime_error(std::string("Landlock refused to enforce the rules: ") + strerror(errno));
  }

 private:
  static int create(uint64_t fs, uint64_t net, uint64_t scoped, int abi) {
    RulesetAttr attr{fs, net, scoped};
    const size_t size = abi >= 6 ? sizeof(RulesetAttr) : abi >= 4 ? 2 * sizeof(uint64_t) : sizeof(uint64_t);
    return static_cast<int>(syscall(SYS_landlock_create_ruleset, &attr, size, 0));
  }
  uint64_t handled_;
  Fd fd_;
};

}  // namespace

void confine_files(const Setup& setup, int scratch_root, Confinement& out) {
  const long abi = syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
  if (abi < 1)
    throw std::runtime_error(std::string("this kernel has no Landlock (") + strerror(errno) +
                             "), which the sandbox needs to confine reading and writing files; enable it (Linux "
                             "5.13 or later, lsm=landlock) or run without the sandbox");
  uint64_t fs = kAllV1;
  if (abi >= 2) fs |= LANDLOCK_ACCESS_FS_REFER;
  if (abi >= 3) fs |= kTruncate;
  if (abi >= 5) fs |= kIoctlDev;
  const uint64_t net = abi >= 4 ? kNetBindTcp | kNetConnectTcp : 0;
  const uint64_t scoped = abi >= 6 ? kScopeAbstractUnixSocket | kScopeSignal : 0;
  if (abi < 6) add_note(out, "Landlock before ABI 6: signals and abstract sockets are confined by seccomp only");
  Ruleset rules(fs, net, scoped, static_cast<int>(abi));

  for (const char* folder : kSystemFolders) rules.allow_path(folder, kReadExecute);
  for (const char* file : kSystemFiles) rules.allow_path(file, LANDLOCK_ACCESS_FS_READ_FILE);
  rules.allow_path("/dev/null", LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_WRITE_FILE | kTruncate);
  if (!rules.allow_path(setup.plugin_path, LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_EXECUTE))
    throw std::runtime_error(std::string("cannot open the plugin ") + setup.plugin_path + ": " + strerror(errno));
  if (setup.script_path[0] != '\0' && !rules.allow_path(setup.script_path, LANDLOCK_ACCESS_FS_READ_FILE))
    throw std::runtime_error(std::string("cannot open the controller script ") + setup.script_path + ": " +
                             strerror(errno));
  std::string_view readable(setup.readable, strnlen(setup.readable, sizeof(setup.readable)));
  while (!readable.empty()) {
    const size_t end = readable.find('\n');
    const std::string folder(readable.substr(0, end));
    readable.remove_prefix(end == std::string_view::npos ? readable.size() : end + 1);
    if (!folder.empty() && !rules.allow_path(folder.c_str(), kReadExecute))
      throw std::runtime_error("cannot open the readable folder " + folder + ": " + strerror(errno));
  }
  rules.allow(scratch_root, fs & ~LANDLOCK_ACCESS_FS_EXECUTE, "the scratch file system");
  rules.enforce();
  out.landlock_abi = static_cast<int32_t>(abi);
}

}  // namespace simarena::sandbox
