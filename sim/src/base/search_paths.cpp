#include "simarena/base/search_paths.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <set>
#include <stdexcept>

#include "simarena/base/input_error.h"

namespace simarena {
namespace fs = std::filesystem;
namespace {

void append_env_list(const char* variable, std::vector<fs::path>& out) {
  const char* value = std::getenv(variable);
  if (value == nullptr) return;
  std::string list = value;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t end = std::min(list.find(':', start), list.size());
    if (end > start) out.emplace_back(list.substr(start, end - start));
    start = end + 1;
  }
}

bool looks_like_path(const std::string& s) {
  return s.find('/') != std::string::npos || s.ends_with(".so") || s.ends_with(".yaml") ||
         script_runtime(fs::path(s)) != nullptr;
}

bool is_script_runtime(const std::string& plugin_name) {
  return std::any_of(std::begin(kScriptRuntimes), std::end(kScriptRuntimes),
                     [&](const ScriptRuntime& r) { return plugin_name == r.plugin; });
}

// The folder of the running executable (empty when /proc is unavailable).
fs::path executable_dir() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : self.parent_path();
}

// What the build tree's marker file (written by the top CMakeLists.txt) says.
struct BuildTree {
  fs::path data_dir, controller_dir, controller_host, locale_dir;
};

// The build tree `exe_dir` belongs to: the marker next to the executable
// (simarena) or one folder up (tests/, bench/). Installed binaries have none.
std::optional<BuildTree> build_tree_of(const fs::path& exe_dir) {
  if (exe_dir.empty()) return std::nullopt;
  for (const fs::path& dir : {exe_dir, exe_dir.parent_path()}) {
    std::ifstream marker(dir / "simarena-build-tree");
    if (!marker) continue;
    BuildTree tree;
    std::string line;
    while (std::getline(marker, line)) {
      const size_t eq = line.find('=');
      if (eq == std::string::npos) continue;
      const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
      if (key == "data_dir") tree.data_dir = value;
      if (key == "controller_dir") tree.controller_dir = value;
      if (key == "controller_host") tree.controller_host = value;
      if (key == "locale_dir") tree.locale_dir = value;
    }
    return tree;
  }
  return std::nullopt;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out.empty() ? "none found" : out;
}

}  // namespace

SearchPaths default_search_paths() {
  SearchPaths paths;
  append_env_list("SIMARENA_DATA_DIR", paths.data_dirs);
  append_env_list("SIMARENA_CONTROLLER_PATH", paths.controller_dirs);
  const fs::path exe_dir = executable_dir();
  if (const auto tree = build_tree_of(exe_dir)) {
    paths.data_dirs.push_back(tree->data_dir);
    paths.controller_dirs.push_back(tree->controller_dir);
  } else if (!exe_dir.empty()) {
    paths.data_dirs.push_back((exe_dir / SIMARENA_DATA_DIR_FROM_BINDIR).lexically_normal());
    paths.controller_dirs.push_back((exe_dir / SIMARENA_CONTROLLER_DIR_FROM_BINDIR).lexically_normal());
  }
  return paths;
}

fs::path find_controller_host() {
  const fs::path exe_dir = executable_dir();
  std::vector<fs::path> candidates;
  if (!exe_dir.empty()) candidates.push_back(exe_dir / "simarena-controller-host");
  if (const auto tree = build_tree_of(exe_dir)) candidates.push_back(tree->controller_host);
  std::string looked;
  for (const auto& candidate : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate;
    looked += (looked.empty() ? "" : ", ") + candidate.string();
  }
  throw std::runtime_error("simarena-controller-host not found (looked for " + looked +
                           "); it is built and installed with simarena, next to the simarena executable");
}

fs::path find_locale_dir() {
  const fs::path exe_dir = executable_dir();
  if (const auto tree = build_tree_of(exe_dir)) return tree->locale_dir;
  if (exe_dir.empty()) return {};
  return (exe_dir / SIMARENA_LOCALE_DIR_FROM_BINDIR).lexically_normal();
}

std::vector<std::string> list_robots(const SearchPaths& paths) {
  std::set<std::string> names;
  for (const auto& dir : paths.data_dirs) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir / "models", ec))
      if (fs::exists(entry.path() / "robot.yaml")) names.insert(entry.path().filename().string());
  }
  return {names.begin(), names.end()};
}

std::vector<std::string> list_controllers(const SearchPaths& paths) {
  std::set<std::string> names;
  for (const auto& dir : paths.controller_dirs) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.path().extension() == ".so" && !is_script_runtime(entry.path().stem().string()))
        names.insert(entry.path().stem().string());
  }
  return {names.begin(), names.end()};
}

std::vector<std::string> list_tracks(const SearchPaths& paths) {
  std::set<std::string> names;
  for (const auto& dir : paths.data_dirs) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir / "arenas", ec))
      if (entry.path().extension() == ".yaml") names.insert(entry.path().stem().string());
  }
  return {names.begin(), names.end()};
}

fs::path find_track(const std::string& name_or_path, const SearchPaths& paths) {
  if (looks_like_path(name_or_path)) {
    if (!fs::exists(name_or_path)) throw InputError(name_or_path, tr_noop("track file not found"));
    return name_or_path;
  }
  for (const auto& dir : paths.data_dirs) {
    const fs::path p = dir / "arenas" / (name_or_path + ".yaml");
    if (fs::exists(p)) return p;
  }
  throw InputError(name_or_path, tr_noop("unknown track; known tracks: %s (or give the path of a track .yaml)"),
                   joined(list_tracks(paths)));
}

fs::path find_rules(const std::string& name_or_path, const fs::path& track_file, const SearchPaths& paths) {
  const fs::path here = track_file.parent_path();
  if (looks_like_path(name_or_path)) {
    const fs::path p = here / name_or_path;
    if (!fs::exists(p)) throw InputError(track_file.string(), tr_noop("rule set file '%s' not found"), p.string());
    return p;
  }
  std::vector<fs::path> candidates = {here / "rules" / (name_or_path + ".yaml")};
  for (const auto& dir : paths.data_dirs) candidates.push_back(dir / "arenas" / "rules" / (name_or_path + ".yaml"));
  for (const auto& p : candidates)
    if (fs::exists(p)) return p;
  throw InputError(track_file.string(),
                   tr_noop("rule set '%s' not found in %s or arenas/rules/ of the data directories"), name_or_path,
                   (here / "rules").string());
}

fs::path find_robot(const std::string& name_or_path, const SearchPaths& paths) {
  if (looks_like_path(name_or_path)) {
    fs::path p = name_or_path;
    if (fs::is_directory(p)) p /= "robot.yaml";
    if (!fs::exists(p)) throw InputError(p.string(), tr_noop("robot description not found"));
    return p;
  }
  for (const auto& dir : paths.data_dirs) {
    const fs::path p = dir / "models" / name_or_path / "robot.yaml";
    if (fs::exists(p)) return p;
  }
  throw InputError(name_or_path, tr_noop("unknown robot; known robots: %s (or give the path of a robot.yaml)"),
                   joined(list_robots(paths)));
}

fs::path find_controller(const std::string& name_or_path, const SearchPaths& paths) {
  // A file relative to the working directory, also without a slash (dlopen would search the library path).
  if (looks_like_path(name_or_path))
    return fs::path(name_or_path).has_parent_path() ? name_or_path : "./" + name_or_path;
  for (const auto& dir : paths.controller_dirs) {
    const fs::path p = dir / (name_or_path + ".so");
    if (fs::exists(p)) return p;
  }
  throw InputError(
      name_or_path,
      tr_noop(
          "unknown controller; known controllers: %s (or give the path of a plugin .so or of a Python controller .py)"),
      joined(list_controllers(paths)));
}

const ScriptRuntime* script_runtime(const fs::path& controller) {
  for (const ScriptRuntime& runtime : kScriptRuntimes)
    if (controller.extension() == runtime.extension) return &runtime;
  return nullptr;
}

}  // namespace simarena
