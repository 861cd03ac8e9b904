#include <cstdio>
#include <memory>
#include <string>

#include "commands.h"
#include "option_checks.h"
#include "simarena/base/formatted.h"
#include "simarena/base/messages.h"
#include "simarena/playback/html_replay.h"
#include "simarena/playback/telemetry_csv.h"
#include "simarena/replay/replay_reader.h"
#include "usage_errors.h"

namespace simarena::cli {

std::function<int()> add_export_command(CLI::App& app) {
  struct Options {
    std::string replay, csv, html;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Export a replay: per-tick telemetry (CSV) for analysis, or a self-contained HTML page to watch it");
  cmd->add_option("replay", opt->replay, "the .replay file")
      ->required()
      ->check(existing_path(tr("the .replay file of a run")));
  cmd->add_option("--csv", opt->csv, "CSV file to write (columns: docs/replays.md)");
  cmd->add_option("--html", opt->html,
                  "HTML page to write: the run in 3D, verified while exporting (docs/html-replays.md)");
  return [opt] {
    if (opt->csv.empty() && opt->html.empty())
      throw UsageError(tr("say what to write: --csv run.csv (telemetry) and/or --html run.html (a page to watch)"));
    const Replay replay = read_replay(opt->replay);
    if (replay.damage)
      std::fprintf(stderr, tr("simarena export: warning: %s is damaged at byte %zu; exporting what precedes it\n"),
                   opt->replay.c_str(), replay.damage->offset);
    if (!opt->csv.empty()) {
      const uint64_t rows = export_telemetry_csv(replay, default_search_paths(), opt->csv);
      std::printf(replay.end ? tr("wrote %s: %llu ticks\n") : tr("wrote %s: %llu ticks (the run did not finish)\n"),
                  opt->csv.c_str(), static_cast<unsigned long long>(rows));
    }
    if (!opt->html.empty()) {
      const HtmlReplayPage page = write_html_replay(replay, default_search_paths(), opt->html);
      const bool verified = page.verification.status == VerifyOutcome::Status::verified;
      // The verification's own message stays English, as `simarena verify` prints it.
      std::printf(verified ? tr("wrote %s: %llu frames, %.1f kB, verified: %s\n")
                           : tr("wrote %s: %llu frames, %.1f kB, NOT verified: %s\n"),
                  opt->html.c_str(), static_cast<unsigned long long>(page.frames), page.html.size() / 1000.0,
                  page.verification.message.c_str());
    }
    return 0;
  };
}

}  // namespace simarena::cli
