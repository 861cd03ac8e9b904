// The trot controller's leg kinematics: forward and inverse agree, the
// Jacobian is the derivative of the forward map, and the geometry matches the
// robot's (the standing pose puts the trunk at its known height).
#include <catch2/catch.hpp>
#include <cmath>

#include "gait_scheduler.h"
#include "leg_kinematics.h"
#include "swing_trajectory.h"
#include "terrain_slope.h"

using namespace trot;

namespace {

const LegGeometry kGeometry;

// A spread of joint angles inside the robot's ranges with the foot below the
// hip axis (the branch the inverse kinematics serves: a walking leg).
std::vector<JointAngles> sample_angles() {
  std::vector<JointAngles> samples;
  for (double abad : {-0.5, -0.2, 0.0, 0.3, 0.6})
    for (double hip : {-0.6, 0.0, 0.8, 1.5})
      for (double knee : {-2.4, -1.8, -1.2, -0.6}) {
        const double below_hip = kGeometry.thigh * std::cos(hip) + kGeometry.shank * std::cos(hip + knee);
        if (below_hip > 0.02) samples.emplace_back(abad, hip, knee);
      }
  REQUIRE(samples.size() > 40);
  return samples;
}

}  // namespace

TEST_CASE("trot kinematics: the standing pose puts the feet under the hips at the trunk's height") {
  // hip 0.8, knee -1.5 stands the trunk origin at about 0.23 m (robot README).
  for (int leg = 0; leg < kNumLegs; ++leg) {
    const Eigen::Vector3d foot = foot_position(kGeometry, leg, JointAngles(0.0, 0.8, -1.5));
    CHECK(-foot.z() + kGeometry.foot_radius == Approx(0.235).margin(0.005));
    CHECK(foot.y() == Approx(LegGeometry::side(leg) * (0.042 + 0.094)).margin(1e-9));
    // The foot sits 0.026 m ahead of the hip axis in this pose.
    CHECK(foot.x() == Approx(kGeometry.abad_origin(leg).x() + 0.026).margin(0.001));
  }
  // Legs straight down at zero angles, right legs on the right.
  const Eigen::Vector3d fr = foot_position(kGeometry, kFrontRight, JointAngles::Zero());
  CHECK(fr.x() == Approx(0.164));
  CHECK(fr.y() == Approx(-0.136));
  CHECK(fr.z() == Approx(-(0.12 + 0.1739)));
  // Positive hip swings the foot back; positive abad swings a hanging foot toward +y.
  CHECK(foot_position(kGeometry, kFrontLeft, JointAngles(0.0, 0.3, -0.3)).x() < 0.164);
  CHECK(foot_position(kGeometry, kRearLeft, JointAngles(0.2, 0.0, -1.0)).y() > 0.136);
}

TEST_CASE("trot kinematics: inverse kinematics inverts forward kinematics on every leg") {
  for (int leg = 0; leg < kNumLegs; ++leg)
    for (const JointAngles& q : sample_angles()) {
      const Eigen::Vector3d foot = foot_position(kGeometry, leg, q);
      const auto solved = inverse_kinematics(kGeometry, leg, foot);
      INFO("leg " << leg << " q " << q.transpose());
      REQUIRE(solved.has_value());
      // Same foot position, and the same (knee-negative, foot-below) branch.
      CHECK((foot_position(kGeometry, leg, *solved) - foot).norm() < 1e-9);
      CHECK((*solved - q).norm() < 1e-7);
    }
}

TEST_CASE("trot kinematics: unreachable targets are refused, and clamping makes them reachable") {
  const Eigen::Vector3d far(0.164, -0.136, -0.5);  // beyond thigh + shank
  CHECK_FALSE(inverse_kinematics(kGeometry, kFrontRight, far).has_value());
  const Eigen::Vector3d clamped = clamp_to_workspace(kGeometry, kFrontRight, far);
  const auto q = inverse_kinematics(kGeometry, kFrontRight, clamped);
  REQUIRE(q.has_value());
  CHECK((foot_position(kGeometry, kFrontRight, *q) - clamped).norm() < 1e-9);
  CHECK(clamped.z() < -0.25);  // still pointing the same way, just shorter
  // A reachable target is left alone.
  const Eigen::Vector3d reachable = foot_position(kGeometry, kRearLeft, JointAngles(0.1, 0.8, -1.5));
  CHECK((clamp_to_workspace(kGeometry, kRearLeft, reachable) - reachable).norm() < 1e-12);
}

TEST_CASE("trot kinematics: the Jacobian matches central finite differences") {
  const double h = 1e-6;
  for (int leg = 0; leg < kNumLegs; ++leg)
    for (const JointAngles& q : sample_angles()) {
      const Eigen::Matrix3d analytic = foot_jacobian(kGeometry, leg, q);
      Eigen::Matrix3d numeric;
      for (int j = 0; j < 3; ++j) {
        JointAngles plus = q, minus = q;
        plus[j] += h;
        minus[j] -= h;
        numeric.col(j) = (foot_position(kGeometry, leg, plus) - foot_position(kGeometry, leg, minus)) / (2 * h);
      }
      INFO("leg " << leg << " q " << q.transpose());
      CHECK((analytic - numeric).cwiseAbs().maxCoeff() < 1e-7);
    }
}

TEST_CASE("trot gait: diagonal pairs alternate with the duty factor") {
  GaitScheduler gait(0.4, 0.5);
  gait.advance(0.1);  // a quarter period
  CHECK(gait.phase(kFrontRight).stance);
  CHECK(gait.phase(kRearLeft).stance);
  CHECK_FALSE(gait.phase(kFrontLeft).stance);
  CHECK_FALSE(gait.phase(kRearRight).stance);
  CHECK(gait.phase(kFrontRight).progress == Approx(0.5));
  gait.advance(0.2);  // three quarters: the pairs have swapped
  CHECK_FALSE(gait.phase(kFrontRight).stance);
  CHECK(gait.phase(kFrontLeft).stance);
  CHECK(gait.stance_duration() == Approx(0.2));
}

TEST_CASE("trot swing: starts at lift-off, ends at touchdown, clears the ground in between") {
  const Eigen::Vector3d lift(-0.05, -0.13, -0.21), land(0.08, -0.13, -0.22);
  const FootTarget start = swing_point(lift, land, 0.0, 0.15, 0.06);
  const FootTarget middle = swing_point(lift, land, 0.5, 0.15, 0.06);
  const FootTarget end = swing_point(lift, land, 1.0, 0.15, 0.06);
  CHECK((start.position - lift).norm() < 1e-12);
  CHECK((end.position - land).norm() < 1e-12);
  CHECK(start.velocity.norm() < 1e-9);  // no jerk at lift-off or touchdown
  CHECK(end.velocity.norm() < 1e-9);
  CHECK(middle.position.z() == Approx(-0.21 + 0.06));
  // Velocity is the derivative of position.
  const double dt = 1e-6;
  const Eigen::Vector3d numeric = (swing_point(lift, land, 0.3 + dt / 0.15, 0.15, 0.06).position -
                                   swing_point(lift, land, 0.3, 0.15, 0.06).position) /
                                  dt;
  CHECK((numeric - swing_point(lift, land, 0.3, 0.15, 0.06).velocity).norm() < 1e-4);
}

TEST_CASE("trot swing: the foot rises before it moves forward and stops moving forward before it lands") {
  // A toe that swings forward while still low catches a stair riser or a bar.
  const Eigen::Vector3d lift(-0.05, -0.13, -0.21), land(0.08, -0.13, -0.21);
  const FootTarget early = swing_point(lift, land, 0.15, 0.15, 0.08);
  CHECK(early.position.x() == Approx(lift.x()));
  CHECK(early.position.z() > lift.z() + 0.02);
  const FootTarget late = swing_point(lift, land, 0.7, 0.15, 0.08);
  CHECK(late.position.x() == Approx(land.x()));
  CHECK(late.position.z() > land.z() + 0.05);
}

TEST_CASE("trot terrain: the feet feel the slope of a flight of stairs and expect the ground ahead") {
  TerrainSlope slope(0.2);
  std::array<Eigen::Vector3d, kNumLegs> feet;
  // Climbing: the front feet stand 8 cm higher than the rear ones, 0.33 m behind.
  feet[kFrontRight] = {0.17, -0.14, -0.17};
  feet[kFrontLeft] = {0.17, 0.14, -0.17};
  feet[kRearRight] = {-0.16, -0.14, -0.25};
  feet[kRearLeft] = {-0.16, 0.14, -0.25};
  const std::array<double, kNumLegs> diagonal{1.0, 0.0, 0.0, 1.0};  // FR and RL in firm stance
  for (int i = 0; i < 1000; ++i) slope.update(feet, diagonal, 0.002);
  CHECK(slope.pitch() == Approx(-std::atan2(0.08, 0.33)).margin(1e-3));  // nose up
  CHECK(slope.rise_over(0.3) == Approx(0.3 * 0.08 / 0.33).margin(1e-3));
  // Without a front and a rear foot down together it keeps what it felt.
  const double felt = slope.pitch();
  slope.update(feet, {1.0, 1.0, 0.0, 0.0}, 0.002);
  CHECK(slope.pitch() == felt);
}
