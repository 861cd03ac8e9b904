#include <cstdio>
#include <memory>
#include <string>

#include "commands.h"
#include "option_checks.h"
#include "simarena/base/messages.h"
#include "simarena/playback/replay_verify.h"
#include "simarena/replay/replay_reader.h"

namespace simarena::cli {

std::function<int()> add_verify_command(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  CLI::App* cmd =
      app.add_subcommand("verify", "Re-simulate a replay from its recorded commands alone and check it bit for bit");
  cmd->add_option("replay", *path, "the .replay file")
      ->required()
      ->check(existing_path(tr("the .replay file of a run")));
  cmd->footer(
      "Exit status: 0 VERIFIED; 1 FAILED (damaged, modified, or diverged: says where);\n"
      "2 INCOMPLETE (the run was killed; everything up to where it stopped verified).\n"
      "The controller is not loaded: the recorded commands drive the simulation.");
  return [path] {
    const Replay replay = read_replay(*path);
    const VerifyOutcome out = verify_replay(replay, default_search_paths());
    for (const std::string& note : out.notes) std::printf("%s %s\n", tr("note:"), note.c_str());
    switch (out.status) {
      case VerifyOutcome::Status::verified: {
        const auto& fin = out.final;
        std::printf("VERIFIED %s: %s\n", path->c_str(), out.message.c_str());
        std::printf(tr("final: height %.3f m, %s, err_flag 0x%02x\n"), fin.base_position_m[2],
                    fin.upright ? tr("upright") : tr("not upright"),
                    static_cast<unsigned>(static_cast<uint16_t>(fin.err_flag)));
        if (const auto& score = out.score)
          std::printf(tr("score: %s, course %.3f s + %.3f s penalties = %.3f s, progress %.2f m (re-judged from %zu "
                         "events)\n"),
                      result_name(score->result), score->course_time, score->penalty_seconds, score->total_time,
                      score->progress, out.referee_events);
        return 0;
      }
      case VerifyOutcome::Status::incomplete:
        std::printf("INCOMPLETE %s: %s\n", path->c_str(), out.message.c_str());
        return 2;
      case VerifyOutcome::Status::failed:
        break;
    }
    std::printf("FAILED %s: %s\n", path->c_str(), out.message.c_str());
    return 1;
  };
}

}  // namespace simarena::cli
