#include "simarena/control/controller_files.h"

#include "simarena/base/input_error.h"
#include "simarena/base/search_paths.h"
#include "simarena/base/untrusted_text.h"

namespace simarena {

ControllerFiles controller_files(const std::filesystem::path& controller) {
  const ScriptRuntime* runtime = script_runtime(controller);
  if (runtime == nullptr) return {controller, {}};
  if (!std::filesystem::is_regular_file(controller))
    throw InputError(controller.string(),
                     tr_noop("controller script not found (give the path of an existing .py file)"));
  // Found like any controller: next to the plugins this simarena ships.
  const SearchPaths paths = default_search_paths();
  for (const auto& dir : paths.controller_dirs) {
    const std::filesystem::path plugin = dir / (std::string(runtime->plugin) + ".so");
    if (std::filesystem::exists(plugin)) return {plugin, std::filesystem::absolute(controller)};
  }
  throw InputError(controller.string(),
                   tr_noop("this simarena has no %1$s.so to run the script; build or install the '%1$s' controller "
                           "plugin (it needs pybind11-dev and python3-dev, see scripts/setup)"),
                   runtime->plugin);
}

std::string script_controller_name(const std::filesystem::path& script) {
  return untrusted_text(script.stem().string(), 128);
}

}  // namespace simarena
