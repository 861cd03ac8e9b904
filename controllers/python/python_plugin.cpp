// The `python` controller plugin: runs a controller written in Python
// (`simarena run --controller my_ctrl.py`) on the plugin ABI, so the host,
// the sandbox, replays and tournaments treat it like any plugin. The host
// hands it the script through the simarena.script extension; create()
// keeps the robot and the parameters, attach() starts the interpreter (once
// per process) and loads the script, step() calls user_code. Python's
// exceptions never cross the C boundary: they become error returns with
// the traceback's last lines in words (docs/python.md).
#include <simarena/controller.h>

#include <cstddef>
#include <cstdio>
#include <exception>
#include <memory>
#include <optional>
#include <string>

#include "embedded_interpreter.h"
#include "script_controller.h"

namespace {

using simarena::python::ControllerSetup;
using simarena::python::GilScope;
using simarena::python::HostLink;
using simarena::python::ScriptController;

void write_error(char* buffer, size_t size, const std::string& message) {
  if (buffer != nullptr && size > 0) std::snprintf(buffer, size, "%s", message.c_str());
}

// What the host passes in says its size; these are the members read here.
constexpr size_t kRobotInfoSize = offsetof(SimarenaRobotInfo, control_period) + sizeof(double);
constexpr size_t kCourseInfoSize = offsetof(SimarenaCourseInfo, next_gate_width) + sizeof(float);
constexpr size_t kHostSize = offsetof(SimarenaHost, extension) + sizeof(SimarenaHost::extension);

template <class Table>
const Table* extension_table(const SimarenaHost& host, const char* name) {
  const auto* table = static_cast<const Table*>(host.extension(host.context, name, 1));
  return table != nullptr && table->struct_size >= sizeof(Table) ? table : nullptr;
}

struct Instance {
  ControllerSetup setup;
  std::unique_ptr<ScriptController> controller;  // after attach
  std::string host_problem;                      // reported by the next step
};

void* create(const SimarenaRobotInfo* robot, const char* params, char* error, size_t error_size) {
  if (robot == nullptr || robot->struct_size < kRobotInfoSize) {
    write_error(error, error_size, "the host's SimarenaRobotInfo is too small for the python plugin");
    return nullptr;
  }
  auto instance = std::make_unique<Instance>();
  instance->setup.robot_name = robot->robot_name ? robot->robot_name : "";
  for (int i = 0; i < robot->num_joints && i < SIMARENA_MAX_JOINTS; ++i)
    instance->setup.joint_names.emplace_back(robot->joint_names[i]);
  instance->setup.control_period = robot->control_period;
  instance->setup.params = params ? params : "";
  return instance.release();
}

int attach(void* opaque, const SimarenaHost* host, char* error, size_t error_size) {
  auto* instance = static_cast<Instance*>(opaque);
  if (host == nullptr || host->struct_size < kHostSize || host->extension == nullptr) {
    write_error(error, error_size, "the host's SimarenaHost is too small for the python plugin");
    return 1;
  }
  const auto* script = extension_table<SimarenaScriptExtension>(*host, SIMARENA_SCRIPT_EXTENSION);
  const char* path = script ? script->path(host->context) : nullptr;
  if (path == nullptr || path[0] == '\0') {
    write_error(error, error_size,
                "the python plugin runs a Python script: give the script as the controller "
                "(--controller my_controller.py)");
    return 1;
  }
  const HostLink link(host, extension_table<SimarenaLogExtension>(*host, SIMARENA_LOG_EXTENSION),
                      extension_table<SimarenaAnnounceExtension>(*host, SIMARENA_ANNOUNCE_EXTENSION));
  try {
    simarena::python::start_interpreter();
    GilScope gil;
    instance->controller = std::make_unique<ScriptController>(path, instance->setup, link);
    return 0;
  } catch (const std::exception& e) {
    write_error(error, error_size, e.what());
  }
  return 1;
}

int step(void* opaque, int first_run, const SimarenaRobotData* data, SimarenaMotorCmd* cmd, char* error,
         size_t error_size) {
  auto* instance = static_cast<Instance*>(opaque);
  if (!instance->host_problem.empty()) {
    write_error(error, error_size, instance->host_problem);
    return SIMARENA_STEP_ERROR;
  }
  if (!instance->controller) {
    write_error(error, error_size, "the python plugin was never attached to a script");
    return SIMARENA_STEP_ERROR;
  }
  std::string words;
  int status = SIMARENA_STEP_ERROR;
  try {
    GilScope gil;
    status = instance->controller->step(first_run != 0, *data, *cmd, words);
  } catch (const std::exception& e) {
    words = e.what();
    status = SIMARENA_STEP_ERROR;
  }
  if (status == SIMARENA_STEP_ERROR) write_error(error, error_size, words);
  return status;
}

void set_course_info(void* opaque, const SimarenaCourseInfo* info) {
  auto* instance = static_cast<Instance*>(opaque);
  if (info == nullptr || !instance->controller) return;
  if (info->struct_size < kCourseInfoSize) {
    instance->host_problem = "the host's SimarenaCourseInfo is too small for the python plugin";
    return;
  }
  try {
    GilScope gil;
    instance->controller->set_course_info(*info);
  } catch (const std::exception& e) {
    instance->host_problem = e.what();
  }
}

void destroy(void* opaque) {
  auto* instance = static_cast<Instance*>(opaque);
  if (instance->controller) {
    GilScope gil;  // the script's objects are released under the GIL
    instance->controller.reset();
  }
  delete instance;
}

const char* const kRequiredExtensions[] = {"simarena.script/1", nullptr};

const SimarenaControllerApi kApi = {
    .abi_version = SIMARENA_CONTROLLER_ABI_VERSION,
    .struct_size = sizeof(SimarenaControllerApi),
    .name = "python",
    .create = create,
    .step = step,
    .destroy = destroy,
    .set_course_info = set_course_info,
    .extensions = kRequiredExtensions,
    .attach = attach,
};

}  // namespace

SIMARENA_CONTROLLER_ENTRY_POINT(kApi)
