// The blind trunk-velocity estimate: leg odometry from the stance feet,
// blended into the integrated accelerometer, and, with a slip gate, a foot
// that slides (into a gap, off a stone's edge) left out of it.
#include <catch2/catch.hpp>
#include <cmath>

#include "body_state_estimator.h"

namespace {

using trot::BodyStateEstimator;
using trot::kGravity;
using trot::kNumLegs;
using trot::LegGeometry;

// The robot standing still and level: stance pose, IMU at rest.
SimarenaRobotData standing_still() {
  SimarenaRobotData data{};
  for (int leg = 0; leg < kNumLegs; ++leg) {
    data.q[leg * 3 + 1] = 0.8f;
    data.q[leg * 3 + 2] = -1.5f;
  }
  data.quat[0] = 1.0f;
  data.acc[2] = static_cast<float>(kGravity);
  return data;
}

// The trunk velocity after one period in which the front right foot (leg 0)
// swings its hip at 5 rad/s while all four count as stance: a foot sliding
// backward at about 1 m/s under a trunk that, by the IMU, does not move.
Eigen::Vector3d velocity_with_a_sliding_foot(double slip_gate) {
  constexpr double dt = 0.002;
  const std::array<double, kNumLegs> stance{1.0, 1.0, 1.0, 1.0};
  BodyStateEstimator estimator(LegGeometry{}, 0.05, slip_gate);
  SimarenaRobotData data = standing_still();
  estimator.update(data, stance, dt);
  data.qd[1] = 5.0f;
  return estimator.update(data, stance, dt).velocity;
}

}  // namespace

TEST_CASE("body state estimator: a sliding stance foot moves the estimate, unless the slip gate leaves it out") {
  const Eigen::Vector3d ungated = velocity_with_a_sliding_foot(0.0);
  INFO("velocity without a gate: " << ungated.transpose());
  CHECK(std::abs(ungated.x()) > 0.005);  // a quarter of ~1 m/s, blended in at 0.05

  const Eigen::Vector3d gated = velocity_with_a_sliding_foot(0.5);
  INFO("velocity with a 0.5 m/s gate: " << gated.transpose());
  CHECK(gated.head<2>().norm() < 1e-6);  // the three feet at rest and the IMU agree: still
}

TEST_CASE("body state estimator: when every stance foot disagrees with the IMU, the feet still count") {
  // All four feet sweep back together: the trunk really moves forward, and
  // the accelerometer's prediction (still) is what is wrong.
  constexpr double dt = 0.002;
  const std::array<double, kNumLegs> stance{1.0, 1.0, 1.0, 1.0};
  BodyStateEstimator estimator(LegGeometry{}, 0.05, 0.5);
  SimarenaRobotData data = standing_still();
  estimator.update(data, stance, dt);
  for (int leg = 0; leg < kNumLegs; ++leg) data.qd[leg * 3 + 1] = 5.0f;
  const Eigen::Vector3d v = estimator.update(data, stance, dt).velocity;
  INFO("velocity: " << v.transpose());
  CHECK(std::abs(v.x()) > 0.01);
}
