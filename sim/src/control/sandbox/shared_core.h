// Keeps the controller host's main thread on the core the simulator's
// thread runs on. The two run strictly in turn (lockstep), so one core is
// all a match needs: on one core a hand-off is a plain context switch,
// where two cores pay the wake-up of a halted core (an inter-processor
// interrupt, and on a virtual machine an exit to the hypervisor) twice per
// tick. The simulator's thread itself is never pinned: the scheduler still
// spreads a tournament's matches over the cores and moves one off a busy
// core, and the host follows at the next call. Only timing changes: the
// plugin's CPU is measured on its process clock as before, and the plugin
// cannot move itself (its system call filter refuses sched_setaffinity).
#pragma once

#include <sched.h>
#include <sys/types.h>

namespace simarena::sandbox {

class SharedCore {
 public:
  // Moves the host's main thread to the calling thread's core if it is
  // elsewhere (a system call only then). True when they share a core now;
  // false once the machine refused (a CPU set the judge restricted), and
  // from then on.
  bool follow(pid_t host) {
    if (refused_) return false;
    const int cpu = sched_getcpu();  // a read of the kernel's rseq area, no system call
    if (cpu < 0) return refuse();
    if (cpu == host_cpu_) return true;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    if (sched_setaffinity(host, sizeof(one), &one) != 0) return refuse();
    host_cpu_ = cpu;
    return true;
  }

 private:
  bool refuse() {
    refused_ = true;
    return false;
  }
  int host_cpu_ = -1;
  bool refused_ = false;
};

}  // namespace simarena::sandbox
