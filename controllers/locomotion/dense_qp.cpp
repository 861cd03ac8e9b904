#include "dense_qp.h"

#include <limits>
#include <stdexcept>
#include <vector>

namespace locomotion {

QpResult solve_dense_qp(const Eigen::MatrixXd& hessian, const Eigen::VectorXd& gradient,
                        const Eigen::MatrixXd& constraints, const Eigen::VectorXd& bounds, const Eigen::VectorXd& start,
                        int max_iterations, double tolerance) {
  const Eigen::Index n = hessian.rows(), m = constraints.rows();
  if (hessian.cols() != n || gradient.size() != n || start.size() != n || constraints.cols() != n || bounds.size() != m)
    throw std::invalid_argument("solve_dense_qp: matrix sizes do not match");
  if (m > 0 && ((constraints * start - bounds).array() > tolerance * 10).any())
    throw std::invalid_argument("solve_dense_qp: the start point violates a constraint");

  QpResult result;
  result.x = start;
  // H is the same in every iteration: factor it once. Each iteration then
  // needs only the small Schur complement of the working set, S = C_W H^-1 C_W',
  // built from the columns H^-1 c_i, computed once per constraint that joins.
  const Eigen::LLT<Eigen::MatrixXd> factor(hessian);
  if (factor.info() != Eigen::Success)
    throw std::invalid_argument("solve_dense_qp: the Hessian is not positive definite");
  const Eigen::VectorXd inverse_gradient = factor.solve(gradient);  // H^-1 g
  std::vector<bool> active(static_cast<size_t>(m), false);
  std::vector<Eigen::Index> working;          // indices of the active constraints, in the order added
  std::vector<Eigen::VectorXd> inverse_rows;  // H^-1 c_i for each of them, same order
  // S = C_W H^-1 C_W', kept up to date as constraints join and leave.
  Eigen::MatrixXd schur = Eigen::MatrixXd::Zero(std::min(n, m), std::min(n, m));
  // Constraints that hold with equality at the start join the working set
  // only when they block a step, so the set stays linearly independent.
  for (result.iterations = 0; result.iterations < max_iterations; ++result.iterations) {
    // Equality-constrained step: min 1/2 p'Hp + (Hx+g)'p with C_W p = 0:
    // p = -H^-1 (Hx + g + C_W' lambda), where S lambda = -C_W H^-1 (Hx + g).
    const Eigen::Index w = static_cast<Eigen::Index>(working.size());
    const Eigen::VectorXd inverse_slope = result.x + inverse_gradient;  // H^-1 (Hx + g)
    Eigen::VectorXd lambda(w);
    Eigen::VectorXd step = -inverse_slope;
    if (w > 0) {
      Eigen::VectorXd rhs(w);
      for (Eigen::Index i = 0; i < w; ++i) rhs[i] = -constraints.row(working[i]).dot(inverse_slope);
      lambda = schur.topLeftCorner(w, w).ldlt().solve(rhs);
      for (Eigen::Index j = 0; j < w; ++j) step -= lambda[j] * inverse_rows[j];
    }

    if (step.norm() <= tolerance * (1.0 + result.x.norm())) {
      // At the optimum of the working set: optimal if every multiplier is
      // non-negative, else release the constraint that pulls hardest.
      Eigen::Index release = -1;
      double most_negative = -tolerance;
      for (Eigen::Index k = 0; k < w; ++k)
        if (lambda[k] < most_negative) {
          most_negative = lambda[k];
          release = k;
        }
      if (release < 0) {
        result.optimal = true;
        return result;
      }
      active[static_cast<size_t>(working[release])] = false;
      working.erase(working.begin() + release);
      inverse_rows.erase(inverse_rows.begin() + release);
      // Drop row and column `release` of S.
      const Eigen::Index tail = w - release - 1;
      schur.block(release, 0, tail, w) = schur.block(release + 1, 0, tail, w).eval();
      schur.block(0, release, w, tail) = schur.block(0, release + 1, w, tail).eval();
      continue;
    }

    // Walk along the step until the first inactive constraint blocks it.
    double alpha = 1.0;
    Eigen::Index blocking = -1;
    for (Eigen::Index i = 0; i < m; ++i) {
      if (active[static_cast<size_t>(i)]) continue;
      const double rate = constraints.row(i).dot(step);
      if (rate <= tolerance) continue;
      const double room = std::max(0.0, bounds[i] - constraints.row(i).dot(result.x));
      if (room / rate < alpha) {
        alpha = room / rate;
        blocking = i;
      }
    }
    result.x += alpha * step;
    // A working set never holds more independent rows than unknowns.
    if (blocking >= 0 && w < schur.rows()) {
      active[static_cast<size_t>(blocking)] = true;
      working.push_back(blocking);
      inverse_rows.push_back(factor.solve(constraints.row(blocking).transpose()));
      for (Eigen::Index j = 0; j <= w; ++j)
        schur(w, j) = schur(j, w) = constraints.row(working[j]).dot(inverse_rows[w]);
    }
  }
  return result;
}

}  // namespace locomotion
