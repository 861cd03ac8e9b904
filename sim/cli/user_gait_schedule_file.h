// A user gait schedule read from a file for `simarena view --drive
// --user-gait FILE`: checked here, so a mistake is named with its file and
// line before the window opens, not answered 1 by the robot later.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include "simarena/base/bounded_file.h"
#include "simarena/base/input_error.h"
#include "simarena/control/high_level_controller.h"

namespace simarena::cli {

inline std::string read_user_gait_schedule(const std::filesystem::path& path) {
  constexpr size_t kMaxBytes = 1 << 20;  // the robot's motion controller takes no more (user_gait.h)
  const std::string text = read_bounded_file(
      path, kMaxBytes, Message(tr_noop("is not a readable file (--user-gait wants a \"# Gait Def\" schedule)")));
  if (const auto problem = user_gait_schedule_problem(text)) {
    // The parser says "line N: ..."; the error puts the line after the file.
    int line = 0;
    std::string what = *problem;
    if (what.starts_with("line ")) {
      char* end = nullptr;
      line = static_cast<int>(std::strtol(what.c_str() + 5, &end, 10));
      if (end != nullptr && end[0] == ':' && end[1] == ' ')
        what.erase(0, static_cast<size_t>(end + 2 - what.c_str()));
      else
        line = 0;
    }
    throw InputError(path.string(), line, 0,
                     tr_noop("not a user gait schedule the robot would play: %s (docs/high-level-api.md, "
                             "\"The user gait\")"),
                     what);
  }
  return text;
}

}  // namespace simarena::cli
