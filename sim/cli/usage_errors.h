// Command-line mistakes in one form, `simarena <command>: error: <what>`,
// with the closest command or option suggested (edit distance), so a typo
// costs one glance instead of a trip through --help. Exit code 2.
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "simarena/base/formatted.h"
#include "simarena/base/messages.h"

namespace simarena::cli {

constexpr int kExitUsage = 2;  // a mistake on the command line or in an input file (docs/cli.md)

// A command line that parses but asks for something impossible (a missing
// combination of options); main() prints it in the one error form, exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Edit distance counting insertions, deletions, substitutions and swaps of
// two neighbouring letters (--cvs for --csv) as one edit each.
inline size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

// The candidate closest to `typed`, if close enough to be a typo of it
// (at most a third of its letters wrong, at least one); empty otherwise.
inline std::string closest(const std::string& typed, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = std::max<size_t>(1, typed.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    const size_t d = edit_distance(typed, candidate);
    if (d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

inline std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  return names;
}

// Every spelling of every option of `command`: --long and -s.
inline std::vector<std::string> option_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options()) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    for (const auto& name : option->get_snames()) names.push_back("-" + name);
  }
  return names;
}

inline std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

inline int usage_error(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "simarena%s%s: %s %s\n", command.empty() ? "" : " ", command.c_str(), tr("error:"),
               message.c_str());
  return kExitUsage;
}

// " (see 'simarena run --help')", after a message about that command.
inline std::string see_help(const std::string& command) {
  return formatted(tr(" (see 'simarena %s --help')"), command.c_str());
}

// `simarena runn`, `simarena` alone, `simarena --frobnicate`: what the
// command line should have started with.
inline int command_error(const CLI::App& app, const std::string& typed) {
  const std::string names = joined(command_names(app));
  if (typed.empty())
    return usage_error("", formatted(tr("give a command: %s (simarena --help describes them)"), names.c_str()));
  if (typed[0] == '-')
    return usage_error("", formatted(tr("unknown option '%s' before the command; commands: %s (simarena --help)"),
                                     typed.c_str(), names.c_str()));
  const std::string guess = closest(typed, command_names(app));
  return usage_error("", formatted(tr("unknown command '%s'"), typed.c_str()) +
                             (guess.empty() ? "" : formatted(tr("; did you mean '%s'?"), guess.c_str())) + "\n" +
                             formatted(tr("commands: %s (simarena --help describes them)"), names.c_str()));
}

// Arguments `command` did not recognise (CLI11's extras): the first one,
// with the closest option it may have meant.
inline int extras_error(const CLI::App& command, const std::vector<std::string>& extras) {
  const std::string name = command.get_name();
  const std::string help = see_help(name);
  for (const auto& extra : extras) {
    if (extra.size() < 2 || extra[0] != '-') continue;
    const std::string typed = extra.substr(0, extra.find('='));
    const std::string guess = closest(typed, option_names(command));
    return usage_error(name, formatted(tr("unknown option '%s'"), typed.c_str()) +
                                 (guess.empty() ? "" : formatted(tr("; did you mean '%s'?"), guess.c_str())) + help);
  }
  return usage_error(name, formatted(tr("unexpected argument '%s'"), extras.front().c_str()) + help);
}

}  // namespace simarena::cli
