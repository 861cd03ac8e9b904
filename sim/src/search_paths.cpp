#include "simarena/search_paths.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "simarena/input_error.h"

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
  return s.find('/') != std::string::npos || s.ends_with(".so") || s.ends_with(".yaml");
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
  paths.data_dirs.emplace_back(SIMARENA_BUILD_DATA_DIR);
  paths.data_dirs.emplace_back(SIMARENA_INSTALL_DATA_DIR);
  paths.controller_dirs.emplace_back(SIMARENA_BUILD_CONTROLLER_DIR);
  paths.controller_dirs.emplace_back(SIMARENA_INSTALL_CONTROLLER_DIR);
  return paths;
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
      if (entry.path().extension() == ".so") names.insert(entry.path().stem().string());
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
    if (!fs::exists(name_or_path)) throw InputError(name_or_path, "track file not found");
    return name_or_path;
  }
  for (const auto& dir : paths.data_dirs) {
    const fs::path p = dir / "arenas" / (name_or_path + ".yaml");
    if (fs::exists(p)) return p;
  }
  throw InputError(name_or_path, "unknown track; known tracks: " + joined(list_tracks(paths)) +
                                     " (or give the path of a track .yaml)");
}

fs::path find_rules(const std::string& name_or_path, const fs::path& track_file, const SearchPaths& paths) {
  const fs::path here = track_file.parent_path();
  if (looks_like_path(name_or_path)) {
    const fs::path p = here / name_or_path;
    if (!fs::exists(p)) throw InputError(track_file.string(), "rule set file '" + p.string() + "' not found");
    return p;
  }
  std::vector<fs::path> candidates = {here / "rules" / (name_or_path + ".yaml")};
  for (const auto& dir : paths.data_dirs) candidates.push_back(dir / "arenas" / "rules" / (name_or_path + ".yaml"));
  for (const auto& p : candidates)
    if (fs::exists(p)) return p;
  throw InputError(track_file.string(), "rule set '" + name_or_path + "' not found in " + (here / "rules").string() +
                                            " or arenas/rules/ of the data directories");
}

fs::path find_robot(const std::string& name_or_path, const SearchPaths& paths) {
  if (looks_like_path(name_or_path)) {
    fs::path p = name_or_path;
    if (fs::is_directory(p)) p /= "robot.yaml";
    if (!fs::exists(p)) throw InputError(p.string(), "robot description not found");
    return p;
  }
  for (const auto& dir : paths.data_dirs) {
    const fs::path p = dir / "models" / name_or_path / "robot.yaml";
    if (fs::exists(p)) return p;
  }
  throw InputError(name_or_path, "unknown robot; known robots: " + joined(list_robots(paths)) +
                                     " (or give the path of a robot.yaml)");
}

fs::path find_controller(const std::string& name_or_path, const SearchPaths& paths) {
  // A file relative to the working directory, also without a slash (dlopen would search the library path).
  if (looks_like_path(name_or_path))
    return fs::path(name_or_path).has_parent_path() ? name_or_path : "./" + name_or_path;
  for (const auto& dir : paths.controller_dirs) {
    const fs::path p = dir / (name_or_path + ".so");
    if (fs::exists(p)) return p;
  }
  throw InputError(name_or_path, "unknown controller; known controllers: " + joined(list_controllers(paths)) +
                                     " (or give the path of a plugin .so)");
}

}  // namespace simarena
