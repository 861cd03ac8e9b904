// The submissions of a tournament, from a folder a judge fills: each entry is
//   <name>.so or <name>.py          a plugin or a Python controller, run with
//                                   no parameters, or
//   <name>/ with one .so inside     (or, without a .so, one .py, or several
//                                   with the controller in controller.py)
//                                   and optionally a file `params` holding the
//                                   parameter string (key=value, separated by
//                                   commas or new lines; # starts a comment).
// Anything else in the folder (README, sources, ...) is ignored. A broken
// entry (no .so, two .so, an unreadable params file) is still an entry: it
// carries the problem, and its runs are recorded as not run, with the reason.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace simarena {

struct TournamentEntry {
  std::string name;              // the file's stem or the folder's name
  std::filesystem::path plugin;  // the .so or .py, absolute; empty when `problem` is set
  std::string params;            // the controller parameter string
  std::string problem;           // why the entry cannot run, in words; empty when it can
  std::filesystem::path folder;  // absolute, for a folder entry (its plugin may read it); empty for a lone .so
};

// Entries sorted by name. Throws InputError when the folder does not exist,
// holds no entry, or two entries share a name (e.g. a.so and a/).
std::vector<TournamentEntry> find_entries(const std::filesystem::path& folder);

// A params file's contents as one parameter string: comments and blank
// lines dropped, lines joined with commas.
std::string params_from_text(const std::string& text);

}  // namespace simarena
