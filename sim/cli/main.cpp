// simarena: the command-line entry point. Every error ends as one form,
// `simarena <command>: error: <what, where, how to fix>`, with the exit codes
// of docs/cli.md: 0 done, 1 failed, 2 a mistake in the command line or an
// input file (verify and leaderboard add their own, documented there).
#include <cstdio>
#include <exception>
#include <map>
#include <string>

#include "commands.h"
#include "parse_errors.h"
#include "simarena/base/input_error.h"
#include "simarena/base/messages.h"
#include "simarena/base/version.h"
#include "usage_errors.h"

namespace {

// --lang zh / --lang=zh anywhere on the command line, read before parsing so
// that parse errors are in that language too; CLI11 validates it later.
std::string language_option(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") break;
    if (arg == "--lang" && i + 1 < argc) return argv[i + 1];
    if (arg.starts_with("--lang=")) return arg.substr(7);
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace simarena::cli;
  using simarena::tr;
  const std::string lang = language_option(argc, argv);
  simarena::choose_language(lang == "zh" || lang == "en" ? lang : "");
  CLI::App app{
      "simarena: a physics-based arena for legged robots (MuJoCo).\n"
      "Run controllers against the real robot's joint API and protections, on simulated time."};
  app.set_version_flag("--version", std::string("simarena ") + simarena::kSimarenaVersion);
  app.require_subcommand(1);
  app.footer("Exit codes and error messages: docs/cli.md.");

  std::map<CLI::App*, std::function<int()>> commands;
  auto add = [&](std::function<int()> (*adder)(CLI::App&)) {
    const size_t before = app.get_subcommands({}).size();
    auto run = adder(app);
    CLI::App* command = app.get_subcommands({})[before];
    // Unknown arguments are kept, then reported with the closest option.
    command->allow_extras();
    command->add_option("--lang", "language of the messages: zh or en (default: the locale's, LANG=zh_CN.UTF-8)")
        ->check(CLI::IsMember({"zh", "en"}));
    commands[command] = std::move(run);
  };
  add(add_run_command);
  add(add_robots_command);
  add(add_tracks_command);
  add(add_view_command);
  add(add_bridge_command);
  add(add_verify_command);
  add(add_export_command);
  add(add_tournament_command);
  add(add_leaderboard_command);

  // The command comes first: anything else is a typo to point out.
  const std::string first = argc > 1 ? argv[1] : "";
  const bool asks_for_help = first == "-h" || first == "--help" || first == "--version";
  CLI::App* command = nullptr;
  for (CLI::App* candidate : app.get_subcommands({}))
    if (candidate->get_name() == first) command = candidate;
  if (!asks_for_help && command == nullptr) return command_error(app, first);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    if (command == nullptr) return app.exit(e);
    if (!command->remaining().empty()) return extras_error(*command, command->remaining());
    return usage_error(first, translated_parse_error(e) + see_help(first));  // CLI11's English, in the user's language
  }
  if (command == nullptr) return 0;
  if (!command->remaining().empty()) return extras_error(*command, command->remaining());
  try {
    return commands.at(command)();
  } catch (const UsageError& e) {
    return usage_error(first, std::string(e.what()) + see_help(first));
  } catch (const simarena::InputError& e) {
    return usage_error(first, e.shown());  // in the user's language; files and logs keep what()'s English
  } catch (const std::exception& e) {
    std::fprintf(stderr, "simarena %s: %s %s\n", first.c_str(), tr("error:"), e.what());
    return 1;
  }
}
