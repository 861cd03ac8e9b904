// Stance forces by quadratic programming: the ground forces f_i of the feet on
// the ground that best produce a wanted net force and torque on the trunk,
//
//   minimise  |A f - w|^2_S + alpha |f|^2 + beta |f - f_previous|^2
//   subject to, per foot:  f_min <= f_z <= f_max,  |f_x|, |f_y| <= mu f_z
//
// where A stacks [I; [r_i]x] (r_i: foot relative to the centre of mass) and
// S weighs the six wrench components. The friction pyramid is inscribed in
// the cone, so a solution never asks a foot to slip. Solved exactly by
// dense_qp (the robot's stack uses qpOASES for the same problem).
#pragma once

#include <Eigen/Dense>
#include <array>

namespace locomotion {

// Rows of a foot's friction constraints: four pyramid faces, the two normal bounds.
inline constexpr int kFrictionRowsPerFoot = 6;

constexpr int kLegs = 4;

struct ForceLimits {
  double friction = 0.6;    // mu of the pyramid
  double min_normal = 3;    // N: a stance foot always presses a little
  double max_normal = 150;  // N
};

struct ForceWeights {
  Eigen::Matrix<double, 6, 1> wrench = (Eigen::Matrix<double, 6, 1>() << 1, 1, 1, 20, 20, 20).finished();
  double regularisation = 1e-3;  // alpha: prefer small forces (the QP is then strictly convex)
  double smoothing = 1e-4;       // beta: prefer last period's forces (no chatter)
};

struct StanceForces {
  // Ground on foot, world axes, N (zero for swing feet). Eigen leaves
  // vectors uninitialised, so zero them explicitly.
  std::array<Eigen::Vector3d, kLegs> force{Eigen::Vector3d::Zero(), Eigen::Vector3d::Zero(), Eigen::Vector3d::Zero(),
                                           Eigen::Vector3d::Zero()};
  int iterations = 0;
  bool optimal = false;
};

// `stance[i]`: foot i is on the ground; `lever[i]`: foot position relative to
// the centre of mass, world axes; `wrench`: wanted net force (N) and torque
// (N·m) about the centre of mass, world axes; `previous`: last period's
// forces (for the smoothing term). The ground is taken as level for the
// pyramid (z up).
StanceForces distribute_forces(const std::array<bool, kLegs>& stance, const std::array<Eigen::Vector3d, kLegs>& lever,
                               const Eigen::Matrix<double, 6, 1>& wrench, const ForceLimits& limits,
                               const ForceWeights& weights, const std::array<Eigen::Vector3d, kLegs>& previous);

}  // namespace locomotion
