// What the sandboxed controller host does to itself before it loads a
// plugin, in this order: enter its own user, mount and network namespaces,
// make its private scratch file system and move into it, cap its
// resources, then confine files (Landlock) and system calls (seccomp).
// Each step records what it achieved in a Confinement; a step that fails
// throws, and the host refuses to load the plugin: a judge gets a clear
// "cannot confine on this machine" rather than a run that is not confined.
#pragma once

#include "sandbox/channel.h"

namespace simarena::sandbox {

// Appends a reason to out.notes ("; "-separated, truncated to fit).
void add_note(Confinement& out, const char* note);

// Own user namespace (the host is root inside it, an unprivileged id
// outside, so RLIMIT_NPROC counts its threads; the simulator writes the
// maps when the host hands it the turn), mount namespace (for its own file
// system) and empty network namespace. Throws if unavailable.
void enter_namespaces(Channel& channel, Confinement& out);

// A private tmpfs of `bytes` (nr of files capped too), mounted nowhere:
// it becomes the working directory and vanishes with the host, even when
// everything is killed. Returns an O_PATH descriptor of its root.
int make_scratch_file_system(uint64_t bytes);

// RLIMIT_AS (the host's current size plus the cap), RLIMIT_CPU,
// RLIMIT_FSIZE, RLIMIT_NOFILE, RLIMIT_NPROC and no core files. Throws on failure.
void apply_resource_limits(const Setup& setup);

// Landlock: reads only of the plugin's own file, its script (if any), the folders in
// setup.readable, the system's libraries and the few files they need;
// writes only beneath the scratch file system; no TCP; no signals to or
// abstract sockets of processes outside. Throws if Landlock is missing.
void confine_files(const Setup& setup, int scratch_root, Confinement& out);

// Invalid memory accesses stop the host (SIGSTOP) so the simulator can
// read its memory use from /proc before killing it: out of memory and a
// plain crash are then told apart by what the kernel says, not the plugin.
void install_memory_fault_handler();

// Installs the SIGSYS reporter (writes the trapped call into `channel` and
// exits with exit_forbidden_syscall) and loads the seccomp filter. Throws
// on failure.
void load_syscall_filter(Channel& channel, Confinement& out);

}  // namespace simarena::sandbox
