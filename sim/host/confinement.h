// What the sandboxed controller host does to itself before it loads a
// plugin, in this order: leave the network, move into the scratch
// directory, cap its resources, then lock writes to the scratch directory
// (Landlock) and system calls (seccomp). Each step records what it achieved
// in the channel's Confinement; a step the kernel does not offer is recorded,
// not fatal, except the seccomp filter, without which the host refuses to run.
#pragma once

#include "sandbox/channel.h"

namespace simarena::sandbox {

// Appends a reason to out.notes ("; "-separated, truncated to fit).
void add_note(Confinement& out, const char* note);

// Own, empty network namespace (needs CAP_SYS_ADMIN or user namespaces).
void enter_empty_network_namespace(Confinement& out);

// RLIMIT_AS (the host's current size plus the cap), RLIMIT_CPU,
// RLIMIT_FSIZE, RLIMIT_NOFILE and no core files. Throws on failure.
void apply_resource_limits(const Setup& setup);

// Landlock: writes only beneath `scratch_dir` (and to /dev/null); reading
// stays allowed everywhere, a plugin loads its own libraries and data.
void restrict_writes_to(const char* scratch_dir, Confinement& out);

// Installs the SIGSYS reporter (writes the trapped call into `channel` and
// exits with exit_forbidden_syscall) and loads the seccomp filter. Throws
// on failure.
void load_syscall_filter(Channel& channel, bool writes_confined_by_landlock, Confinement& out);

}  // namespace simarena::sandbox
