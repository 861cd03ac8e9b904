// The lines every run-like command prints about a finished run, from its
// typed result (run_match): one format for `run`, `bridge` and friends.
#pragma once

#include <simarena/controller.h>

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "simarena/base/messages.h"
#include "simarena/run/run_session.h"

namespace simarena::cli {

// Simulated time, final body pose and the start-up err bit.
inline void print_final_state(const FinalState& fin) {
  const auto& pos = fin.base_position_m;
  std::printf(tr("simulated   %.3f s in %llu control ticks\n"), fin.time_s, static_cast<unsigned long long>(fin.ticks));
  std::printf(tr("body        x %.3f  y %.3f  height %.3f m, tilt %.1f deg -> %s\n"), pos[0], pos[1], pos[2],
              fin.tilt_rad * 57.29578, fin.upright ? tr("upright") : tr("NOT upright"));
  // Bit1 is the start-up bit until the first valid frame clears it; set again
  // later, it means commands stopped for 500 ms and the robot took over.
  if (!fin.through_motor_sdk) {
    std::printf("%s", tr("err_flag    none: the robot's motion controller drove the motors (high-level API)\n"));
    return;
  }
  const unsigned err_flag = static_cast<uint16_t>(fin.err_flag);
  const bool cleared_once = fin.startup_err_bit_cleared;
  const char* bit1 = !cleared_once ? tr("start-up bit1 NOT cleared")
                     : (err_flag & SIMARENA_ERR_CMD_LOST_500MS)
                         ? tr("bit1 set again: no valid command for 500 ms, the "
                              "robot took over; the start-up bit had been cleared")
                         : tr("start-up bit1 cleared");
  std::printf(tr("err_flag    0x%02x (%s)\n"), err_flag, bit1);
}

// Where the result and the replay were written.
inline void print_outputs(const RunResult& run, const std::string& out) {
  std::printf(tr("result      %s\n"), out.c_str());
  if (!run.replay.empty()) std::printf(tr("replay      %s\n"), run.replay.c_str());
}

}  // namespace simarena::cli
