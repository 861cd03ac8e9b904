// Convex model-predictive control of the stance forces (Di Carlo et al.,
// "Dynamic Locomotion in the MIT Cheetah 3 Through Convex Model-Predictive
// Control", 2018): the robot is one rigid body whose state
//
//   x = [roll, pitch, yaw, position (3), angular velocity (3), velocity (3), g]
//
// evolves linearly over a short horizon (yaw-only rotation, small roll and
// pitch) under the ground forces of the feet the gait has on the ground at
// each step. The forces over the whole horizon minimise
//
//   sum_k |x_k - x_ref,k|^2_Q + alpha |u_k|^2
//
// subject to each foot's friction pyramid and normal-force bounds. The
// states are eliminated (condensed form: X = A_qp x0 + B_qp U), leaving a
// dense QP in the forces alone, solved by dense_qp. Only the first step's
// forces are applied; the problem is solved again at the next step.
#pragma once

#include <Eigen/Dense>
#include <array>
#include <vector>

#include "stance_forces.h"

namespace locomotion {

using MpcState = Eigen::Matrix<double, 13, 1>;

struct MpcWeights {
  // roll pitch yaw, x y z, wx wy wz, vx vy vz, g (the robot's stack uses
  // much the same numbers for a body of this size)
  MpcState state = (MpcState() << 20, 20, 10, 2, 2, 50, 0.1, 0.1, 0.3, 2, 2, 0.3, 0).finished();
  double force = 4e-5;  // alpha: per N² of ground force
};

struct MpcProblem {
  double step = 0.03;                                     // s between horizon steps
  double mass = 7.84;                                     // kg
  Eigen::Matrix3d inertia = Eigen::Matrix3d::Identity();  // world axes, about the centre of mass
  double yaw = 0.0;                                       // rad, for the rotation of angular velocity into rpy rates
  MpcState start = MpcState::Zero();                      // x0
  std::vector<MpcState> reference;                        // x_ref,1 .. x_ref,N
  std::vector<std::array<bool, kLegs>> contact;           // feet on the ground in steps 0 .. N-1
  std::array<Eigen::Vector3d, kLegs> lever{};             // foot relative to the centre of mass, world axes
  MpcWeights weights;
  ForceLimits limits;
  // Active-set iterations at most: bounds the call's CPU time (each iterate
  // is feasible, so a cut-short plan is still one the ground can give).
  int max_iterations = 20;
};

struct MpcSolution {
  std::vector<std::array<Eigen::Vector3d, kLegs>> forces;  // per step, world axes, N (zero for swing feet)
  std::vector<MpcState> predicted;                         // x_1 .. x_N under those forces
  int iterations = 0;
  bool optimal = false;
};

// The discrete dynamics x_{k+1} = A x_k + B u_k for the given contacts (B
// has three columns per foot in contact, in leg order): forward Euler over
// `problem.step`.
void mpc_dynamics(const MpcProblem& problem, const std::array<bool, kLegs>& contact, Eigen::Matrix<double, 13, 13>& a,
                  Eigen::MatrixXd& b);

MpcSolution solve_convex_mpc(const MpcProblem& problem);

}  // namespace locomotion
