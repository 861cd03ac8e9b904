#include "robot_geometry.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace locomotion {

namespace {

constexpr double kTolerance = 1e-6;  // m, and for unit axes
constexpr const char* kLegNames[kLegs] = {"FR", "FL", "RR", "RL"};
constexpr const char* kJointKinds[3] = {"abad", "hip", "knee"};

[[noreturn]] void refuse(const std::string& why) {
  throw std::invalid_argument("locomotion: robot does not suit this controller: " + why);
}

Eigen::Vector3d vector_of(const double* v) { return {v[0], v[1], v[2]}; }

void expect_near(const Eigen::Vector3d& got, const Eigen::Vector3d& wanted, int leg, const std::string& what) {
  if ((got - wanted).norm() > kTolerance)
    refuse(std::string("leg ") + kLegNames[leg] + ": " + what + " is not as the leg model has it (abad about x, " +
           "hip and knee about y, the knee straight below the hip and the foot below the knee at the zero pose, " +
           "legs mirror-symmetric left to right and front to back)");
}

}  // namespace

RobotGeometry robot_geometry(const SimarenaRobotModel& model) {
  if (model.num_joints != 3 * kLegs || model.num_legs != kLegs)
    refuse("it needs 4 legs of 3 joints each (robot.yaml 'legs'); this robot has " + std::to_string(model.num_joints) +
           " joints and " + std::to_string(model.num_legs) + " legs");
  for (int leg = 0; leg < kLegs; ++leg)
    for (int j = 0; j < 3; ++j)
      if (model.legs[leg].joints[j] != 3 * leg + j)
        refuse(std::string("leg ") + kLegNames[leg] + "'s " + kJointKinds[j] + " must be joint " +
               std::to_string(3 * leg + j) + " (API order FR, FL, RR, RL; abad, hip, knee)");

  // The leg model's numbers, from the front right leg; every leg must match them mirrored.
  const SimarenaLegModel& fr = model.legs[0];
  RobotGeometry robot;
  trot::LegGeometry& g = robot.legs;
  g.abad_x = fr.abad_origin[0];
  g.abad_y = -fr.abad_origin[1];
  g.hip_offset = -fr.hip_from_abad[1];
  g.thigh = -fr.knee_from_hip[2];
  g.shank = -fr.foot_from_knee[2];
  g.foot_radius = fr.foot_radius;
  if (!(g.abad_x > 0 && g.abad_y >= 0 && g.hip_offset >= 0 && g.thigh > 0 && g.shank > 0 && g.foot_radius >= 0))
    refuse(
        "the front right leg must sit front right of the base origin, its hip outward of its abad and its "
        "knee and foot below");
  for (int leg = 0; leg < kLegs; ++leg) {
    const SimarenaLegModel& l = model.legs[leg];
    const double side = trot::LegGeometry::side(leg);
    expect_near(vector_of(l.abad_origin), g.abad_origin(leg), leg, "the abad axis point");
    expect_near(vector_of(l.hip_from_abad), Eigen::Vector3d(0.0, side * g.hip_offset, 0.0), leg, "the hip offset");
    expect_near(vector_of(l.knee_from_hip), Eigen::Vector3d(0.0, 0.0, -g.thigh), leg, "the thigh");
    expect_near(vector_of(l.foot_from_knee), Eigen::Vector3d(0.0, 0.0, -g.shank), leg, "the shank");
    if (std::abs(l.foot_radius - g.foot_radius) > kTolerance) refuse("the feet differ in size");
    const Eigen::Vector3d axes[3] = {Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitY(), Eigen::Vector3d::UnitY()};
    for (int j = 0; j < 3; ++j)
      expect_near(vector_of(model.joints[3 * leg + j].axis), axes[j], leg,
                  std::string("the ") + kJointKinds[j] + " joint's axis");
  }

  robot.body.mass = model.mass;
  robot.body.inertia = Eigen::Vector3d(model.inertia[0], model.inertia[4], model.inertia[8]);
  robot.body.centre_of_mass = vector_of(model.centre_of_mass);
  if (!(model.mass > 0 && robot.body.inertia.minCoeff() > 0)) refuse("its mass and inertia must be above 0");
  for (int i = 0; i < 3 * kLegs; ++i) robot.torque_limits[i] = model.joints[i].torque_limit;
  robot.heights = {model.standing_height, model.body_height_range[0], model.body_height_range[1]};
  if (!(robot.heights.min > 0 && robot.heights.min <= robot.heights.standing &&
        robot.heights.standing <= robot.heights.max))
    refuse("its standing height must lie in its body height range");
  return robot;
}

}  // namespace locomotion
