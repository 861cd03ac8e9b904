// The trunk's orientation as the robot reports it (RobotData.quat: w, x, y,
// z on the CyberDog 2), as a rotation matrix from body to world; identity
// for an all-zero quaternion (no IMU reading yet).
#pragma once

#include <simarena/controller.h>

#include <Eigen/Dense>

namespace locomotion {

inline Eigen::Matrix3d rotation_of(const SimarenaRobotData& data) {
  const Eigen::Quaterniond q(data.quat[0], data.quat[1], data.quat[2], data.quat[3]);
  if (q.norm() < 1e-6) return Eigen::Matrix3d::Identity();
  return q.normalized().toRotationMatrix();
}

// The cross-product matrix: skew(a) * b == a.cross(b).
inline Eigen::Matrix3d skew(const Eigen::Vector3d& v) {
  Eigen::Matrix3d m;
  m << 0, -v.z(), v.y(), v.z(), 0, -v.x(), -v.y(), v.x(), 0;
  return m;
}

}  // namespace locomotion
