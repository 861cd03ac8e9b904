// simarena-controller-host: runs one controller plugin for simarena in a
// confined child process. simarena starts it with the shared channel at
// fd 3, the setup report pipe at fd 4 (see sandbox/channel.h), an empty
// environment and its own pid as the only argument; the host confines
// itself, reports how through the pipe and closes it, loads the plugin, then
// answers one control call per turn until told to quit. It never measures or
// words anything the simulator judges. Not meant to be run by hand.
#include <dlfcn.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

#include "confinement.h"
#include "sandbox/channel.h"

namespace simarena::sandbox {
namespace {

// The host sleeps as soon as it has answered, never spinning for the next
// call: everything its process does between two answers is charged to the
// plugin's next call (so a plugin cannot hide work there), and a host spin
// would be charged with it. The simulator steps physics meanwhile (about
// 100 us) and usually shares this core (SharedCore), so a spin would only
// take the core from it.
constexpr int kHostSpins = 0;

template <size_t N>
void write_text(char (&buffer)[N], const std::string& text) {
  std::snprintf(buffer, N, "%s", text.c_str());
}

[[noreturn]] void out_of_memory() { _exit(exit_out_of_memory); }

// Everything the host does to itself before any plugin code runs. Throws
// with the reason when a step fails.
void confine(Channel& c, Confinement& conf) {
  enter_namespaces(c, conf);
  const int scratch = make_scratch_file_system(c.setup.scratch_bytes);
  apply_resource_limits(c.setup);
  std::set_new_handler(out_of_memory);
  install_memory_fault_handler();
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) throw std::runtime_error("cannot set no_new_privs");
  confine_files(c.setup, scratch, conf);
  close(scratch);  // the working directory keeps the file system alive
  load_syscall_filter(c, conf);
}

// Reports how confinement went through the setup pipe and closes it, so
// nothing the plugin does later can speak there. True when confined.
bool confine_and_report(Channel& c) {
  SetupReport report{};
  try {
    confine(c, report.confinement);
    report.ok = 1;
  } catch (const std::exception& e) {
    write_text(report.error, e.what());
  }
  const ssize_t written = write(kReportFd, &report, sizeof(report));
  close(kReportFd);
  return report.ok == 1 && written == static_cast<ssize_t>(sizeof(report));
}

// Reads the plugin's table into the channel's description, as far as its
// ABI version says the layout is ours.
void describe(Channel& c, const SimarenaControllerApi* api) {
  Description& d = c.description;
  d.abi_version = api->abi_version;
  d.struct_size = api->struct_size;
  if (api->abi_version != SIMARENA_CONTROLLER_ABI_VERSION) return;
  write_text(c.name, api->name ? api->name : "unnamed");
  constexpr size_t required_size = offsetof(SimarenaControllerApi, destroy) + sizeof(api->destroy);
  d.table_complete = api->struct_size >= required_size && api->create && api->step && api->destroy;
  constexpr size_t course_info_size = offsetof(SimarenaControllerApi, set_course_info) + sizeof(api->set_course_info);
  d.takes_course_info = api->struct_size >= course_info_size && api->set_course_info != nullptr;
  d.attaches = extensions::attach_entry(api) != nullptr;
  std::string list;
  if (const char* const* requested = extensions::requested_extensions(api))
    for (int i = 0; requested[i] != nullptr && i <= extensions::kMaxRequestedExtensions; ++i)
      list += std::string(requested[i], strnlen(requested[i], extensions::kMaxExtensionRequestBytes + 1)) + "\n";
  write_text(d.extensions, list);
}

// Loads the plugin, creates its instance and attaches it to `services`,
// with the checks of the in-process host; the simulator words the outcome.
LoadResult load(Channel& c, extensions::PluginServices& services, const SimarenaControllerApi*& api, void*& instance) {
  const Setup& setup = c.setup;
  void* library = dlopen(setup.plugin_path, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    write_text(c.error, dlerror());
    return load_dlopen_failed;
  }
  auto entry = reinterpret_cast<SimarenaControllerEntry>(dlsym(library, SIMARENA_CONTROLLER_ENTRY));
  if (entry == nullptr) return load_no_entry;
  api = entry();
  if (api == nullptr) return load_entry_null;
  if (setup.describe_only == 1) {
    describe(c, api);
    return load_described;
  }
  if (api->abi_version != SIMARENA_CONTROLLER_ABI_VERSION) {
    c.abi_version = static_cast<int32_t>(api->abi_version);
    return load_wrong_abi;
  }
  // Tables from older SDKs end after `destroy`; later entries are optional.
  constexpr size_t required_size = offsetof(SimarenaControllerApi, destroy) + sizeof(api->destroy);
  if (api->struct_size < required_size || !api->create || !api->step || !api->destroy) return load_incomplete_table;
  if (!extensions::check_requested_extensions(api, c.error, sizeof(c.error))) {
    write_text(c.name, api->name ? api->name : "unnamed");
    return load_unserved_extension;
  }

  const char* names[SIMARENA_MAX_JOINTS] = {};
  for (int i = 0; i < setup.num_joints; ++i) names[i] = setup.joint_names[i];
  const SimarenaRobotInfo info{sizeof(SimarenaRobotInfo), setup.robot_name,  setup.num_joints, names,
                               setup.control_period,      &setup.robot_model};
  services.serve_high_level(extensions::requires_high_level(api));
  if (setup.script_path[0] != '\0') services.offer_high_level_during_attach();  // a script says at attach
  instance = api->create(&info, setup.params, c.error, sizeof(c.error));
  if (instance == nullptr) return load_create_failed;
  if (const auto attach = extensions::attach_entry(api)) {
    if (attach(instance, services.host(), c.error, sizeof(c.error)) != 0) {
      api->destroy(instance);
      return load_attach_failed;
    }
  }
  c.high_level_required = services.end_high_level_offer() ? 1 : 0;
  services.close_camera_requests();
  return load_ok;
}

int serve(Channel& c, const unsigned char* pixels, size_t pixel_bytes) {
  if (!confine_and_report(c)) return exit_setup_failed;
  const SimarenaControllerApi* api = nullptr;
  void* instance = nullptr;
  c.error[0] = '\0';
  // Messages go straight into the channel's slots. Those sent in attach
  // stay there for the first step's answer; later ones are cleared before
  // each further step, after the simulator read the previous answer.
  extensions::PluginServices services(c.messages, c.high_level, c.setup.script_path);
  services.clear();
  if (c.cameras.count > 0) services.serve_cameras(&c.cameras, pixels, pixel_bytes);
  const LoadResult result = load(c, services, api, instance);
  c.status = result;
  if (result == load_ok) write_text(c.name, api->name ? api->name : "unnamed");
  pass_turn(c, simulator_turn);
  if (result != load_ok) return exit_normal;

  constexpr size_t course_info_size = offsetof(SimarenaControllerApi, set_course_info) + sizeof(api->set_course_info);
  const bool takes_course_info = api->struct_size >= course_info_size && api->set_course_info != nullptr;
  for (bool first_step = true;; first_step = false) {
    while (!wait_for_turn(c, host_turn, kHostSpins, nullptr)) {
    }
    if (c.request != request_step) break;
    c.error[0] = '\0';
    if (!first_step && (c.messages.count != 0 || c.messages.dropped != 0 || c.high_level.count != 0 ||
                        c.high_level.dropped != 0 || c.high_level.gait_file_length != 0))
      services.clear();
    if (c.course_info_pending && takes_course_info) api->set_course_info(instance, &c.course_info);
    c.status = api->step(instance, c.first_run, &c.data, &c.cmd, c.error, sizeof(c.error));
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
  // The channel, then the camera images' pixel area to the memfd's end.
  struct stat file {};
  if (fstat(kChannelFd, &file) != 0 || static_cast<size_t>(file.st_size) < kPixelAreaOffset) return 2;
  const auto bytes = static_cast<size_t>(file.st_size);
  void* page = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, kChannelFd, 0);
  if (page == MAP_FAILED) return 2;
  // Nothing inherited stays open but the setup report pipe: not the
  // channel's fd, not a stray descriptor of the simulator.
  close(kChannelFd);
  close_range(kReportFd + 1, ~0U, 0);
  auto& channel = *static_cast<Channel*>(page);
  if (channel.magic != kChannelMagic || channel.version != kChannelVersion) return 2;
  // _exit: no atexit handlers or static destructors run under the filter.
  _exit(serve(channel, static_cast<unsigned char*>(page) + kPixelAreaOffset, bytes - kPixelAreaOffset));
}
