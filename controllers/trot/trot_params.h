// Every tunable number of the trot controller, read from the plugin's
// parameter string ("speed=0.6,step_height=0.07"). Defaults and ranges are
// documented in README.md; an unknown key is an error.
#pragma once

#include <string>

#include "balance_controller.h"

namespace trot {

struct TrotParams {
  // What to do.
  double speed = 0.55;        // m/s forward
  double yaw_rate = 0.0;      // rad/s; 0 holds the start heading
  double acceleration = 0.5;  // m/s² ramp of the commanded speed
  double steer_gain = 1.5;    // 1/s: yaw rate per rad of bearing to the next gate (when the event tells it)
  double max_yaw_rate = 1.0;  // rad/s the steering may ask for
  double lane_gain = 0.5;     // 1/s: sideways speed per m of dead-reckoned drift from the start line

  // How to step.
  double period = 0.3;            // s, one full trot cycle
  double duty = 0.5;              // fraction of the cycle each foot is on the ground
  double step_height = 0.08;      // m of swing clearance
  double body_height = 0.23;      // m, trunk origin above the ground
  double raibert_gain = 0.1;      // s: extra step per m/s of velocity error
  double touchdown_depth = 0.01;  // m the swing aims below the expected ground

  // Uneven ground, felt through the feet.
  double slope_follow = 1.0;     // fraction of the felt ground slope the trunk pitches with
  double max_body_pitch = 0.35;  // rad, the largest such pitch
  double stumble_height = 0.05;  // m a swing foot that hits something early lifts higher

  // Start-up.
  double stand_time = 1.5;   // s to rise from lying to the stance pose
  double settle_time = 0.5;  // s to hold the stance before stepping

  // Joint-level gains.
  double kp_swing = 40.0;  // N·m/rad
  double kd_swing = 1.0;   // N·m·s/rad
  double kd_stance = 0.5;  // N·m·s/rad
  double kp_stand = 80.0;  // N·m/rad while standing up
  double kd_stand = 2.0;

  double velocity_blend = 0.05;  // leg-odometry weight per control period

  BalanceGains balance;
};

// Parses `text`; throws std::invalid_argument naming a bad or unknown key.
TrotParams parse_trot_params(const std::string& text);

}  // namespace trot
