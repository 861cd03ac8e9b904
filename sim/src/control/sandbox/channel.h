// The shared-memory page between simarena and one sandboxed controller host
// (simarena-controller-host): the setup the host needs, then one control
// call at a time in lockstep. Both sides map the same memfd. The host's side
// runs untrusted plugin code in the same address space as this page, so the
// simulator copies everything out, and treats every byte the host writes as
// the plugin's: faults are named from what the simulator observes itself.
#pragma once

#include <linux/futex.h>
#include <sched.h>
#include <simarena/controller.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <ctime>

#include "extensions/plugin_services.h"

namespace simarena::sandbox {

inline constexpr uint32_t kChannelMagic = 0x534e4442;  // "SNDB"
inline constexpr uint32_t kChannelVersion = 8;  // 8: course info with the height map (7: the robot model in Setup)
// The channel's fd number in the host (the simulator dup2s it there).
inline constexpr int kChannelFd = 3;
// The write end of the setup report pipe in the host: the host writes one
// SetupReport and closes it before any plugin code is loaded, so what
// arrives there was written by the host's own code, never by the plugin.
inline constexpr int kReportFd = 4;

// Whose move it is: the simulator writes a request and hands the turn to
// the host; the host answers and hands it back.
enum Turn : uint32_t { simulator_turn = 0, host_turn = 1 };
enum Request : uint32_t { request_load = 1, request_step = 2, request_quit = 3 };

// Exit codes of a host that ended itself. The simulator reads them as what
// they are, an exit status the plugin could also have chosen: it never
// trusts one to name anything but the plugin's own failure.
enum HostExit : int {
  exit_normal = 0,
  exit_forbidden_syscall = 90,  // the seccomp filter trapped a call: channel.forbidden_syscall
  exit_out_of_memory = 91,      // operator new failed under the memory cap
  exit_setup_failed = 92,       // confinement could not be put in place: see the SetupReport
};

// How loading ended, as the host saw it (the text beside it is the
// plugin's or the loader's words, untrusted).
enum LoadResult : int32_t {
  load_ok = 0,
  load_dlopen_failed = 1,  // text: dlerror()
  load_no_entry = 2,
  load_entry_null = 3,
  load_wrong_abi = 4,  // abi_version: what the plugin speaks
  load_incomplete_table = 5,
  load_create_failed = 6,       // text: create()'s message
  load_unserved_extension = 7,  // text: which requested extension is not served
  load_attach_failed = 8,       // text: attach()'s message
  load_described = 9,           // describe_only: the table was read into `description`
};

struct Setup {
  char plugin_path[4096];
  // For a script controller: the script the plugin runs (readable, and
  // served to it as simarena.script); empty for a plugin.
  char script_path[4096];
  char params[4096];
  // Read-only folders the plugin may read besides its own file and the
  // system's libraries (its entry folder), '\n'-separated.
  char readable[4096];
  char robot_name[128];
  char joint_names[SIMARENA_MAX_JOINTS][64];
  int32_t num_joints;
  double control_period;       // s
  uint64_t memory_cap_bytes;   // address space the plugin may add to the host's own
  uint64_t cpu_seconds_total;  // RLIMIT_CPU for the whole host (a backstop)
  uint64_t scratch_bytes;      // size of the private scratch file system
  uint32_t open_files;         // RLIMIT_NOFILE
  uint32_t tasks;              // RLIMIT_NPROC in the host's own user namespace: threads, main one included
  int32_t describe_only;       // 1: read the plugin's table into `description`, create nothing

  // Passed to the plugin as SimarenaRobotInfo.model.
  SimarenaRobotModel robot_model;
};

// What a plugin's table says, read by the host for describe_only (the
// plugin's word: the simulator bounds and cleans every field).
struct Description {
  uint32_t abi_version;
  uint32_t struct_size;
  int32_t table_complete;  // create, step and destroy present
  int32_t takes_course_info;
  int32_t attaches;
  char extensions[1024];  // required extensions, '\n'-separated
};

// What the host put in place, reported through the setup pipe.
struct Confinement {
  int32_t user_namespace;     // 1: own user namespace (thread cap, scratch file system)
  int32_t network_namespace;  // 1: own empty network namespace
  int32_t landlock_abi;       // Landlock ABI version in force
  int32_t seccomp;            // 1: filter loaded
  char notes[512];            // what the kernel did not offer
};

struct SetupReport {
  int32_t ok;  // 1: confined; 0: `error` says why not
  Confinement confinement;
  char error[512];
};

struct Channel {
  uint32_t magic;
  uint32_t version;
  alignas(4) uint32_t turn;  // Turn; futex word
  alignas(4) uint32_t simulator_sleeping;
  alignas(4) uint32_t host_sleeping;
  uint32_t request;  // Request
  Setup setup;
  // While loading, before any plugin code: the host entered its user
  // namespace and hands the turn over with ids_wanted = 1 so the simulator
  // writes its uid and gid maps (a process cannot map its own ids freely).
  int32_t ids_wanted;

  // One call: written by the simulator before handing the turn over...
  int32_t first_run;
  int32_t course_info_pending;  // 1: pass course_info to the plugin before this step
  SimarenaCourseInfo course_info;
  SimarenaRobotData data;
  SimarenaMotorCmd cmd;  // holds the previous command on the way in
  // ...and by the host before handing it back. All of it untrusted.
  int32_t status;             // SimarenaStepStatus, or a LoadResult for load
  int32_t abi_version;        // for load_wrong_abi
  int32_t forbidden_syscall;  // syscall number the filter trapped, -1 none
  char name[128];             // controller name (after load)
  char error[512];            // the plugin's own words (an error message), or dlerror()
  // The messages the plugin sent during this step (and attach, for the
  // first step): fixed slots in this page, so a step without messages
  // costs nothing and one with messages no system call.
  extensions::MessageBuffer messages;
  // The high-level extension: feedback written by the simulator before a
  // step, frames by the host during it.
  extensions::HighLevelSlots high_level;
  int32_t high_level_required;  // after load: the plugin required simarena.high_level, or its script took it at attach
                                // (its word)
  // The robot's cameras, laid out by the simulator before load; the host
  // marks the ones the plugin opens in attach, the simulator writes each
  // image's slot before a step and its pixels into the pixel area.
  extensions::CameraShelf cameras;
  Description description;  // after a describe_only load
};

// The camera images' pixel area starts here in the shared memory, which
// ends with it (its size is the memfd's: the host reads it with fstat).
inline constexpr size_t kPixelAreaOffset = extensions::page_rounded(sizeof(Channel));

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

// Waits with the other side on this core: yields the core to it, so it
// answers without any core being woken, up to `yields` times (a long call
// preempts these only at the scheduler's ticks), then sleeps as
// wait_for_turn does. True when it is our turn.
inline bool wait_for_turn_on_shared_core(Channel& c, Turn mine, int yields, const timespec* slice) {
  for (int i = 0; i < yields; ++i) {
    if (word(c.turn).load(std::memory_order_acquire) == mine) return true;
    sched_yield();
  }
  return wait_for_turn(c, mine, 0, slice);
}

}  // namespace simarena::sandbox
