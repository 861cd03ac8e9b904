#include "leg_kinematics.h"

#include <algorithm>
#include <cmath>

namespace trot {

namespace {

// Reach limits in the hip's sagittal plane, as fractions of thigh + shank:
// never fully straight (singular Jacobian) nor folded onto the thigh.
constexpr double kMaxReach = 0.97;
constexpr double kMinReach = 0.35;

// Foot position in the abad-rotated frame, before the abad rotation.
Eigen::Vector3d unrotated_foot(const LegGeometry& g, int leg, const JointAngles& q) {
  const double x = -g.thigh * std::sin(q[1]) - g.shank * std::sin(q[1] + q[2]);
  const double z = -g.thigh * std::cos(q[1]) - g.shank * std::cos(q[1] + q[2]);
  return {x, LegGeometry::side(leg) * g.hip_offset, z};
}

Eigen::Matrix3d abad_rotation(double angle) { return Eigen::AngleAxisd(angle, Eigen::Vector3d::UnitX()).matrix(); }

}  // namespace

Eigen::Vector3d LegGeometry::abad_origin(int leg) const {
  return {front(leg) ? abad_x : -abad_x, side(leg) * abad_y, 0.0};
}

Eigen::Vector3d LegGeometry::hip_origin(int leg) const {
  return abad_origin(leg) + Eigen::Vector3d(0.0, side(leg) * hip_offset, 0.0);
}

Eigen::Vector3d foot_position(const LegGeometry& geometry, int leg, const JointAngles& q) {
  return geometry.abad_origin(leg) + abad_rotation(q[0]) * unrotated_foot(geometry, leg, q);
}

Eigen::Matrix3d foot_jacobian(const LegGeometry& g, int leg, const JointAngles& q) {
  const Eigen::Matrix3d rotation = abad_rotation(q[0]);
  const Eigen::Vector3d rotated = rotation * unrotated_foot(g, leg, q);
  const double c12 = std::cos(q[1] + q[2]), s12 = std::sin(q[1] + q[2]);
  Eigen::Matrix3d jacobian;
  // Abad: rotation about x moves the foot by x_axis × foot.
  jacobian.col(0) = Eigen::Vector3d::UnitX().cross(rotated);
  jacobian.col(1) = rotation * Eigen::Vector3d(-g.thigh * std::cos(q[1]) - g.shank * c12, 0.0,
                                               g.thigh * std::sin(q[1]) + g.shank * s12);
  jacobian.col(2) = rotation * Eigen::Vector3d(-g.shank * c12, 0.0, g.shank * s12);
  return jacobian;
}

std::optional<JointAngles> inverse_kinematics(const LegGeometry& g, int leg, const Eigen::Vector3d& foot) {
  const Eigen::Vector3d p = foot - g.abad_origin(leg);
  const double lateral = LegGeometry::side(leg) * g.hip_offset;
  // Abad: in the y-z plane the foot is (lateral, z_leg) rotated by q0.
  const double yz_squared = p.y() * p.y() + p.z() * p.z();
  const double leg_z_squared = yz_squared - g.hip_offset * g.hip_offset;
  if (leg_z_squared <= 0.0) return std::nullopt;
  const double leg_z = -std::sqrt(leg_z_squared);
  const double abad = std::atan2(p.z(), p.y()) - std::atan2(leg_z, lateral);

  // Knee from the law of cosines, negative branch.
  const double reach_squared = p.x() * p.x() + leg_z * leg_z;
  const double cos_knee = (reach_squared - g.thigh * g.thigh - g.shank * g.shank) / (2.0 * g.thigh * g.shank);
  if (cos_knee < -1.0 || cos_knee > 1.0) return std::nullopt;
  const double knee = -std::acos(cos_knee);

  // Hip: the leg points along alpha; the knee bend shifts it by beta.
  const double alpha = std::atan2(-p.x(), -leg_z);
  const double beta = std::atan2(g.shank * std::sin(knee), g.thigh + g.shank * std::cos(knee));
  const double hip = alpha - beta;
  return JointAngles(std::remainder(abad, 2.0 * M_PI), hip, knee);
}

Eigen::Vector3d clamp_to_workspace(const LegGeometry& g, int leg, const Eigen::Vector3d& foot) {
  Eigen::Vector3d p = foot - g.abad_origin(leg);
  // Keep the foot outside the abad offset circle (it must hang below the hip).
  const double min_yz = g.hip_offset * 1.05;
  const double yz = std::hypot(p.y(), p.z());
  if (yz < min_yz) p.z() = -std::sqrt(std::max(0.0, min_yz * min_yz - p.y() * p.y()));
  // Sagittal reach between kMinReach and kMaxReach of the full leg.
  const double leg_z = -std::sqrt(std::max(0.0, p.y() * p.y() + p.z() * p.z() - g.hip_offset * g.hip_offset));
  const double reach = std::hypot(p.x(), leg_z);
  const double full = g.thigh + g.shank;
  const double wanted = std::clamp(reach, kMinReach * full, kMaxReach * full);
  if (reach > 1e-9 && wanted != reach) {
    // Scale the sagittal vector, then rebuild y-z from the new leg length.
    const double scale = wanted / reach;
    const double new_leg_z = leg_z * scale;
    const double old_angle = std::atan2(p.z(), p.y()) - std::atan2(leg_z, LegGeometry::side(leg) * g.hip_offset);
    const Eigen::Vector3d unrotated(p.x() * scale, LegGeometry::side(leg) * g.hip_offset, new_leg_z);
    p = abad_rotation(old_angle) * unrotated;
  }
  return g.abad_origin(leg) + p;
}

}  // namespace trot
