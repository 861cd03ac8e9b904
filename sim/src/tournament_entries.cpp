#include "simarena/tournament_entries.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "simarena/input_error.h"

namespace simarena {
namespace {

// Entry names become file names, CSV cells and HTML text: keep them plain.
bool plain_name(const std::string& name) {
  if (name.empty() || name.front() == '.' || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
}

std::string trim(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

TournamentEntry folder_entry(const std::filesystem::path& folder) {
  TournamentEntry entry{folder.filename().string(), {}, {}, {}};
  std::vector<std::filesystem::path> plugins;
  for (const auto& item : std::filesystem::directory_iterator(folder))
    if (item.path().extension() == ".so" && item.is_regular_file()) plugins.push_back(item.path());
  if (plugins.size() != 1) {
    entry.problem = plugins.empty() ? "the entry folder holds no .so plugin"
                                    : "the entry folder holds " + std::to_string(plugins.size()) +
                                          " .so plugins; an entry has exactly one";
    return entry;
  }
  entry.plugin = std::filesystem::absolute(plugins.front());
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
    throw InputError(folder.string(), "entries folder not found (one .so or one folder per entry)");
  std::map<std::string, TournamentEntry> by_name;
  for (const auto& item : std::filesystem::directory_iterator(folder)) {
    const std::filesystem::path& path = item.path();
    const bool plugin = item.is_regular_file() && path.extension() == ".so";
    if (!plugin && !item.is_directory()) continue;
    const std::string name = plugin ? path.stem().string() : path.filename().string();
    if (name.front() == '.') continue;  // hidden files and folders
    if (!plain_name(name))
      throw InputError(path.string(),
                       "entry name '" + name + "' must be 1-64 letters, digits, '-', '_' or '.'; rename the entry");
    if (by_name.contains(name))
      throw InputError(path.string(), "two entries are named '" + name + "'; rename one of them");
    by_name[name] = plugin ? TournamentEntry{name, std::filesystem::absolute(path), {}, {}} : folder_entry(path);
  }
  if (by_name.empty())
    throw InputError(folder.string(), "no entries: put one .so, or one folder with a .so, per entry");
  std::vector<TournamentEntry> entries;
  for (auto& [name, entry] : by_name) entries.push_back(std::move(entry));
  return entries;
}

}  // namespace simarena
