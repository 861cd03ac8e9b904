// The shared-memory page between simarena and one sandboxed controller host
// (simarena-controller-host): the setup the host needs, then one control
// call at a time in lockstep. Both sides map the same memfd. The host's side
// runs untrusted plugin code in the same address space as this page, so the
// simulator copies everything out before it trusts it.
#pragma once

#include <linux/futex.h>
#include <simarena/controller.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <ctime>

namespace simarena::sandbox {

inline constexpr uint32_t kChannelMagic = 0x534e4442;  // "SNDB"
inline constexpr uint32_t kChannelVersion = 1;
// The channel's fd number in the host (the simulator dup2s it there).
inline constexpr int kChannelFd = 3;

// Whose move it is: the simulator writes a request and hands the turn to
// the host; the host answers and hands it back.
enum Turn : uint32_t { simulator_turn = 0, host_turn = 1 };
enum Request : uint32_t { request_load = 1, request_step = 2, request_quit = 3 };

// Exit codes of a host that ended itself on a fault it could name.
enum HostExit : int {
  exit_normal = 0,
  exit_forbidden_syscall = 90,  // the seccomp filter trapped a call: channel.forbidden_syscall
  exit_out_of_memory = 91,      // operator new failed under the memory cap
  exit_setup_failed = 92,       // confinement could not be put in place: channel.error
};

struct Setup {
  char plugin_path[4096];
  char params[4096];
  char scratch_dir[4096];
  char robot_name[128];
  char joint_names[SIMARENA_MAX_JOINTS][64];
  int32_t num_joints;
  double control_period;       // s
  uint64_t memory_cap_bytes;   // address space the plugin may add to the host's own
  uint64_t cpu_seconds_total;  // RLIMIT_CPU for the whole host
  uint64_t file_size_bytes;    // RLIMIT_FSIZE
  uint32_t open_files;         // RLIMIT_NOFILE
};

// What the host managed to put in place, reported after loading.
struct Confinement {
  int32_t network_namespace;  // 1: own empty network namespace
  int32_t landlock_abi;       // 0: Landlock unavailable, writes outside the scratch dir not blocked
  int32_t seccomp;            // 1: filter loaded
  char notes[512];            // why something was unavailable
};

struct Channel {
  uint32_t magic;
  uint32_t version;
  alignas(4) uint32_t turn;  // Turn; futex word
  alignas(4) uint32_t simulator_sleeping;
  alignas(4) uint32_t host_sleeping;
  uint32_t request;  // Request
  Setup setup;
  Confinement confinement;

  // One call: written by the simulator before handing the turn over...
  int32_t first_run;
  int32_t course_info_pending;  // 1: pass course_info to the plugin before this step
  SimarenaCourseInfo course_info;
  SimarenaRobotData data;
  SimarenaMotorCmd cmd;  // holds the previous command on the way in
  // ...and by the host before handing it back.
  int32_t status;             // SimarenaStepStatus, or 0/-1 for load
  int64_t cpu_ns;             // thread CPU time of the plugin call
  int32_t forbidden_syscall;  // syscall number the filter trapped, -1 none
  char name[128];             // controller name (after load)
  char error[512];
};

inline std::atomic_ref<uint32_t> word(uint32_t& w) { return std::atomic_ref<uint32_t>(w); }

// Shared (not process-private) futex calls on a word of the mapped page.
inline long futex_wait(uint32_t& w, uint32_t expected, const timespec* timeout) {
  return syscall(SYS_futex, &w, FUTEX_WAIT, expected, timeout, nullptr, 0);
}
inline void futex_wake(uint32_t& w) { syscall(SYS_futex, &w, FUTEX_WAKE, 1, nullptr, nullptr, 0); }

inline void cpu_relax() { __builtin_ia32_pause(); }

// Hands the turn to the other side, waking it only if it sleeps. Paired
// with wait_for_turn's sleeping flag (both sequentially consistent), so a
// wake-up is never lost.
inline void pass_turn(Channel& c, Turn to) {
  word(c.turn).store(to, std::memory_order_seq_cst);
  uint32_t& other_sleeping = to == host_turn ? c.host_sleeping : c.simulator_sleeping;
  if (word(other_sleeping).load(std::memory_order_seq_cst)) futex_wake(c.turn);
}

// Spins briefly, then sleeps on the futex until the turn is `mine` or
// `slice` passes. True when it is our turn.
inline bool wait_for_turn(Channel& c, Turn mine, int spins, const timespec* slice) {
  for (int i = 0; i < spins; ++i) {
    if (word(c.turn).load(std::memory_order_acquire) == mine) return true;
    cpu_relax();
  }
  uint32_t& sleeping = mine == host_turn ? c.host_sleeping : c.simulator_sleeping;
  word(sleeping).store(1, std::memory_order_seq_cst);
  const uint32_t seen = word(c.turn).load(std::memory_order_seq_cst);
  if (seen != mine) futex_wait(c.turn, seen, slice);
  word(sleeping).store(0, std::memory_order_seq_cst);
  return word(c.turn).load(std::memory_order_acquire) == mine;
}

}  // namespace simarena::sandbox
