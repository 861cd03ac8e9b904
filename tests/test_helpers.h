// Shared fixtures for the tests: the shipped robots and test plugins.
#pragma once

#include <simarena/controller.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "simarena/control/sandbox_controller.h"
#include "simarena/physics/robot_spec.h"
#include "simarena/run/run_session.h"

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

// Empty when the two files hold the same bytes; else where they part, in a
// line (a failed check then prints that, not two replays in full).
inline std::string first_difference(const std::filesystem::path& a, const std::filesystem::path& b) {
  const std::string x = file_bytes(a), y = file_bytes(b);
  if (x == y) return {};
  size_t at = 0;
  while (at < x.size() && at < y.size() && x[at] == y[at]) ++at;
  return a.filename().string() + " (" + std::to_string(x.size()) + " bytes) and " + b.filename().string() + " (" +
         std::to_string(y.size()) + " bytes) differ from byte " + std::to_string(at);
}

// What the host judged on CPU time in a run: its deadline misses, or a
// sandboxed controller stopped over its CPU budget. Empty when nothing.
inline std::string judged_on_cpu_time(const RunResult& result) {
  if (result.sandbox_fault.find("exceeded its CPU budget") != std::string::npos) return result.sandbox_fault;
  for (const MatchEvent& e : result.events)
    if (e.type == MatchEventType::deadline_miss) return e.detail;
  return {};
}

// A run for a test of the same bits. Deadlines and the CPU budget are judged
// on CPU time, which a loaded machine inflates now and then (under ASan at
// -j2: one call of a Python controller took 3.6 ms among 5000 of ~20 us), so
// a run the CPU clock had a say in is run again, three times at most.
// (An in-process `stand` once took 5 ms of CPU for one call at -j2.)
inline RunResult run_match_untimed(const RunRequest& request, const SearchPaths& paths = default_search_paths()) {
  RunResult result = run_match(request, paths);
  for (int again = 0; again < 2; ++again) {
    const std::string judged = judged_on_cpu_time(result);
    if (judged.empty()) break;
    WARN("run again: " << judged);
    result = run_match(request, paths);
  }
  return result;
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
