// Every tunable number of the locomotion controller, read from the plugin's
// parameter string ("gait=10,vx=1.6"). Defaults and ranges are documented in
// README.md; an unknown key is an error that lists the known ones.
#pragma once

#include <string>

#include "convex_mpc.h"
#include "foot_probe.h"
#include "foothold_selection.h"
#include "locomotion_command.h"
#include "stance_forces.h"

namespace locomotion {

struct BalanceGains {
  double height_kp = 150.0;              // 1/s²: vertical acceleration per m of height error
  double height_kd = 20.0;               // 1/s
  double velocity_kp = 5.0;              // 1/s: horizontal acceleration per m/s of velocity error
  double velocity_ki = 6.0;              // 1/s²: its integral, for drag and slopes
  double velocity_integral_limit = 3.0;  // m/s²
  double attitude_kp = 300.0;            // 1/s²: roll/pitch angular acceleration per rad
  double attitude_kd = 30.0;             // 1/s
  double yaw_kp = 60.0;                  // 1/s²: heading
  double yaw_kd = 10.0;                  // 1/s
  // Anti-windup: once the trunk runs faster than asked by more than this,
  // in the direction the integral pushes (it wound up while held back in a
  // gap and is now free), the integral bleeds away. 0: never.
  double velocity_overshoot = 0.0;  // m/s
};

// Without a `vx`, the plugin trots forward at this speed (a medium trot):
// what a run on a track does by default.
constexpr double kDefaultForwardSpeed = 0.9;  // m/s

struct LocomotionParams {
  LocomotionCommand command;      // what to do (gait, vx, vy, yaw rate, heights)
  double acceleration = 1.0;      // m/s² ramp of vx and vy (the robot's own: 1.0)
  double yaw_acceleration = 4.0;  // rad/s² ramp of the yaw rate
  double lane_gain = 1.5;         // 1/s: sideways speed per m of dead-reckoned drift (vy = yaw = 0)
  double steer_gain = 1.5;        // 1/s: yaw rate per rad of bearing to the next gate (guided events)
  double max_steer_rate = 1.5;    // rad/s
  double head_room = 0.2;         // m the robot reaches above its base body (CyberDog 2: the ears), for low bars

  double period = 0;              // s, 0: the gait's own
  double duty = 0;                // 0: the gait's own
  double raibert_gain = 0.05;     // s: extra step per m/s of velocity error
  double touchdown_depth = 0.01;  // m the swing aims below the expected ground
  double stumble_height = 0.05;   // m a swing foot that hits something early lifts higher (0: no reflex)
  double descent_speed = 0.6;     // m/s, the most forward speed while the ground falls away ahead
  double hole_speed = 0.5;        // m/s, the most forward speed for 1 s after a foot found a hole
  double foot_width = 0;          // m from the centre line to each foot, 0: under the hips (0.136)
  double slope_follow = 1.0;      // fraction of the felt ground slope the trunk pitches with
  double max_body_pitch = 0.15;   // rad
  double stand_time = 1.5;        // s to rise from lying to the stance pose
  double settle_time = 0.3;       // s to hold the stance before stepping

  double kp_swing = 40.0;        // N·m/rad
  double kd_swing = 1.0;         // N·m·s/rad
  double kd_stance = 0.5;        // N·m·s/rad
  double kp_stand = 80.0;        // N·m/rad while standing up
  double kd_stand = 2.0;         // N·m·s/rad
  double velocity_blend = 0.05;  // leg-odometry weight per control period
  double slip_gate = 0.0;        // m/s: a stance foot's odometry this far from the accelerometer's is left out (0: off)
  bool mpc = true;               // stance forces from the convex MPC (true) or the instantaneous QP (false)
  MpcWeights mpc_weights;        // its cost
  int mpc_every = 3;             // control periods between MPC solves (0: once per horizon step)
  BalanceGains balance;
  FootholdParams foothold;              // landing on the height map of assisted events
  CrawlParams crawl;                    // the probe crawl (gait 60)
  ForceLimits forces{0.4, 3.0, 150.0};  // friction 0.4: a margin below the ground's, so planned forces do not slip
};

// `heights`: the robot's; body_height defaults to its standing height.
LocomotionParams parse_locomotion_params(const std::string& text, const BodyHeights& heights = {});

}  // namespace locomotion
