#include <dlfcn.h>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <ctime>
#include <utility>
#include <vector>

#include "camera_feed.h"
#include "extensions/plugin_services.h"
#include "extensions/read_messages.h"
#include "shared_library.h"
#include "simarena/base/input_error.h"
#include "simarena/base/untrusted_text.h"
#include "simarena/control/controller_files.h"
#include "simarena/control/controller_interface.h"
#include "simarena/physics/robot_model.h"

namespace simarena {
namespace {

// CPU time of this thread: the plugin's step runs on it, so the difference
// around the call is the call's CPU time (what a deadline is judged on).
int64_t thread_cpu_ns() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

// The host's services for one instance, at a fixed address for as long as
// the instance lives.
struct HostServices {
  explicit HostServices(std::string script_path) : script(std::move(script_path)) {}
  std::string script;  // declared before the services that point at it
  extensions::MessageBuffer messages{};
  extensions::HighLevelSlots high_level{};
  extensions::CameraShelf cameras{};
  std::unique_ptr<unsigned char[]> camera_pixels;  // only once a camera is opened
  std::unique_ptr<CameraFeed> camera_feed;
  extensions::PluginServices services{messages, high_level, script.c_str()};
};

// The plugin's instance, destroyed with this object unless released.
class Instance {
 public:
  Instance(const SimarenaControllerApi* api, void* instance) : api_(api), instance_(instance) {}
  ~Instance() {
    if (instance_) api_->destroy(instance_);
  }
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;
  void* get() const { return instance_; }
  void* release() { return std::exchange(instance_, nullptr); }

 private:
  const SimarenaControllerApi* api_;
  void* instance_;
};

class PluginController final : public Controller {
 public:
  PluginController(std::unique_ptr<SharedLibrary> library, const SimarenaControllerApi* api,
                   std::unique_ptr<HostServices> host, void* instance, std::string name, CommandLevel level,
                   double control_period)
      : library_(std::move(library)),
        api_(api),
        host_(std::move(host)),
        instance_(instance),
        name_(std::move(name)),
        level_(level),
        cpu_read_from_ns_(std::llround(control_period * 0.5e9)) {}
  ~PluginController() override { api_->destroy(instance_); }

  const std::string& name() const override { return name_; }
  CommandLevel command_level() const override { return level_; }
  void hear(const HighLevelFeedback& feedback) override { extensions::write_feedback(host_->high_level, feedback); }
  void see(const SimulatorView& view) override {
    if (host_->camera_feed) host_->camera_feed->capture(view);
  }

  void set_course_info(const SimarenaCourseInfo& info) override {
    // Plugins built before the optional entry existed have a shorter table.
    constexpr size_t needed = offsetof(SimarenaControllerApi, set_course_info) + sizeof(api_->set_course_info);
    if (api_->struct_size >= needed && api_->set_course_info != nullptr) api_->set_course_info(instance_, &info);
  }

  StepOutcome step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) override {
    char error[512] = "";
    const auto wall_start = std::chrono::steady_clock::now();
    const int64_t start = thread_cpu_ns();
    const int status = api_->step(instance_, first_run ? 1 : 0, &data, &cmd, error, sizeof(error));
    const auto wall = std::chrono::steady_clock::now() - wall_start;
    StepOutcome outcome = step_outcome(status, std::string_view(error, strnlen(error, sizeof(error))));
    // A thread uses no more CPU time than the wall time that passes, so a
    // call shorter than half the period cannot miss its deadline: its CPU
    // clock is read once, not twice. Each read is a system call (~1 us
    // here, the vDSO does not serve thread clocks): the in-process hand-off's
    // largest cost (docs/performance.md).
    if (std::chrono::duration_cast<std::chrono::nanoseconds>(wall).count() >= cpu_read_from_ns_)
      outcome.cpu_ns = thread_cpu_ns() - start;
    // Messages from attach and set_course_info come with this step.
    if (extensions::read_once(host_->messages.count) != 0 || extensions::read_once(host_->messages.dropped) != 0 ||
        extensions::high_level_sent(host_->high_level))
      host_->services.take([&](const extensions::MessageBuffer& buffer, const extensions::HighLevelSlots& frames) {
        extensions::read_messages(buffer, outcome);
        extensions::read_high_level_frames(frames, outcome);
      });
    return outcome;
  }

 private:
  std::unique_ptr<SharedLibrary> library_;  // declared first: destroyed after the instance
  const SimarenaControllerApi* api_;
  std::unique_ptr<HostServices> host_;  // outlives the instance, which may hold its address
  void* instance_;
  std::string name_;
  CommandLevel level_;
  int64_t cpu_read_from_ns_;  // calls of this much wall time or more have their CPU time read
};

}  // namespace

std::optional<Message> unserved_extension_problem(const SimarenaControllerApi* api) {
  char problem[256] = "";
  if (extensions::check_requested_extensions(api, problem, sizeof(problem))) return std::nullopt;
  return unserved_extension_words(api->name, std::string_view(problem, strnlen(problem, sizeof(problem))));
}

Message unserved_extension_words(const char* plugin_name, std::string_view problem) {
  char served[256];
  extensions::served_list(served, sizeof(served));
  return Message(
      tr_noop("controller '%s' cannot run here: %s (this simarena serves %s); use a simarena that serves it, "
              "or rebuild the controller without it"),
      plugin_name ? untrusted_text(plugin_name) : std::string("unnamed"), untrusted_text(problem), std::string(served));
}

const char* command_level_name(CommandLevel level) {
  return level == CommandLevel::high_level ? "high_level" : "motor";
}

StepOutcome error_outcome(Message words) {
  StepOutcome outcome{StepOutcome::Kind::error, words.english()};
  outcome.words = std::move(words);
  return outcome;
}

StepOutcome step_outcome(int status, std::string_view error) {
  switch (status) {
    case SIMARENA_STEP_SENT:
      return {StepOutcome::Kind::sent, ""};
    case SIMARENA_STEP_SKIPPED:
      return {StepOutcome::Kind::skipped, ""};
    case SIMARENA_STEP_ERROR:
      return error.empty() ? error_outcome(tr_noop("controller reported an error without a message"))
                           : error_outcome(Message(tr_noop("controller reported an error: %s"), untrusted_text(error)));
    default:
      return error_outcome(Message(tr_noop("controller returned unknown status %s"), status));
  }
}

std::unique_ptr<Controller> load_plugin(const std::filesystem::path& controller, const RobotSpec& robot,
                                        const std::string& params) {
  const ControllerFiles files = controller_files(controller);
  auto library = std::make_unique<SharedLibrary>(files.plugin);
  const std::string where = files.user_file();
  auto entry = reinterpret_cast<SimarenaControllerEntry>(library->symbol(SIMARENA_CONTROLLER_ENTRY));
  if (entry == nullptr)
    throw InputError(where,
                     tr_noop("not a simarena controller: no exported symbol '%s' (use SIMARENA_EXPORT_CONTROLLER from "
                             "<simarena/custom_interface.hpp>)"),
                     SIMARENA_CONTROLLER_ENTRY);
  const SimarenaControllerApi* api = entry();
  if (api == nullptr) throw InputError(where, tr_noop("%s() returned NULL"), SIMARENA_CONTROLLER_ENTRY);
  if (api->abi_version != SIMARENA_CONTROLLER_ABI_VERSION)
    throw InputError(where,
                     tr_noop("controller built for plugin ABI version %s, this simarena speaks version %s; rebuild it "
                             "against this simarena's SDK"),
                     api->abi_version, SIMARENA_CONTROLLER_ABI_VERSION);
  // Tables from older SDKs end after `destroy`; later entries are optional.
  constexpr size_t required_size = offsetof(SimarenaControllerApi, destroy) + sizeof(api->destroy);
  if (api->struct_size < required_size || !api->create || !api->step || !api->destroy)
    throw InputError(where,
                     tr_noop("controller's function table is incomplete; rebuild it against this simarena's SDK"));
  if (auto problem = unserved_extension_problem(api)) throw InputError(where, std::move(*problem));

  std::vector<const char*> names;
  for (const JointSpec& j : robot.joints) names.push_back(j.name.c_str());
  const SimarenaRobotModel model = robot_model(robot);
  SimarenaRobotInfo info{
      sizeof(SimarenaRobotInfo), robot.name.c_str(), robot.num_joints(), names.data(), robot.control_period, &model};
  char error[512] = "";
  // The controller's own words are shown as written; the host's, when it gave none, are translated.
  const auto refused = [&](const char* silent) {
    if (error[0] == '\0') return Message(tr_noop("controller refused to start: %s"), Message(silent));
    return Message(tr_noop("controller refused to start: %s"),
                   untrusted_text(std::string_view(error, strnlen(error, sizeof(error)))));
  };
  // First: outlives the instance, even when attach() refuses.
  auto host = std::make_unique<HostServices>(files.script.string());
  host->services.serve_high_level(extensions::requires_high_level(api));
  if (!files.script.empty()) host->services.offer_high_level_during_attach();
  const size_t camera_bytes = CameraFeed::lay_out(robot, host->cameras);
  if (host->cameras.count > 0) host->services.serve_cameras(&host->cameras, nullptr, 0);
  Instance instance(api, api->create(&info, params.c_str(), error, sizeof(error)));
  if (instance.get() == nullptr) throw InputError(where, refused(tr_noop("create() returned NULL without a message")));
  if (const auto attach = extensions::attach_entry(api)) {
    if (attach(instance.get(), host->services.host(), error, sizeof(error)) != 0)
      throw InputError(where, refused(tr_noop("attach() failed without a message")));
  }
  const CommandLevel level = host->services.end_high_level_offer() ? CommandLevel::high_level : CommandLevel::motor;
  host->services.close_camera_requests();
  auto feed = std::make_unique<CameraFeed>(robot, host->cameras, where);
  if (feed->active()) {
    host->camera_pixels.reset(new unsigned char[camera_bytes]());
    feed->set_pixels(host->camera_pixels.get());
    host->services.set_camera_pixels(host->camera_pixels.get(), camera_bytes);
    host->camera_feed = std::move(feed);
  }
  const std::string name =
      files.script.empty() ? (api->name ? untrusted_text(api->name) : "unnamed") : script_controller_name(files.script);
  return std::make_unique<PluginController>(std::move(library), api, std::move(host), instance.release(), name, level,
                                            robot.control_period);
}

}  // namespace simarena
