// simarena view in a build without the viewer (-DSIMARENA_GUI=OFF): the
// command exists so `simarena --help` and scripts see the same commands,
// and it says how to get the viewer instead of "unknown command".
#include "commands.h"

namespace simarena::cli {

std::function<int()> add_view_command(CLI::App& app) {
  auto* command = app.add_subcommand("view", "3D view with the scoreboard (not in this build: -DSIMARENA_GUI=OFF)");
  // Refused before its options are read, whatever they are.
  command->preparse_callback([](size_t) {
    throw CLI::ValidationError(
        "this simarena was built without the viewer (cmake -DSIMARENA_GUI=OFF); rebuild with -DSIMARENA_GUI=ON "
        "(the default; it needs the GLFW, Dear ImGui and EGL packages scripts/setup installs) to watch runs. "
        "`simarena run`, `verify` and `export` work without it");
  });
  return [] { return 2; };
}

}  // namespace simarena::cli
