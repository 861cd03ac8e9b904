// A small dense quadratic program solver on Eigen, for the stance forces
// (the instantaneous split: at most 12 unknowns and 24 inequalities; the
// convex MPC: about 60 unknowns and 120 inequalities):
//
//   minimise  1/2 x' H x + g' x   subject to   C x <= d
//
// with H symmetric positive definite. It is the primal active-set method
// (Nocedal & Wright, "Numerical Optimization", algorithm 16.3): start from a
// feasible point, walk toward the optimum of the current working set of
// active constraints, stop at the first constraint in the way and add it, drop
// a constraint whose multiplier says it holds the solution back. H is
// factored once; each step solves only the small system of the working set
// (its Schur complement). Every iterate is feasible, so even a solve cut short by `max_iterations` returns
// forces the ground can give. The arithmetic is fixed, so it is deterministic.
#pragma once

#include <Eigen/Dense>

namespace locomotion {

struct QpResult {
  Eigen::VectorXd x;
  int iterations = 0;
  bool optimal = false;  // false: stopped at max_iterations (x is still feasible)
};

// `start` must satisfy C start <= d (within `tolerance`); throws
// std::invalid_argument otherwise, or when the sizes do not match.
QpResult solve_dense_qp(const Eigen::MatrixXd& hessian, const Eigen::VectorXd& gradient,
                        const Eigen::MatrixXd& constraints, const Eigen::VectorXd& bounds, const Eigen::VectorXd& start,
                        int max_iterations = 50, double tolerance = 1e-9);

}  // namespace locomotion
