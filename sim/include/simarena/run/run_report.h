// The JSON result of a run: what happened, on simulated time, in a form a
// script, a judge or the scoreboard can read back.
#pragma once

#include <array>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "simarena/match/match.h"

namespace simarena {

struct RunInfo {
  std::string controller_path;
  std::string controller_params;
  double requested_duration = 0;  // s
};

// Where the robot ended up: the "final" part of a result and of a replay's
// end record.
struct FinalState {
  double time_s = 0;
  uint64_t ticks = 0;
  std::array<double, 3> base_position_m{};
  std::array<double, 4> base_quat_wxyz{};
  std::array<float, 3> rpy_rad{};
  double tilt_rad = 0;
  bool upright = false;  // tilt under 0.5 rad
  int16_t err_flag = 0;
  bool startup_err_bit_cleared = false;  // the start-up bit1 was cleared at least once
  bool through_motor_sdk = true;         // false: the robot's motion controller drove the motors (no err_flag)
  std::vector<float> joint_q_rad;
};
FinalState final_state(const Match& match);
nlohmann::json to_json(const FinalState& state);

// The result file's content for a match: the one writer of results.
nlohmann::json run_report(const Match& match, const RunInfo& info);

// Body tilt from vertical, rad.
double body_tilt(const Match& match);

}  // namespace simarena
