// simarena: the command-line entry point.
#include <cstdio>
#include <exception>
#include <map>

#include "commands.h"
#include "simarena/version.h"

int main(int argc, char** argv) {
  CLI::App app{
      "simarena: a physics-based arena for legged robots (MuJoCo).\n"
      "Run controllers against the real robot's joint API and protections, on simulated time."};
  app.set_version_flag("--version", std::string("simarena ") + simarena::kSimarenaVersion);
  app.require_subcommand(1);

  std::map<CLI::App*, std::function<int()>> commands;
  auto add = [&](std::function<int()> (*adder)(CLI::App&)) {
    const size_t before = app.get_subcommands({}).size();
    auto run = adder(app);
    commands[app.get_subcommands({})[before]] = std::move(run);
  };
  add(simarena::cli::add_run_command);
  add(simarena::cli::add_robots_command);
  add(simarena::cli::add_tracks_command);
  add(simarena::cli::add_view_command);
  add(simarena::cli::add_bridge_command);
  add(simarena::cli::add_verify_command);
  add(simarena::cli::add_export_command);
  add(simarena::cli::add_tournament_command);
  add(simarena::cli::add_leaderboard_command);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  for (auto& [sub, run] : commands) {
    if (!sub->parsed()) continue;
    try {
      return run();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "simarena %s: error: %s\n", sub->get_name().c_str(), e.what());
      return 1;
    }
  }
  return 1;
}
