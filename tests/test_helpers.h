// Shared fixtures for the tests: the shipped robots and test plugins.
#pragma once

#include <simarena/controller.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "simarena/control/sandbox_controller.h"
#include "simarena/physics/robot_spec.h"

namespace simarena::test {

// Viewer processes the tests start: under LeakSanitizer, Mesa's GL driver is
// unloaded before exit and its allocations show up with no module to blame,
// so those child processes skip the leak check (everything else keeps it).
inline void gl_children_skip_leak_check() {
  const char* options = getenv("ASAN_OPTIONS");
  const std::string merged = std::string(options ? options : "") + ":detect_leaks=0";
  setenv("ASAN_OPTIONS", merged.c_str(), 1);
}

inline std::string source_path(const std::string& relative) {
  return std::string(SIMARENA_SOURCE_DIR) + "/" + relative;
}
inline std::string plugin_path(const std::string& name) { return std::string(TEST_PLUGIN_DIR) + "/" + name + ".so"; }
inline RobotSpec cyberdog2() { return load_robot_spec(source_path("models/cyberdog2/robot.yaml")); }
inline RobotSpec minidog() { return load_robot_spec(source_path("tests/robots/minidog/robot.yaml")); }

// The CyberDog 2 as the host describes it to a controller: its joints in the
// robot's order and a control period.
inline constexpr const char* kCyberdog2JointNames[] = {"FR_abad", "FR_hip", "FR_knee", "FL_abad", "FL_hip", "FL_knee",
                                                       "RR_abad", "RR_hip", "RR_knee", "RL_abad", "RL_hip", "RL_knee"};
inline SimarenaRobotInfo cyberdog2_robot_info(double control_period) {
  return {sizeof(SimarenaRobotInfo), "cyberdog2", 12, kCyberdog2JointNames, control_period, nullptr};
}

// A whole file's bytes (empty when it cannot be read).
inline void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// The sandbox limits the plugin ABI tests run under: the defaults with a 256 MiB memory cap.
inline SandboxLimits plugin_limits() {
  SandboxLimits limits;
  limits.memory_cap_bytes = 256ull << 20;
  return limits;
}

// An entry folder of a tournament: the plugin (linked, as a judge might copy it) and its params file.
inline void add_entry(const std::filesystem::path& entries, const std::string& name, const std::string& plugin,
                      const std::string& params) {
  std::filesystem::create_directories(entries / name);
  std::filesystem::create_symlink(plugin, entries / name / std::filesystem::path(plugin).filename());
  std::ofstream(entries / name / "params") << "# " << name << "\n" << params << "\n";
}

inline std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A copy of the CyberDog 2 robot files in `dir` with `find` replaced by
// `replace` in robot.yaml; returns the copy's robot.yaml. Throws when `find`
// is not in the file (the test's premise is then wrong).
inline std::filesystem::path cyberdog2_with(const std::filesystem::path& dir, const std::string& find,
                                            const std::string& replace) {
  std::string text = file_bytes(source_path("models/cyberdog2/robot.yaml"));
  const size_t at = text.find(find);
  if (at == std::string::npos) throw std::runtime_error("robot.yaml has no '" + find + "'");
  text.replace(at, find.size(), replace);
  std::ofstream(dir / "robot.yaml") << text;
  std::filesystem::copy_file(source_path("models/cyberdog2/cyberdog2.xml"), dir / "cyberdog2.xml",
                             std::filesystem::copy_options::overwrite_existing);
  return dir / "robot.yaml";
}

// A shell command's exit status (-1 when it did not exit normally).
inline int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A fresh folder under $TMPDIR for one test, removed with everything in it after.
struct TempFolder {
  std::filesystem::path path;
  TempFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "simarena-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder");
    path = pattern;
  }
  ~TempFolder() { std::filesystem::remove_all(path); }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
};

// RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks.
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted && c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
      records.back().back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == ',') {
      records.back().emplace_back();
    } else if (!quoted && c == '\n') {
      records.emplace_back(1);
    } else {
      records.back().back() += c;
    }
  }
  if (records.back().size() == 1 && records.back()[0].empty()) records.pop_back();
  return records;
}

// The test plugin `name` copied into a test's own folder, as a user would drop it in.
inline std::filesystem::path copy_plugin(const TempFolder& folder, const std::string& name) {
  const std::filesystem::path to = folder.path / (name + ".so");
  std::filesystem::copy_file(plugin_path(name), to);
  return to;
}

}  // namespace simarena::test
