// simarena view in a build without the viewer (-DSIMARENA_GUI=OFF): the
// command exists so `simarena --help` and scripts see the same commands,
// and it says how to get the viewer instead of "unknown command".
#include <cstdio>

#include "commands.h"

namespace simarena::cli {

std::function<int()> add_view_command(CLI::App& app) {
  auto* command = app.add_subcommand("view", "3D view with the scoreboard (not in this build: -DSIMARENA_GUI=OFF)");
  command->allow_extras();
  return [] {
    std::fprintf(stderr,
                 "simarena view: this simarena was built without the viewer (cmake -DSIMARENA_GUI=OFF).\n"
                 "  Rebuild with -DSIMARENA_GUI=ON (the default; needs scripts/setup's GLFW, Dear ImGui and EGL "
                 "packages)\n  to watch runs; `simarena run` and `simarena verify` work without it.\n");
    return 2;
  };
}

}  // namespace simarena::cli
