// The locomotion controller's pieces on their own: the dense QP solver finds
// the constrained optimum, the stance-force split gives the asked wrench
// inside the friction pyramid, the swing path starts and ends where it
// should with the velocity it claims, the gait keeps diagonal pairs together,
// and commands are held to each gait's speed caps.
#include <catch2/catch.hpp>
#include <cmath>

#include "convex_mpc.h"
#include "dense_qp.h"
#include "gait_schedule.h"
#include "locomotion_command.h"
#include "locomotion_params.h"
#include "stance_forces.h"
#include "swing_path.h"

using namespace locomotion;

namespace {

// KKT conditions of min 1/2 x'Hx + g'x s.t. Cx <= d, checked numerically:
// feasibility, and a non-negative multiplier on the active rows that makes
// the gradient vanish (solved by least squares over those rows).
void check_kkt(const Eigen::MatrixXd& h, const Eigen::VectorXd& g, const Eigen::MatrixXd& c, const Eigen::VectorXd& d,
               const Eigen::VectorXd& x) {
  const Eigen::VectorXd slack = d - c * x;
  CHECK(slack.minCoeff() > -1e-7);
  std::vector<int> active;
  for (int i = 0; i < c.rows(); ++i)
    if (slack[i] < 1e-6) active.push_back(i);
  const Eigen::VectorXd gradient = h * x + g;
  if (active.empty()) {
    CHECK(gradient.norm() < 1e-6);
    return;
  }
  Eigen::MatrixXd ca(active.size(), c.cols());
  for (size_t k = 0; k < active.size(); ++k) ca.row(k) = c.row(active[k]);
  const Eigen::VectorXd lambda = ca.transpose().colPivHouseholderQr().solve(-gradient);
  CHECK((gradient + ca.transpose() * lambda).norm() < 1e-6);
  CHECK(lambda.minCoeff() > -1e-6);
}

Eigen::Matrix<double, 6, 1> wrench(double fx, double fy, double fz, double tx, double ty, double tz) {
  return (Eigen::Matrix<double, 6, 1>() << fx, fy, fz, tx, ty, tz).finished();
}

std::array<Eigen::Vector3d, kLegs> zero_forces() {
  return {Eigen::Vector3d::Zero(), Eigen::Vector3d::Zero(), Eigen::Vector3d::Zero(), Eigen::Vector3d::Zero()};
}

// Feet 0.2 m below the centre of mass at the corners of a 0.33 x 0.27 m stance.
std::array<Eigen::Vector3d, kLegs> standing_levers() {
  return {Eigen::Vector3d(0.165, -0.135, -0.22), Eigen::Vector3d(0.165, 0.135, -0.22),
          Eigen::Vector3d(-0.165, -0.135, -0.22), Eigen::Vector3d(-0.165, 0.135, -0.22)};
}

}  // namespace

TEST_CASE("dense QP: an unconstrained optimum inside the bounds is the plain minimiser") {
  Eigen::MatrixXd h(2, 2);
  h << 2, 0.5, 0.5, 1;
  const Eigen::VectorXd g = Eigen::Vector2d(-1, -1);
  Eigen::MatrixXd c(2, 2);
  c << 1, 0, 0, 1;
  const Eigen::VectorXd d = Eigen::Vector2d(10, 10);
  const QpResult r = solve_dense_qp(h, g, c, d, Eigen::Vector2d::Zero());
  REQUIRE(r.optimal);
  CHECK((r.x - h.ldlt().solve(-g)).norm() < 1e-9);
}

TEST_CASE("dense QP: active bounds are found, and the answer satisfies the KKT conditions") {
  // min x^2 + y^2 + x y / 2 - 6 x - 4 y over x + y <= 2, x >= 0, y <= 0.25:
  // both the budget and the bound on y hold it (multipliers 2.375 and 0.25).
  Eigen::MatrixXd h(2, 2);
  h << 2, 0.5, 0.5, 2;
  const Eigen::VectorXd g = Eigen::Vector2d(-6, -4);
  Eigen::MatrixXd c(3, 2);
  c << 1, 1, -1, 0, 0, 1;
  const Eigen::VectorXd d = Eigen::Vector3d(2, 0, 0.25);
  const QpResult r = solve_dense_qp(h, g, c, d, Eigen::Vector2d::Zero());
  REQUIRE(r.optimal);
  check_kkt(h, g, c, d, r.x);
  CHECK(r.x.sum() == Approx(2.0).margin(1e-9));  // the budget is used up
  CHECK(r.x.y() == Approx(0.25).margin(1e-9));   // and y sits at its bound

  SECTION("a start point outside the constraints is refused") {
    CHECK_THROWS_AS(solve_dense_qp(h, g, c, d, Eigen::Vector2d(3, 3)), std::invalid_argument);
  }
  SECTION("mismatched sizes are refused") {
    CHECK_THROWS_AS(solve_dense_qp(h, g, c, Eigen::Vector2d(1, 1), Eigen::Vector2d::Zero()), std::invalid_argument);
  }
}

TEST_CASE("dense QP: random strictly convex problems end optimal (KKT) from a feasible start") {
  std::srand(7);
  for (int trial = 0; trial < 50; ++trial) {
    const int n = 6, m = 12;
    const Eigen::MatrixXd a = Eigen::MatrixXd::Random(n, n);
    const Eigen::MatrixXd h = a * a.transpose() + 0.1 * Eigen::MatrixXd::Identity(n, n);
    const Eigen::VectorXd g = 5 * Eigen::VectorXd::Random(n);
    const Eigen::MatrixXd c = Eigen::MatrixXd::Random(m, n);
    const Eigen::VectorXd d = Eigen::VectorXd::Random(m).cwiseAbs();  // x = 0 is feasible
    const QpResult r = solve_dense_qp(h, g, c, d, Eigen::VectorXd::Zero(n), 100);
    INFO("trial " << trial);
    REQUIRE(r.optimal);
    check_kkt(h, g, c, d, r.x);
  }
}

TEST_CASE("stance forces: four feet hold the weight, each inside the friction pyramid, summing to the wrench") {
  const ForceLimits limits;
  const auto w = wrench(8, -3, 77, 0.5, -1.0, 0.3);
  const StanceForces f =
      distribute_forces({true, true, true, true}, standing_levers(), w, limits, ForceWeights{}, zero_forces());
  REQUIRE(f.optimal);
  Eigen::Vector3d force = Eigen::Vector3d::Zero(), torque = Eigen::Vector3d::Zero();
  for (int leg = 0; leg < kLegs; ++leg) {
    const Eigen::Vector3d& fi = f.force[leg];
    CHECK(fi.z() >= limits.min_normal - 1e-9);
    CHECK(fi.z() <= limits.max_normal + 1e-9);
    CHECK(std::abs(fi.x()) <= limits.friction * fi.z() + 1e-9);
    CHECK(std::abs(fi.y()) <= limits.friction * fi.z() + 1e-9);
    force += fi;
    torque += standing_levers()[leg].cross(fi);
  }
  // A feasible wrench is met to within the regularisation's small pull.
  CHECK((force - w.head<3>()).norm() < 0.1);
  CHECK((torque - w.tail<3>()).norm() < 0.05);
}

TEST_CASE("stance forces: an impossible sideways push is cut to the friction limit, swing feet carry nothing") {
  const ForceLimits limits;  // mu 0.6
  // Two diagonal feet (a trot's stance), asked for more sideways force than friction allows.
  const StanceForces f = distribute_forces({true, false, false, true}, standing_levers(), wrench(0, 80, 77, 0, 0, 0),
                                           limits, ForceWeights{}, zero_forces());
  REQUIRE(f.optimal);
  CHECK(f.force[1].norm() == 0.0);
  CHECK(f.force[2].norm() == 0.0);
  double sideways = 0;
  for (int leg : {0, 3}) {
    CHECK(std::abs(f.force[leg].y()) <= limits.friction * f.force[leg].z() + 1e-9);
    sideways += f.force[leg].y();
  }
  CHECK(sideways > 30.0);  // as much as it can, not nothing
  CHECK(sideways < 80.0);
}

TEST_CASE("swing path: lifts off and lands where asked, clears the step, and its velocity is its derivative") {
  const Eigen::Vector3d from(-0.08, -0.13, -0.23), to(0.1, -0.12, -0.20);
  const double duration = 0.15, height = 0.06;
  for (const SwingShape& shape : {kFlatSwing, kStairSwing}) {
    CHECK((swing_point(shape, from, to, 0.0, duration, height).position - from).norm() < 1e-12);
    CHECK((swing_point(shape, from, to, 1.0, duration, height).position - to).norm() < 1e-12);
    CHECK(swing_point(shape, from, to, 1.0, duration, height).velocity.norm() < 1e-9);  // lands softly
    double top = -1;
    for (double s = 0.0; s <= 1.0; s += 0.01)
      top = std::max(top, swing_point(shape, from, to, s, duration, height).position.z());
    CHECK(top == Approx(to.z() + height).margin(1e-6));  // clearance above the higher end
    for (double s = 0.05; s < 0.96; s += 0.07) {
      const double e = 1e-6;
      const Eigen::Vector3d numeric = (swing_point(shape, from, to, s + e, duration, height).position -
                                       swing_point(shape, from, to, s - e, duration, height).position) /
                                      (2 * e * duration);
      INFO("progress " << s);
      CHECK((numeric - swing_point(shape, from, to, s, duration, height).velocity).norm() < 1e-4);
    }
  }
  // The stair swing rises before it moves forward.
  const SwingPoint early = swing_point(kStairSwing, from, to, 0.1, duration, height);
  CHECK(early.position.x() == Approx(from.x()));
  CHECK(early.position.z() > from.z() + 0.01);
}

TEST_CASE("swing path: a foot that sank into a hole leaves it straight up, then steps over the far wall") {
  // The shape follows the touchdown check: a foot that went more than
  // kHoleDepth below its aim was in a hole; less (a stair step lower than
  // expected) is an ordinary landing.
  CHECK(&swing_shape(false, 0.0) == &kFlatSwing);
  CHECK(&swing_shape(true, 0.0) == &kStairSwing);
  CHECK(&swing_shape(false, 0.08) == &kFlatSwing);
  CHECK(&swing_shape(false, 0.15) == &kHoleSwing);
  CHECK(&swing_shape(true, 0.15) == &kHoleSwing);
  // From the pit floor 15 cm down to the walkway 28 cm ahead: the
  // foot does not move toward the far wall until it is above the walkway.
  const Eigen::Vector3d from(-0.05, 0.0, -0.40), to(0.23, 0.0, -0.25);
  const double duration = 0.15, height = 0.06;
  auto moves_below_wall_top = [&](const SwingShape& shape) {
    for (double s = 0.0; s <= 1.0; s += 0.005) {
      const Eigen::Vector3d p = swing_point(shape, from, to, s, duration, height).position;
      const bool crossing = p.x() > from.x() + 0.005 && p.x() < to.x() - 0.005;
      if (crossing && p.z() < to.z() + 0.02) return true;
    }
    return false;
  };
  CHECK_FALSE(moves_below_wall_top(kHoleSwing));
  CHECK(moves_below_wall_top(kFlatSwing));  // why the flat swing caught its toe
  CHECK((swing_point(kHoleSwing, from, to, 1.0, duration, height).position - to).norm() < 1e-12);
}

TEST_CASE("gait: trot diagonals step together, a new gait waits for the cycle, stand keeps every foot down") {
  GaitSchedule gait;
  gait.request(timing_of(GaitId::kStand));
  for (int leg = 0; leg < kLegs; ++leg) CHECK(gait.phase(leg).stance);
  gait.request({0.3, 0.5, true});
  int swings_seen = 0;
  for (int tick = 0; tick < 150; ++tick) {
    gait.advance(0.002);
    CHECK(gait.phase(0).stance == gait.phase(3).stance);  // FR with RL
    CHECK(gait.phase(1).stance == gait.phase(2).stance);  // FL with RR
    CHECK(gait.phase(0).stance != gait.phase(1).stance);
    swings_seen += gait.phase(0).stance ? 0 : 1;
  }
  CHECK(swings_seen == Approx(75).margin(2));  // half of a 0.3 s cycle
  gait.request({0.4, 0.6, true});
  CHECK(gait.timing().period == 0.3);  // not mid-cycle
  for (int tick = 0; tick < 150; ++tick) gait.advance(0.002);
  CHECK(gait.timing().period == 0.4);
}

TEST_CASE("commands: each gait's caps are the robot's, auto picks the slowest trot that fits") {
  LocomotionCommand c;
  c.forward_speed = 2.0, c.lateral_speed = -1.0, c.yaw_rate = 3.0, c.body_height = 0.5, c.step_height = -1;
  c.gait = GaitId::kSlowTrot;
  LocomotionCommand l = limited(c);
  CHECK(l.forward_speed == 0.6);
  CHECK(l.lateral_speed == -0.2);
  CHECK(l.yaw_rate == 1.3);
  CHECK(l.body_height == kMaxBodyHeight);
  CHECK(l.step_height == kMinStepHeight);
  c.gait = GaitId::kMediumTrot;
  CHECK(limited(c).forward_speed == 1.2);
  CHECK(limited(c).yaw_rate == 2.25);
  c.gait = GaitId::kFastTrot;
  CHECK(limited(c).forward_speed == 1.6);
  CHECK(limited(c).lateral_speed == -0.55);
  c.gait = GaitId::kStand;
  CHECK(limited(c).forward_speed == 0.0);

  LocomotionCommand a;
  a.forward_speed = 0.5;
  CHECK(limited(a).gait == GaitId::kSlowTrot);
  a.forward_speed = 1.1;
  CHECK(limited(a).gait == GaitId::kMediumTrot);
  a.forward_speed = 1.5;
  CHECK(limited(a).gait == GaitId::kFastTrot);
  a.forward_speed = 0.3, a.yaw_rate = 2.0;
  CHECK(limited(a).gait == GaitId::kMediumTrot);
}

TEST_CASE("params: the string feeds the command, unknown keys and gait ids are errors naming the choices") {
  const LocomotionParams p = parse_locomotion_params("gait=10,vx=1.4,vy=-0.2,yaw_rate=0.5,body_height=0.24");
  CHECK(p.command.gait == GaitId::kFastTrot);
  CHECK(p.command.forward_speed == 1.4);
  CHECK(p.command.lateral_speed == -0.2);
  CHECK(p.command.yaw_rate == 0.5);
  CHECK(p.command.body_height == 0.24);
  // The stair trot crouches by default (a leg then reaches a step 8 cm below
  // its aim), not when a height is asked for; other gaits stand.
  const BodyHeights heights{0.25, 0.15, 0.30};
  CHECK(parse_locomotion_params("gait=50", heights).command.body_height == Approx(0.87 * 0.25));
  CHECK(parse_locomotion_params("gait=50,body_height=0.26", heights).command.body_height == 0.26);
  CHECK(parse_locomotion_params("gait=3", heights).command.body_height == 0.25);
  CHECK(parse_locomotion_params("gait=50", {0.2, 0.19, 0.3}).command.body_height == 0.19);
  CHECK_THROWS_WITH(parse_locomotion_params("gait=4"), Catch::Contains("27 slow trot"));
  CHECK_THROWS_WITH(parse_locomotion_params("speed=1"), Catch::Contains("unknown parameter 'speed'"));
  CHECK_THROWS_WITH(parse_locomotion_params("period=0.05"), Catch::Contains("period"));
}

TEST_CASE("convex MPC: the dynamics are the rigid body's, step by step") {
  MpcProblem p;
  p.step = 0.02;
  p.mass = 8.0;
  p.inertia = Eigen::Vector3d(0.1, 0.2, 0.25).asDiagonal();
  p.lever = standing_levers();
  Eigen::Matrix<double, 13, 13> a;
  Eigen::MatrixXd b;
  mpc_dynamics(p, {true, false, false, true}, a, b);
  REQUIRE(b.cols() == 6);
  MpcState x = MpcState::Zero();
  x(12) = 9.81;
  x.segment<3>(9) = Eigen::Vector3d(1.0, 0.0, 0.0);
  // No force: falls with gravity, moves with its velocity.
  const MpcState free = a * x;
  CHECK(free(11) == Approx(-9.81 * 0.02));
  CHECK(free(3) == Approx(0.02));
  // Two feet pushing up with the weight: no vertical acceleration; their
  // torques r x f give the angular acceleration I^-1 sum r x f.
  Eigen::VectorXd u(6);
  u << 0, 0, 8.0 * 9.81 / 2, 0, 0, 8.0 * 9.81 / 2;
  const MpcState next = a * x + b * u;
  CHECK(next(11) == Approx(0.0).margin(1e-12));
  const Eigen::Vector3d torque =
      p.lever[0].cross(Eigen::Vector3d(u.head<3>())) + p.lever[3].cross(Eigen::Vector3d(u.tail<3>()));
  CHECK((next.segment<3>(6) - 0.02 * p.inertia.inverse() * torque).norm() < 1e-12);
}

TEST_CASE("convex MPC: standing still, the plan holds the weight inside the pyramids and the state stays put") {
  MpcProblem p;
  p.step = 0.03;
  p.mass = 7.84;
  p.inertia = Eigen::Vector3d(0.1, 0.2, 0.22).asDiagonal();
  p.lever = standing_levers();
  p.start << 0, 0, 0, 0, 0, 0.23, 0, 0, 0, 0, 0, 0, 9.81;
  for (int k = 0; k < 10; ++k) {
    p.reference.push_back(p.start);
    // A trot's contacts: diagonal pairs alternate every five steps.
    const bool first = k < 5;
    p.contact.push_back({first, !first, !first, first});
  }
  const MpcSolution s = solve_convex_mpc(p);
  REQUIRE(s.optimal);
  for (int k = 0; k < 10; ++k) {
    Eigen::Vector3d total = Eigen::Vector3d::Zero();
    for (int leg = 0; leg < kLegs; ++leg) {
      const Eigen::Vector3d& f = s.forces[k][leg];
      if (!p.contact[k][leg]) {
        CHECK(f.norm() == 0.0);
        continue;
      }
      CHECK(std::abs(f.x()) <= p.limits.friction * f.z() + 1e-9);
      CHECK(std::abs(f.y()) <= p.limits.friction * f.z() + 1e-9);
      CHECK(f.z() >= p.limits.min_normal - 1e-9);
      total += f;
    }
    INFO("step " << k);
    // Only the first steps are ever applied (the plan is renewed every few
    // periods). Near the end of the horizon a force barely changes the
    // predicted states, so the force cost tapers the plan off there.
    if (k >= 5) continue;
    CHECK(total.z() == Approx(p.mass * 9.81).epsilon(0.05));  // holds the weight
    const MpcState error = s.predicted[k] - p.reference[k];
    CHECK(error.head<3>().norm() < 0.02);      // attitude, rad
    CHECK(error.segment<3>(3).norm() < 0.01);  // position, m
    CHECK(error.segment<6>(6).norm() < 0.15);  // angular and linear velocity
  }

  SECTION("asked to move forward, it pushes forward first") {
    for (int k = 0; k < 10; ++k) {
      p.reference[k](9) = 0.5;
      p.reference[k](3) = 0.5 * 0.03 * (k + 1);
    }
    const MpcSolution go = solve_convex_mpc(p);
    CHECK(go.forces[0][0].x() + go.forces[0][3].x() > 5.0);
    CHECK(go.predicted[9](9) > 0.3);
  }
}
