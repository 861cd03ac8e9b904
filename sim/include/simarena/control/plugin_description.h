// What a controller plugin says about itself: its name, the ABI it was
// built for, the optional table entries it has and the host extensions it
// requires, and whether this simarena can run it. For users to see before
// a run (`simarena run --controller X --describe`).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace simarena {

struct PluginDescription {
  std::string file;
  std::string script;        // for a script controller: the script its runtime plugin (`file`) runs
  std::string name;          // cleaned by untrusted_text()
  uint32_t abi_version = 0;  // as the plugin says
  uint32_t struct_size = 0;  // of its function table, bytes
  bool takes_course_info = false;
  bool attaches = false;                // has attach(): may use host extensions
  std::vector<std::string> extensions;  // required, "name/version", cleaned
  std::string problem;                  // why this simarena cannot load it; empty when it can
};

// Loads the plugin in this process (its library's initialisers run, as with
// --no-sandbox: describe only plugins you would run unconfined) and reads
// its table without creating an instance. Throws InputError naming the
// file for a missing file, a library that does not load or a missing entry.
// A script (.py) describes its runtime plugin, with `script` set.
PluginDescription describe_plugin(const std::filesystem::path& controller);

// Why this simarena cannot load a plugin so described (empty when it can),
// judged from the description alone: its ABI version, whether its table
// has create, step and destroy, whether every extension it requires is served.
std::string description_problem(const PluginDescription& description, bool table_complete);

// The description as lines of text for the terminal, e.g.
//   plugin      /path/stand.so
//   name        stand
//   abi         version 1, function table 64 bytes (this simarena: version 1, 64 bytes)
//   entries     create step destroy set_course_info attach
//   extensions  simarena.announce/1 (served)
//   loads       yes
std::string describe_text(const PluginDescription& description);

}  // namespace simarena
