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
  std::vector<bool> active(static_cast<size_t>(m), false);
  std::vector<Eigen::Index> working;  // indices of the active constraints, in the order added
  // Constraints that hold with equality at the start join the working set
  // only when they block a step, so the set stays linearly independent.
  for (result.iterations = 0; result.iterations < max_iterations; ++result.iterations) {
    // Equality-constrained step: min 1/2 p'Hp + (Hx+g)'p with C_W p = 0,
    // from the KKT system [H C_W'; C_W 0] [p; lambda] = [-(Hx+g); 0].
    const Eigen::Index w = static_cast<Eigen::Index>(working.size());
    Eigen::MatrixXd kkt = Eigen::MatrixXd::Zero(n + w, n + w);
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n + w);
    kkt.topLeftCorner(n, n) = hessian;
    for (Eigen::Index k = 0; k < w; ++k) {
      kkt.block(0, n + k, n, 1) = constraints.row(working[k]).transpose();
      kkt.block(n + k, 0, 1, n) = constraints.row(working[k]);
    }
    rhs.head(n) = -(hessian * result.x + gradient);
    const Eigen::VectorXd solution = kkt.partialPivLu().solve(rhs);
    const Eigen::VectorXd step = solution.head(n);

    if (step.norm() <= tolerance * (1.0 + result.x.norm())) {
      // At the optimum of the working set: optimal if every multiplier is
      // non-negative, else release the constraint that pulls hardest.
      Eigen::Index release = -1;
      double most_negative = -tolerance;
      for (Eigen::Index k = 0; k < w; ++k)
        if (solution[n + k] < most_negative) {
          most_negative = solution[n + k];
          release = k;
        }
      if (release < 0) {
        result.optimal = true;
        return result;
      }
      active[static_cast<size_t>(working[release])] = false;
      working.erase(working.begin() + release);
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
    if (blocking >= 0) {
      active[static_cast<size_t>(blocking)] = true;
      working.push_back(blocking);
    }
  }
  return result;
}

}  // namespace locomotion
