// Where simarena finds robots and controller plugins by name. Front ends
// resolve "cyberdog2" or "stand" through these; a path is used as given.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace simarena {

struct SearchPaths {
  std::vector<std::filesystem::path> data_dirs;        // each holds models/ (and arenas/)
  std::vector<std::filesystem::path> controller_dirs;  // each holds <name>.so
};

// $SIMARENA_DATA_DIR and $SIMARENA_CONTROLLER_PATH (colon-separated) first,
// then, relative to the running executable, the installed layout
// (<bin>/../share/simarena, <bin>/../lib/simarena/controllers) or, when the
// executable is in a build tree (its marker file `simarena-build-tree` next
// to it or one folder up), that build's source and plugin folders.
SearchPaths default_search_paths();

// simarena-controller-host: next to the running executable (installed or
// the build's top folder), else in the build tree it belongs to. Throws
// std::runtime_error saying where it looked. (Declared in sandbox_controller.h too.)
std::filesystem::path find_controller_host();

// The message catalogues (<lang>/LC_MESSAGES/simarena.mo, base/messages.h):
// the build's locale/ folder from a build tree, else the installed
// <bin>/../share/locale. Empty when the executable's folder is unknown.
std::filesystem::path find_locale_dir();

// A robot name ("cyberdog2" -> models/cyberdog2/robot.yaml) or a path to a
// robot.yaml. Throws InputError listing the known robots when not found.
std::filesystem::path find_robot(const std::string& name_or_path, const SearchPaths& paths);

// A controller name ("stand" -> stand.so) or a path to a .so or to a
// script (.py). Throws InputError listing the known controllers when not found.
std::filesystem::path find_controller(const std::string& name_or_path, const SearchPaths& paths);

// Controllers written as scripts: the file extension, and the plugin (by
// name, found like any controller) that runs such a script.
struct ScriptRuntime {
  const char* extension;
  const char* plugin;
};
inline constexpr ScriptRuntime kScriptRuntimes[] = {{".py", "python"}};

// The runtime for a script controller's file, or nullptr for anything else (a plugin).
const ScriptRuntime* script_runtime(const std::filesystem::path& controller);

// A track name ("sprint" -> arenas/sprint.yaml) or a path to a track
// .yaml. Throws InputError listing the known tracks when not found.
std::filesystem::path find_track(const std::string& name_or_path, const SearchPaths& paths);

// A track's rule set: a name looked up in rules/ next to the track file,
// then in arenas/rules/ of the data dirs; or a path relative to the track.
std::filesystem::path find_rules(const std::string& name_or_path, const std::filesystem::path& track_file,
                                 const SearchPaths& paths);

std::vector<std::string> list_robots(const SearchPaths& paths);
std::vector<std::string> list_tracks(const SearchPaths& paths);
// Controller plugins by name, without the script runtimes (they run a script, never alone).
std::vector<std::string> list_controllers(const SearchPaths& paths);

}  // namespace simarena
