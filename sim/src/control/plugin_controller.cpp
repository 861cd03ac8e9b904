#include <dlfcn.h>

#include <cstddef>
#include <cstring>
#include <ctime>
#include <vector>

#include "simarena/base/input_error.h"
#include "simarena/base/untrusted_text.h"
#include "simarena/control/controller_interface.h"

namespace simarena {
namespace {

// CPU time of this thread: the plugin's step runs on it, so the difference
// around the call is the call's CPU time (what a deadline is judged on).
int64_t thread_cpu_ns() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

// dlopen handle, closed when the last instance using it is gone.
class SharedLibrary {
 public:
  explicit SharedLibrary(const std::filesystem::path& path) : path_(path.string()) {
    if (!std::filesystem::exists(path))
      throw InputError(path_, "controller plugin not found (give a built .so, or a name such as 'stand')");
    handle_ = dlopen(path_.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle_ == nullptr) throw InputError(path_, std::string("cannot load controller plugin: ") + dlerror());
  }
  ~SharedLibrary() { dlclose(handle_); }
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  void* symbol(const char* name) const { return dlsym(handle_, name); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  void* handle_ = nullptr;
};

class PluginController final : public Controller {
 public:
  PluginController(std::unique_ptr<SharedLibrary> library, const SimarenaControllerApi* api, void* instance)
      : library_(std::move(library)),
        api_(api),
        instance_(instance),
        name_(api->name ? untrusted_text(api->name) : "unnamed") {}
  ~PluginController() override { api_->destroy(instance_); }

  const std::string& name() const override { return name_; }

  void set_course_info(const SimarenaCourseInfo& info) override {
    // Plugins built before the optional entry existed have a shorter table.
    constexpr size_t needed = offsetof(SimarenaControllerApi, set_course_info) + sizeof(api_->set_course_info);
    if (api_->struct_size >= needed && api_->set_course_info != nullptr) api_->set_course_info(instance_, &info);
  }

  StepOutcome step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) override {
    char error[512] = "";
    const int64_t start = thread_cpu_ns();
    const int status = api_->step(instance_, first_run ? 1 : 0, &data, &cmd, error, sizeof(error));
    StepOutcome outcome = step_outcome(status, std::string_view(error, strnlen(error, sizeof(error))));
    outcome.cpu_ns = thread_cpu_ns() - start;
    return outcome;
  }

 private:
  std::unique_ptr<SharedLibrary> library_;  // declared first: destroyed after the instance
  const SimarenaControllerApi* api_;
  void* instance_;
  std::string name_;
};

}  // namespace

StepOutcome step_outcome(int status, std::string_view error) {
  switch (status) {
    case SIMARENA_STEP_SENT:
      return {StepOutcome::Kind::sent, ""};
    case SIMARENA_STEP_SKIPPED:
      return {StepOutcome::Kind::skipped, ""};
    case SIMARENA_STEP_ERROR:
      return {StepOutcome::Kind::error, error.empty() ? "controller reported an error without a message"
                                                      : "controller reported an error: " + untrusted_text(error)};
    default:
      return {StepOutcome::Kind::error, "controller returned unknown status " + std::to_string(status)};
  }
}

std::unique_ptr<Controller> load_plugin(const std::filesystem::path& library_path, const RobotSpec& robot,
                                        const std::string& params) {
  auto library = std::make_unique<SharedLibrary>(library_path);
  const std::string& where = library->path();
  auto entry = reinterpret_cast<SimarenaControllerEntry>(library->symbol(SIMARENA_CONTROLLER_ENTRY));
  if (entry == nullptr)
    throw InputError(where, std::string("not a simarena controller: no exported symbol '") + SIMARENA_CONTROLLER_ENTRY +
                                "' (use SIMARENA_EXPORT_CONTROLLER from <simarena/custom_interface.hpp>)");
  const SimarenaControllerApi* api = entry();
  if (api == nullptr) throw InputError(where, std::string(SIMARENA_CONTROLLER_ENTRY) + "() returned NULL");
  if (api->abi_version != SIMARENA_CONTROLLER_ABI_VERSION)
    throw InputError(where, "controller built for plugin ABI version " + std::to_string(api->abi_version) +
                                ", this simarena speaks version " + std::to_string(SIMARENA_CONTROLLER_ABI_VERSION) +
                                "; rebuild it against this simarena's SDK");
  // Tables from older SDKs end after `destroy`; later entries are optional.
  constexpr size_t required_size = offsetof(SimarenaControllerApi, destroy) + sizeof(api->destroy);
  if (api->struct_size < required_size || !api->create || !api->step || !api->destroy)
    throw InputError(where, "controller's function table is incomplete; rebuild it against this simarena's SDK");

  std::vector<const char*> names;
  for (const JointSpec& j : robot.joints) names.push_back(j.name.c_str());
  SimarenaRobotInfo info{sizeof(SimarenaRobotInfo), robot.name.c_str(), robot.num_joints(), names.data(),
                         robot.control_period};
  char error[512] = "";
  void* instance = api->create(&info, params.c_str(), error, sizeof(error));
  if (instance == nullptr)
    throw InputError(where, "controller refused to start: " +
                                (error[0] ? untrusted_text(std::string_view(error, strnlen(error, sizeof(error))))
                                          : std::string("create() returned NULL without a message")));
  return std::make_unique<PluginController>(std::move(library), api, instance);
}

}  // namespace simarena
