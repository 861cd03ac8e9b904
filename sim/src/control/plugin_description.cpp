#include "simarena/control/plugin_description.h"

#include <simarena/controller.h>

#include <cstddef>
#include <cstring>

#include "extensions/plugin_services.h"
#include "shared_library.h"
#include "simarena/base/input_error.h"
#include "simarena/base/untrusted_text.h"
#include "simarena/control/controller_files.h"
#include "simarena/control/controller_interface.h"

namespace simarena {

PluginDescription describe_plugin(const std::filesystem::path& controller) {
  const ControllerFiles files = controller_files(controller);
  SharedLibrary library(files.plugin);
  PluginDescription d;
  d.file = library.path();
  d.script = files.script.string();
  auto entry = reinterpret_cast<SimarenaControllerEntry>(library.symbol(SIMARENA_CONTROLLER_ENTRY));
  if (entry == nullptr)
    throw InputError(d.file, tr_noop("not a simarena controller: no exported symbol '%s'"), SIMARENA_CONTROLLER_ENTRY);
  const SimarenaControllerApi* api = entry();
  if (api == nullptr) throw InputError(d.file, tr_noop("%s() returned NULL"), SIMARENA_CONTROLLER_ENTRY);
  d.abi_version = api->abi_version;
  d.struct_size = api->struct_size;
  if (api->abi_version != SIMARENA_CONTROLLER_ABI_VERSION) {
    // Beyond these two words the layout is another ABI's: read nothing more.
    d.problem = description_problem(d, false);
    return d;
  }
  d.name = api->name ? untrusted_text(api->name) : "unnamed";
  constexpr size_t course_info_size = offsetof(SimarenaControllerApi, set_course_info) + sizeof(api->set_course_info);
  d.takes_course_info = api->struct_size >= course_info_size && api->set_course_info != nullptr;
  d.attaches = extensions::attach_entry(api) != nullptr;
  if (const char* const* list = extensions::requested_extensions(api)) {
    for (int i = 0; list[i] != nullptr && i <= extensions::kMaxRequestedExtensions; ++i)
      d.extensions.push_back(
          untrusted_text(std::string_view(list[i], strnlen(list[i], extensions::kMaxExtensionRequestBytes + 1)),
                         extensions::kMaxExtensionRequestBytes + 3));
  }
  constexpr size_t required_size = offsetof(SimarenaControllerApi, destroy) + sizeof(api->destroy);
  d.problem = description_problem(d, api->struct_size >= required_size && api->create && api->step && api->destroy);
  return d;
}

std::string description_problem(const PluginDescription& d, bool table_complete) {
  if (d.abi_version != SIMARENA_CONTROLLER_ABI_VERSION)
    return "built for plugin ABI version " + std::to_string(d.abi_version) + ", this simarena speaks version " +
           std::to_string(SIMARENA_CONTROLLER_ABI_VERSION);
  if (!table_complete) return "its function table is incomplete";
  if (d.extensions.size() > static_cast<size_t>(extensions::kMaxRequestedExtensions))
    return unserved_extension_words(d.name.c_str(), "more than " + std::to_string(extensions::kMaxRequestedExtensions) +
                                                        " extension requests (is the list NULL-terminated?)")
        .english();
  for (const std::string& request : d.extensions) {
    char problem[256];
    if (!extensions::check_request(request.c_str(), problem, sizeof(problem)))
      return unserved_extension_words(d.name.c_str(), std::string_view(problem, strnlen(problem, sizeof(problem))))
          .english();
  }
  return {};
}

std::string describe_text(const PluginDescription& d) {
  std::string text = "plugin      " + untrusted_text(d.file, 4096) + "\n";
  if (!d.script.empty()) text += "script      " + untrusted_text(d.script, 4096) + "\n";
  if (!d.name.empty()) text += "name        " + d.name + "\n";
  text += "abi         version " + std::to_string(d.abi_version) + ", function table " + std::to_string(d.struct_size) +
          " bytes (this simarena: version " + std::to_string(SIMARENA_CONTROLLER_ABI_VERSION) + ", " +
          std::to_string(sizeof(SimarenaControllerApi)) + " bytes)\n";
  if (d.abi_version == SIMARENA_CONTROLLER_ABI_VERSION) {
    text += "entries     create step destroy";
    if (d.takes_course_info) text += " set_course_info";
    if (d.attaches) text += " attach";
    text += "\nextensions  ";
    if (d.extensions.empty()) text += "none required";
    for (size_t i = 0; i < d.extensions.size(); ++i) {
      char problem[256];
      const bool served = extensions::check_request(d.extensions[i].c_str(), problem, sizeof(problem));
      text += (i ? ", " : "") + d.extensions[i] + (served ? " (served)" : " (NOT served)");
    }
    char served[256];
    extensions::served_list(served, sizeof(served));
    text += std::string("\nserved      ") + served + "\n";
  }
  text += d.problem.empty() ? "loads       yes\n" : "loads       no: " + d.problem + "\n";
  return text;
}

}  // namespace simarena
