// A controller as the user names it, turned into what the host loads: a
// plugin (.so) is loaded as it is; a script (.py) is run by the plugin for
// its language (kScriptRuntimes: python.so), which gets the script through
// the simarena.script extension. Everything above the host (runs, replays,
// tournaments) keeps naming the controller by the user's file.
#pragma once

#include <filesystem>
#include <string>

namespace simarena {

struct ControllerFiles {
  std::filesystem::path plugin;  // the library the host loads
  std::filesystem::path script;  // absolute: the script the plugin runs; empty for a plugin
  // The file errors name: the script, else the plugin.
  std::string user_file() const { return (script.empty() ? plugin : script).string(); }
};

// Throws InputError naming the script when it does not exist, and when no
// runtime plugin for its language was built or installed.
ControllerFiles controller_files(const std::filesystem::path& controller);

// A script controller's name in results and replays: its file's stem
// ("stand" for stand.py), as a plugin's is the name it exports.
std::string script_controller_name(const std::filesystem::path& script);

}  // namespace simarena
