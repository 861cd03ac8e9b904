// simarena-controller-host: runs one controller plugin for simarena in a
// confined child process. simarena starts it with the shared channel at
// fd 3 (see sandbox/channel.h) and its own pid as the only argument; the host
// confines itself, loads the plugin, then answers one control call per turn
// until told to quit. Not meant to be run by hand.
#include <dlfcn.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <new>
#include <stdexcept>
#include <string>

#include "confinement.h"
#include "sandbox/channel.h"

namespace simarena::sandbox {
namespace {

// Spins before sleeping while the simulator steps physics between calls.
constexpr int kHostSpins = 100;

template <size_t N>
void write_text(char (&buffer)[N], const std::string& text) {
  std::snprintf(buffer, N, "%s", text.c_str());
}

[[noreturn]] void out_of_memory() { _exit(exit_out_of_memory); }

int64_t thread_cpu_ns() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

void confine(Channel& c) {
  Confinement& conf = c.confinement;
  enter_empty_network_namespace(conf);
  if (chdir(c.setup.scratch_dir) != 0) throw std::runtime_error(std::string("cannot enter the scratch directory"));
  apply_resource_limits(c.setup);
  std::set_new_handler(out_of_memory);
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) throw std::runtime_error("cannot set no_new_privs");
  restrict_writes_to(c.setup.scratch_dir, conf);
  load_syscall_filter(c, conf.landlock_abi > 0, conf);
}

// Loads the plugin and creates its instance, with the checks and messages
// of the in-process host. Empty string on success.
std::string load(const Setup& setup, const SimarenaControllerApi*& api, void*& instance) {
  void* library = dlopen(setup.plugin_path, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) return std::string("cannot load controller plugin: ") + dlerror();
  auto entry = reinterpret_cast<SimarenaControllerEntry>(dlsym(library, SIMARENA_CONTROLLER_ENTRY));
  if (entry == nullptr)
    return std::string("not a simarena controller: no exported symbol '") + SIMARENA_CONTROLLER_ENTRY +
           "' (use SIMARENA_EXPORT_CONTROLLER from <simarena/custom_interface.hpp>)";
  api = entry();
  if (api == nullptr) return std::string(SIMARENA_CONTROLLER_ENTRY) + "() returned NULL";
  if (api->abi_version != SIMARENA_CONTROLLER_ABI_VERSION)
    return "controller built for plugin ABI version " + std::to_string(api->abi_version) +
           ", this simarena speaks version " + std::to_string(SIMARENA_CONTROLLER_ABI_VERSION) +
           "; rebuild it against this simarena's SDK";
  // Tables from older SDKs end after `destroy`; later entries are optional.
  constexpr size_t required_size = offsetof(SimarenaControllerApi, destroy) + sizeof(api->destroy);
  if (api->struct_size < required_size || !api->create || !api->step || !api->destroy)
    return "controller's function table is incomplete; rebuild it against this simarena's SDK";

  const char* names[SIMARENA_MAX_JOINTS] = {};
  for (int i = 0; i < setup.num_joints; ++i) names[i] = setup.joint_names[i];
  const SimarenaRobotInfo info{sizeof(SimarenaRobotInfo), setup.robot_name, setup.num_joints, names,
                               setup.control_period};
  char error[512] = "";
  instance = api->create(&info, setup.params, error, sizeof(error));
  if (instance == nullptr)
    return std::string("controller refused to start: ") +
           (error[0] ? error : "create() returned NULL without a message");
  return {};
}

int serve(Channel& c) {
  try {
    confine(c);
  } catch (const std::exception& e) {
    write_text(c.error, e.what());
    return exit_setup_failed;
  }
  const SimarenaControllerApi* api = nullptr;
  void* instance = nullptr;
  const std::string problem = load(c.setup, api, instance);
  write_text(c.error, problem);
  c.status = problem.empty() ? 0 : -1;
  if (problem.empty()) write_text(c.name, api->name ? api->name : "unnamed");
  pass_turn(c, simulator_turn);
  if (!problem.empty()) return exit_normal;

  constexpr size_t course_info_size = offsetof(SimarenaControllerApi, set_course_info) + sizeof(api->set_course_info);
  const bool takes_course_info = api->struct_size >= course_info_size && api->set_course_info != nullptr;
  for (;;) {
    while (!wait_for_turn(c, host_turn, kHostSpins, nullptr)) {
    }
    if (c.request != request_step) break;
    c.error[0] = '\0';
    const int64_t start = thread_cpu_ns();
    if (c.course_info_pending && takes_course_info) api->set_course_info(instance, &c.course_info);
    c.status = api->step(instance, c.first_run, &c.data, &c.cmd, c.error, sizeof(c.error));
    c.cpu_ns = thread_cpu_ns() - start;
    pass_turn(c, simulator_turn);
  }
  api->destroy(instance);
  return exit_normal;
}

}  // namespace
}  // namespace simarena::sandbox

int main(int argc, char** argv) {
  using namespace simarena::sandbox;
  if (argc != 2) {
    std::fprintf(stderr, "simarena-controller-host: runs a controller for 'simarena run --sandbox'; not run by hand\n");
    return 2;
  }
  // Die with the simulator, and make sure it was not gone already.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != static_cast<pid_t>(std::atol(argv[1]))) return 2;
  void* page = mmap(nullptr, sizeof(Channel), PROT_READ | PROT_WRITE, MAP_SHARED, kChannelFd, 0);
  if (page == MAP_FAILED) return 2;
  // Nothing inherited stays open: not the channel's fd, not a stray descriptor of the simulator.
  close_range(kChannelFd, ~0U, 0);
  auto& channel = *static_cast<Channel*>(page);
  if (channel.magic != kChannelMagic || channel.version != kChannelVersion) return 2;
  // _exit: no atexit handlers or static destructors run under the filter.
  _exit(serve(channel));
}
