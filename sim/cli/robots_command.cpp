#include <cstdio>

#include "commands.h"
#include "simarena/base/messages.h"
#include "simarena/base/search_paths.h"
#include "simarena/physics/robot_spec.h"

namespace simarena::cli {

std::function<int()> add_robots_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("robots", "List the robots simarena knows, with joints and control rate");
  return [] {
    const SearchPaths paths = default_search_paths();
    for (const std::string& name : list_robots(paths)) {
      const RobotSpec robot = load_robot_spec(find_robot(name, paths));
      std::printf(tr("%-12s %2d joints, %3.0f Hz control, %.1f ms physics  %s\n"), robot.name.c_str(),
                  robot.num_joints(), 1.0 / robot.control_period, 1000 * robot.physics_timestep,
                  robot.description.c_str());
    }
    return 0;
  };
  (void)cmd;
}

}  // namespace simarena::cli
