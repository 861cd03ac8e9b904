// Leg kinematics of a CyberDog 2-style leg (abad about +x, hip and knee about
// +y, knee negative), in the trunk frame: x forward, y left, z up, origin at
// the centre of the four abad axes. Feet are the centres of the foot spheres.
#pragma once

#include <Eigen/Dense>
#include <optional>

namespace trot {

inline constexpr double kGravity = 9.81;  // m/s²

enum Leg { kFrontRight = 0, kFrontLeft = 1, kRearRight = 2, kRearLeft = 3 };
constexpr int kNumLegs = 4;

struct LegGeometry {
  double abad_x = 0.164;      // abad axis from trunk origin, forward, m
  double abad_y = 0.042;      // abad axis from trunk origin, sideways, m
  double hip_offset = 0.094;  // hip axis outward of the abad axis, m
  double thigh = 0.12;        // hip axis to knee axis, m
  double shank = 0.1739;      // knee axis to foot-sphere centre, m
  double foot_radius = 0.019;

  // +1 for left legs, -1 for right legs.
  static double side(int leg) { return (leg == kFrontLeft || leg == kRearLeft) ? 1.0 : -1.0; }
  static bool front(int leg) { return leg == kFrontRight || leg == kFrontLeft; }
  // Abad axis position in the trunk frame.
  Eigen::Vector3d abad_origin(int leg) const;
  // Where the foot sits when the leg is vertical under the hip, trunk frame.
  Eigen::Vector3d hip_origin(int leg) const;
};

using JointAngles = Eigen::Vector3d;  // abad, hip, knee (API convention)

// Foot position in the trunk frame.
Eigen::Vector3d foot_position(const LegGeometry& geometry, int leg, const JointAngles& q);

// d(foot position)/dq, trunk frame.
Eigen::Matrix3d foot_jacobian(const LegGeometry& geometry, int leg, const JointAngles& q);

// Joint angles that put the foot at `foot` (trunk frame), knee-negative
// branch, foot below the hip. Empty when the point is out of reach; use
// clamp_to_workspace first to always get an answer.
std::optional<JointAngles> inverse_kinematics(const LegGeometry& geometry, int leg, const Eigen::Vector3d& foot);

// Pulls a target foot position into the leg's reachable shell (keeps it
// between a folded and an almost straight leg).
Eigen::Vector3d clamp_to_workspace(const LegGeometry& geometry, int leg, const Eigen::Vector3d& foot);

}  // namespace trot
