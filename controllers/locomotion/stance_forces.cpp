#include "stance_forces.h"

#include <algorithm>

#include "body_rotation.h"
#include "dense_qp.h"

namespace locomotion {

namespace {}  // namespace

StanceForces distribute_forces(const std::array<bool, kLegs>& stance, const std::array<Eigen::Vector3d, kLegs>& lever,
                               const Eigen::Matrix<double, 6, 1>& wrench, const ForceLimits& limits,
                               const ForceWeights& weights, const std::array<Eigen::Vector3d, kLegs>& previous) {
  StanceForces out;
  for (auto& f : out.force) f.setZero();
  std::array<int, kLegs> legs{};
  int count = 0;
  for (int leg = 0; leg < kLegs; ++leg)
    if (stance[leg]) legs[count++] = leg;
  if (count == 0) {
    out.optimal = true;
    return out;
  }

  const int n = 3 * count;
  Eigen::MatrixXd a(6, n);
  Eigen::VectorXd f_previous(n);
  for (int i = 0; i < count; ++i) {
    a.block<3, 3>(0, 3 * i).setIdentity();
    a.block<3, 3>(3, 3 * i) = skew(lever[legs[i]]);
    f_previous.segment<3>(3 * i) = previous[legs[i]];
  }
  const Eigen::MatrixXd weighted = weights.wrench.asDiagonal() * a;
  Eigen::MatrixXd hessian = a.transpose() * weighted;
  hessian.diagonal().array() += weights.regularisation + weights.smoothing;
  const Eigen::VectorXd gradient = -(weighted.transpose() * wrench) - weights.smoothing * f_previous;

  // Per foot, rows of C f <= d.
  const double mu = limits.friction;
  Eigen::MatrixXd c = Eigen::MatrixXd::Zero(kFrictionRowsPerFoot * count, n);
  Eigen::VectorXd d = Eigen::VectorXd::Zero(kFrictionRowsPerFoot * count);
  Eigen::VectorXd start = Eigen::VectorXd::Zero(n);
  for (int i = 0; i < count; ++i) {
    const int r = kFrictionRowsPerFoot * i, k = 3 * i;
    c(r + 0, k + 0) = 1, c(r + 0, k + 2) = -mu;   //  f_x <= mu f_z
    c(r + 1, k + 0) = -1, c(r + 1, k + 2) = -mu;  // -f_x <= mu f_z
    c(r + 2, k + 1) = 1, c(r + 2, k + 2) = -mu;
    c(r + 3, k + 1) = -1, c(r + 3, k + 2) = -mu;
    c(r + 4, k + 2) = 1, d(r + 4) = limits.max_normal;
    c(r + 5, k + 2) = -1, d(r + 5) = -limits.min_normal;
    // Feasible start: each foot carries its share of the weight-like vertical
    // force, straight down, within the bounds.
    start(k + 2) = std::clamp(wrench(2) / count, limits.min_normal, limits.max_normal);
  }
  const QpResult qp = solve_dense_qp(hessian, gradient, c, d, start);
  for (int i = 0; i < count; ++i) out.force[legs[i]] = qp.x.segment<3>(3 * i);
  out.iterations = qp.iterations;
  out.optimal = qp.optimal;
  return out;
}

}  // namespace locomotion
