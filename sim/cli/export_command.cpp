#include <cstdio>
#include <memory>
#include <string>

#include "commands.h"
#include "option_checks.h"
#include "simarena/playback/telemetry_csv.h"
#include "simarena/replay/replay_reader.h"

namespace simarena::cli {

std::function<int()> add_export_command(CLI::App& app) {
  struct Options {
    std::string replay, csv;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("export", "Export a replay's per-tick telemetry (CSV) for analysis");
  cmd->add_option("replay", opt->replay, "the .replay file")
      ->required()
      ->check(existing_path("the .replay file of a run"));
  cmd->add_option("--csv", opt->csv, "CSV file to write (columns: docs/replays.md)")->required();
  return [opt] {
    const Replay replay = read_replay(opt->replay);
    if (replay.damage)
      std::fprintf(stderr, "simarena export: warning: %s is damaged at byte %zu; exporting what precedes it\n",
                   opt->replay.c_str(), replay.damage->offset);
    const uint64_t rows = export_telemetry_csv(replay, default_search_paths(), opt->csv);
    std::printf("wrote %s: %llu ticks%s\n", opt->csv.c_str(), static_cast<unsigned long long>(rows),
                replay.end ? "" : " (the run did not finish)");
    return 0;
  };
}

}  // namespace simarena::cli
