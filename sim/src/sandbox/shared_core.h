// The simulator's thread and the controller host's main thread on one core.
// They run strictly in turn (lockstep), so one core is all a match needs;
// on one core a hand-off is a plain context switch, where two cores pay a
// wake-up of a sleeping core (an inter-processor interrupt, and on a
// virtual machine an exit to the hypervisor) twice per tick. It also keeps
// one match on one core, so a tournament's J jobs use J cores without
// spinning against each other. Only timing changes: the CPU the plugin
// uses is measured on its process clock exactly as before, and the plugin
// cannot move itself (its system call filter refuses sched_setaffinity).
#pragma once

#include <sched.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

namespace simarena::sandbox {

class SharedCore {
 public:
  SharedCore() = default;
  SharedCore(const SharedCore&) = delete;
  SharedCore& operator=(const SharedCore&) = delete;
  // Restores the simulator thread's own CPU set.
  ~SharedCore() {
    if (thread_ > 0) sched_setaffinity(thread_, sizeof(previous_), &previous_);
  }

  // Puts the calling thread and the host's main thread on the core the
  // calling thread runs on now (the scheduler's choice, so concurrent
  // matches start spread over the cores). True when both share one core
  // (also when the judge already confined simarena, and so the host, to
  // one); false when the machine refuses: the hand-off then works across
  // cores as before.
  bool pin(pid_t host) {
    const int cpu = sched_getcpu();
    if (cpu < 0 || sched_getaffinity(0, sizeof(previous_), &previous_) != 0) return false;
    if (CPU_COUNT(&previous_) == 1) return true;  // the host inherited this one core
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    const pid_t self = static_cast<pid_t>(syscall(SYS_gettid));
    if (sched_setaffinity(self, sizeof(one), &one) != 0) return false;
    thread_ = self;
    if (sched_setaffinity(host, sizeof(one), &one) != 0) {
      sched_setaffinity(self, sizeof(previous_), &previous_);
      thread_ = 0;
      return false;
    }
    return true;
  }

 private:
  pid_t thread_ = 0;  // the pinned simulator thread, 0 when nothing was pinned
  cpu_set_t previous_{};
};

}  // namespace simarena::sandbox
