#include "simarena/tournament/tournament_entries.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>

#include "simarena/base/input_error.h"
#include "simarena/base/search_paths.h"
#include "simarena/base/untrusted_text.h"

namespace simarena {
namespace {

constexpr size_t kMaxNameCharacters = 64;

// Code points that show nothing or reorder the text around them (spaces other than ASCII, zero-width and bidi
// controls, separators, variation selectors, tags, private use, BOM, U+FFFD): two names that look the same, or a
// name that disguises another, must not be possible.
bool invisible_or_private(uint32_t c) {
  return c == 0xA0 || c == 0xAD || c == 0x34F || c == 0x61C || c == 0x115F || c == 0x1160 || c == 0x1680 ||
         (c >= 0x17B4 && c <= 0x17B5) || (c >= 0x180B && c <= 0x180F) || (c >= 0x2000 && c <= 0x200F) ||
         (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0x3164 ||
         (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFA0 ||
         (c >= 0xFFF0 && c <= 0xFFFF) || c >= 0xE0000;
}

// Entry names become folder names, run ids, CSV cells and HTML text: ASCII letters, digits, '-', '_' and '.',
// and letters of other scripts as valid UTF-8 (team names in Chinese, say); nothing invisible, no control
// characters, no '/', and at most 64 characters.
bool plain_name(const std::string& name) {
  if (name.empty() || name.front() == '.') return false;
  if (untrusted_text(name, name.size()) != name) return false;  // invalid UTF-8 or control characters
  size_t characters = 0;
  for (size_t i = 0; i < name.size(); ++characters) {
    const auto byte = static_cast<uint8_t>(name[i]);
    if (byte < 0x80) {
      const char c = name[i++];
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.'))
        return false;
      continue;
    }
    const size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;  // valid, as checked above
    uint32_t code = byte & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) code = code << 6 | (static_cast<uint8_t>(name[i + k]) & 0x3F);
    if (invisible_or_private(code)) return false;
    i += length;
  }
  return characters <= kMaxNameCharacters;
}

std::string trim(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// A lone entry file: a plugin or a Python controller.
bool controller_file(const std::filesystem::directory_entry& item) {
  return item.is_regular_file() && (item.path().extension() == ".so" || script_runtime(item.path()) != nullptr);
}

// The folder's controller: its one .so; else its one .py, or with several
// (the controller and its own modules) the one named controller.py.
// Empty with `problem` set when there is none or no single one.
std::filesystem::path folder_controller(const std::filesystem::path& folder, std::string& problem) {
  std::vector<std::filesystem::path> plugins, scripts;
  for (const auto& item : std::filesystem::directory_iterator(folder)) {
    if (!item.is_regular_file()) continue;
    if (item.path().extension() == ".so") plugins.push_back(item.path());
    if (script_runtime(item.path()) != nullptr) scripts.push_back(item.path());
  }
  if (plugins.size() == 1) return plugins.front();
  if (plugins.size() > 1) {
    problem = "the entry folder holds " + std::to_string(plugins.size()) + " .so plugins; an entry has exactly one";
    return {};
  }
  if (scripts.size() == 1) return scripts.front();
  for (const auto& script : scripts)
    if (script.filename() == "controller.py") return script;
  problem = scripts.empty() ? "the entry folder holds no .so plugin and no .py controller"
                            : "the entry folder holds " + std::to_string(scripts.size()) +
                                  " .py files and none is named controller.py; name the controller's file "
                                  "controller.py";
  return {};
}

TournamentEntry folder_entry(const std::filesystem::path& folder) {
  TournamentEntry entry{folder.filename().string(), {}, {}, {}, std::filesystem::absolute(folder)};
  const std::filesystem::path controller = folder_controller(folder, entry.problem);
  if (controller.empty()) return entry;
  const std::string file_name = controller.filename().string();
  if (untrusted_text(file_name, file_name.size()) != file_name) {  // it is recorded in the plan and the results
    entry.problem = "the entry's plugin file name is not plain UTF-8 text (invalid bytes or control characters)";
    return entry;
  }
  entry.plugin = std::filesystem::absolute(controller);
  const std::filesystem::path params_file = folder / "params";
  if (std::filesystem::exists(params_file)) {
    std::ifstream in(params_file);
    std::stringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) {
      entry.problem = "cannot read its params file";
      entry.plugin.clear();
      return entry;
    }
    entry.params = params_from_text(text.str());
    if (untrusted_text(entry.params, entry.params.size()) != entry.params) {  // it goes into JSON and to the plugin
      entry.problem = "its params file is not plain UTF-8 text (invalid bytes or control characters)";
      entry.plugin.clear();
      entry.params.clear();
    }
  }
  return entry;
}

}  // namespace

std::string params_from_text(const std::string& text) {
  std::istringstream lines(text);
  std::string line, params;
  while (std::getline(lines, line)) {
    line = trim(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    if (!params.empty() && params.back() != ',' && line.front() != ',') params += ',';
    params += line;
  }
  return params;
}

std::vector<TournamentEntry> find_entries(const std::filesystem::path& folder) {
  if (!std::filesystem::is_directory(folder))
    throw InputError(folder.string(), "entries folder not found (one .so, one .py or one folder per entry)");
  std::map<std::string, TournamentEntry> by_name;
  for (const auto& item : std::filesystem::directory_iterator(folder)) {
    const std::filesystem::path& path = item.path();
    const bool plugin = controller_file(item);
    if (!plugin && !item.is_directory()) continue;
    const std::string name = plugin ? path.stem().string() : path.filename().string();
    if (name.front() == '.') continue;  // hidden files and folders
    if (!plain_name(name))
      throw InputError(untrusted_text(path.string(), 1000),
                       "entry name '" + untrusted_text(name, 300) +
                           "' must be 1-64 letters (of any script), digits, '-', '_' or '.'; rename the entry");
    if (by_name.contains(name))
      throw InputError(path.string(), "two entries are named '" + name + "'; rename one of them");
    by_name[name] = plugin ? TournamentEntry{name, std::filesystem::absolute(path), {}, {}, {}} : folder_entry(path);
  }
  if (by_name.empty())
    throw InputError(folder.string(), "no entries: put one .so or .py, or one folder with a .so or a .py, per entry");
  std::vector<TournamentEntry> entries;
  for (auto& [name, entry] : by_name) entries.push_back(std::move(entry));
  return entries;
}

}  // namespace simarena
