// The robot up on its rear legs, seen from the side: a planar chain of
// three links (the two shanks, the two thighs, the trunk with everything
// it carries) standing on the rear feet, driven by the rear knees and
// hips. It gives the pose that puts the whole centre of mass where the
// ground can carry it (over the shins lying on the ground, for the
// greeting's kneel), and the joint torques that hold that pose against
// gravity. Angles are rotations about the trunk's y axis (positive: nose
// down), absolute, in the order shank, thigh, trunk.
#pragma once

#include <Eigen/Dense>
#include <array>

#include "leg_kinematics.h"

namespace locomotion {

// Masses of the CyberDog 2's links (models/cyberdog2/cyberdog2.xml): the
// pose needs where the mass sits along the legs, which the one rigid body
// of the walking controllers does not say.
struct LinkMasses {
  double trunk = 4.03;                                             // kg
  Eigen::Vector2d trunk_com = Eigen::Vector2d(0.0273, 0.0143);     // trunk frame, x forward, z up, m
  double abad = 0.354;                                             // kg, at its abad axis
  double thigh = 0.482;                                            // kg
  Eigen::Vector2d thigh_com = Eigen::Vector2d(-0.00212, -0.0184);  // thigh frame, from the hip axis
  double shank = 0.116;
  Eigen::Vector2d shank_com = Eigen::Vector2d(0.0006, -0.0893);  // shank frame, from the knee axis
};

using ChainAngles = Eigen::Vector3d;  // shank, thigh, trunk (absolute, rad)

struct SagittalPose {
  ChainAngles angles = ChainAngles::Zero();
  double hip = 0.0, knee = 0.0;                      // the rear joints' angles (API convention)
  Eigen::Vector2d torque = Eigen::Vector2d::Zero();  // knee, hip: both legs together, N·m, holding the pose
};

class SagittalBalance {
 public:
  SagittalBalance(trot::LegGeometry geometry, LinkMasses masses);

  // The front legs' joint angles (hip, knee, the same on both sides): they
  // ride on the trunk link and move its centre of mass.
  void set_front_legs(double hip, double knee);

  // The pose with the trunk and the shanks at these angles whose centre of
  // mass is `com_from_feet` m ahead of the rear feet (negative: behind,
  // toward the knees); the thigh angle nearest `thigh_guess` among those
  // with the hips above the knees.
  SagittalPose balanced_pose(double trunk, double shank, double com_from_feet, double thigh_guess) const;

  // Horizontal distance from the rear feet to the centre of mass (m,
  // forward in the world).
  double com_ahead(const ChainAngles& angles) const;

 private:
  struct Link {
    double mass;
    Eigen::Vector2d com;    // link frame, from the link's lower joint (the feet for the shank)
    Eigen::Vector2d reach;  // lower joint to upper joint, link frame
  };

  trot::LegGeometry geometry_;
  LinkMasses masses_;
  std::array<Link, 3> links_{};
};

}  // namespace locomotion
