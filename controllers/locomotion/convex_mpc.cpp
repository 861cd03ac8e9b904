#include "convex_mpc.h"

#include <algorithm>
#include <stdexcept>

#include "body_rotation.h"
#include "dense_qp.h"
#include "stance_forces.h"

namespace locomotion {

namespace {

int feet_down(const std::array<bool, kLegs>& contact) {
  return static_cast<int>(std::count(contact.begin(), contact.end(), true));
}

}  // namespace

void mpc_dynamics(const MpcProblem& problem, const std::array<bool, kLegs>& contact, Eigen::Matrix<double, 13, 13>& a,
                  Eigen::MatrixXd& b) {
  const double dt = problem.step;
  a.setIdentity();
  // Roll, pitch and yaw rates from the world angular velocity: the yaw turn
  // only (roll and pitch stay small while walking).
  const double c = std::cos(problem.yaw), s = std::sin(problem.yaw);
  Eigen::Matrix3d yaw_transpose;
  yaw_transpose << c, s, 0, -s, c, 0, 0, 0, 1;
  a.block<3, 3>(0, 6) = dt * yaw_transpose;
  a.block<3, 3>(3, 9) = dt * Eigen::Matrix3d::Identity();
  a(11, 12) = -dt;  // gravity pulls the vertical velocity down

  const Eigen::Matrix3d inverse_inertia = problem.inertia.inverse();
  b.setZero(13, 3 * feet_down(contact));
  int column = 0;
  for (int leg = 0; leg < kLegs; ++leg) {
    if (!contact[leg]) continue;
    b.block<3, 3>(6, column) = dt * inverse_inertia * skew(problem.lever[leg]);
    b.block<3, 3>(9, column) = (dt / problem.mass) * Eigen::Matrix3d::Identity();
    column += 3;
  }
}

MpcSolution solve_convex_mpc(const MpcProblem& problem) {
  const int horizon = static_cast<int>(problem.reference.size());
  if (horizon == 0 || static_cast<int>(problem.contact.size()) != horizon)
    throw std::invalid_argument("solve_convex_mpc: the reference and the contact plan need one entry per step");

  // Variables: three per foot on the ground, step by step.
  std::vector<int> offset(horizon + 1, 0);
  for (int k = 0; k < horizon; ++k) offset[k + 1] = offset[k] + 3 * feet_down(problem.contact[k]);
  const int n = offset[horizon];

  Eigen::Matrix<double, 13, 13> a;
  std::vector<Eigen::MatrixXd> b(horizon);
  for (int k = 0; k < horizon; ++k) mpc_dynamics(problem, problem.contact[k], a, b[k]);

  // Condensed prediction: x_{k+1} = A^{k+1} x0 + sum_{j<=k} A^{k-j} B_j u_j.
  std::vector<Eigen::Matrix<double, 13, 13>> power(horizon + 1);
  power[0].setIdentity();
  for (int k = 1; k <= horizon; ++k) power[k] = a * power[k - 1];
  Eigen::MatrixXd prediction = Eigen::MatrixXd::Zero(13 * horizon, n);  // B_qp
  Eigen::VectorXd free_motion(13 * horizon);                            // A_qp x0 - X_ref
  for (int k = 0; k < horizon; ++k) {
    free_motion.segment<13>(13 * k) = power[k + 1] * problem.start - problem.reference[k];
    for (int j = 0; j <= k; ++j) {
      const int width = offset[j + 1] - offset[j];
      if (width > 0) prediction.block(13 * k, offset[j], 13, width) = power[k - j] * b[j];
    }
  }
  Eigen::VectorXd q(13 * horizon);
  for (int k = 0; k < horizon; ++k) q.segment<13>(13 * k) = problem.weights.state;
  const Eigen::MatrixXd weighted = q.asDiagonal() * prediction;
  Eigen::MatrixXd hessian = prediction.transpose() * weighted;
  hessian.diagonal().array() += problem.weights.force;
  const Eigen::VectorXd gradient = weighted.transpose() * free_motion;

  // Friction pyramid and normal bounds, per foot and step; the start point
  // shares the weight among the feet down, straight down.
  const ForceLimits& limits = problem.limits;
  const int feet_total = n / 3;
  Eigen::MatrixXd c = Eigen::MatrixXd::Zero(kFrictionRowsPerFoot * feet_total, n);
  Eigen::VectorXd d = Eigen::VectorXd::Zero(kFrictionRowsPerFoot * feet_total);
  Eigen::VectorXd start = Eigen::VectorXd::Zero(n);
  const double mu = limits.friction;
  for (int k = 0; k < horizon; ++k) {
    const int down = feet_down(problem.contact[k]);
    for (int i = 0; i < down; ++i) {
      const int v = offset[k] + 3 * i, r = kFrictionRowsPerFoot * (v / 3);
      c(r + 0, v + 0) = 1, c(r + 0, v + 2) = -mu;
      c(r + 1, v + 0) = -1, c(r + 1, v + 2) = -mu;
      c(r + 2, v + 1) = 1, c(r + 2, v + 2) = -mu;
      c(r + 3, v + 1) = -1, c(r + 3, v + 2) = -mu;
      c(r + 4, v + 2) = 1, d(r + 4) = limits.max_normal;
      c(r + 5, v + 2) = -1, d(r + 5) = -limits.min_normal;
      start(v + 2) = std::clamp(problem.mass * 9.81 / down, limits.min_normal, limits.max_normal);
    }
  }
  const QpResult qp = solve_dense_qp(hessian, gradient, c, d, start, problem.max_iterations);

  MpcSolution out;
  out.iterations = qp.iterations;
  out.optimal = qp.optimal;
  out.forces.resize(horizon);
  for (int k = 0; k < horizon; ++k) {
    int v = offset[k];
    for (int leg = 0; leg < kLegs; ++leg) {
      out.forces[k][leg].setZero();
      if (problem.contact[k][leg]) {
        out.forces[k][leg] = qp.x.segment<3>(v);
        v += 3;
      }
    }
  }
  const Eigen::VectorXd states = prediction * qp.x + free_motion;
  out.predicted.resize(horizon);
  for (int k = 0; k < horizon; ++k) out.predicted[k] = states.segment<13>(13 * k) + problem.reference[k];
  return out;
}

}  // namespace locomotion
