// Where a swinging foot goes and how it gets there.
//
// Positions are relative to the trunk origin in the heading frame (world
// axes turned by the body's yaw): the foot lifts off where it was and lands
// at the Raibert target, following a smooth arc with `height` of clearance.
#pragma once

#include <Eigen/Dense>

namespace trot {

struct FootTarget {
  Eigen::Vector3d position;  // m
  Eigen::Vector3d velocity;  // m/s, relative to the trunk
};

// Raibert-style touchdown point, relative to the trunk at touchdown:
// the hip, plus half the stance stride at the measured velocity (so the
// foot is centred under the hip during stance), plus a correction that steps
// further out when the robot moves faster than wanted (which slows it).
Eigen::Vector2d raibert_touchdown(const Eigen::Vector2d& hip, const Eigen::Vector2d& velocity,
                                  const Eigen::Vector2d& desired_velocity, double stance_duration, double gain);

// Swing from `lift_off` to `touch_down` (both relative to the trunk), at
// `progress` 0..1 over `duration` seconds, peaking `height` above the
// higher of the two ends. The foot rises before it moves forward and ends
// its forward motion before it lands (a riser or a bar is cleared, not
// stubbed); every part starts and stops with zero velocity.
FootTarget swing_point(const Eigen::Vector3d& lift_off, const Eigen::Vector3d& touch_down, double progress,
                       double duration, double height);

}  // namespace trot
