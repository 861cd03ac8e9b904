#include "sagittal_balance.h"

#include <algorithm>
#include <cmath>

namespace locomotion {

namespace {

// A vector of a link's frame turned by the link's angle about y, and its
// derivative with respect to that angle (x forward, z up).
Eigen::Vector2d turned(double a, const Eigen::Vector2d& v) {
  return {v.x() * std::cos(a) + v.y() * std::sin(a), -v.x() * std::sin(a) + v.y() * std::cos(a)};
}
Eigen::Vector2d turned_rate(double a, const Eigen::Vector2d& v) {
  return {-v.x() * std::sin(a) + v.y() * std::cos(a), -v.x() * std::cos(a) - v.y() * std::sin(a)};
}

}  // namespace

SagittalBalance::SagittalBalance(trot::LegGeometry geometry, LinkMasses masses) : geometry_(geometry), masses_(masses) {
  links_[0] = {2.0 * masses.shank, Eigen::Vector2d(0.0, geometry.shank) + masses.shank_com,
               Eigen::Vector2d(0.0, geometry.shank)};
  links_[1] = {2.0 * masses.thigh, Eigen::Vector2d(0.0, geometry.thigh) + masses.thigh_com,
               Eigen::Vector2d(0.0, geometry.thigh)};
  set_front_legs(0.8, -1.6);
}

void SagittalBalance::set_front_legs(double hip, double knee) {
  // Everything above the rear hips, from the rear hip axis, trunk frame.
  const Eigen::Vector2d rear_hip(-geometry_.abad_x, 0.0), front_hip(geometry_.abad_x, 0.0);
  const Eigen::Vector2d knee_at = front_hip + turned(hip, Eigen::Vector2d(0.0, -geometry_.thigh));
  const std::pair<double, Eigen::Vector2d> parts[] = {
      {masses_.trunk, masses_.trunk_com},
      {2.0 * masses_.abad, rear_hip},
      {2.0 * masses_.abad, front_hip},
      {2.0 * masses_.thigh, front_hip + turned(hip, masses_.thigh_com)},
      {2.0 * masses_.shank, knee_at + turned(hip + knee, masses_.shank_com)},
  };
  double mass = 0.0;
  Eigen::Vector2d moment = Eigen::Vector2d::Zero();
  for (const auto& [part_mass, at] : parts) {
    mass += part_mass;
    moment += part_mass * (at - rear_hip);
  }
  links_[2] = {mass, moment / mass, Eigen::Vector2d::Zero()};
}

double SagittalBalance::com_ahead(const ChainAngles& a) const {
  Eigen::Vector2d base = Eigen::Vector2d::Zero(), moment = Eigen::Vector2d::Zero();
  double mass = 0.0;
  for (int i = 0; i < 3; ++i) {
    moment += links_[i].mass * (base + turned(a[i], links_[i].com));
    mass += links_[i].mass;
    base += turned(a[i], links_[i].reach);
  }
  return moment.x() / mass;
}

SagittalPose SagittalBalance::balanced_pose(double trunk, double shank, double com_from_feet,
                                            double thigh_guess) const {
  auto angles = [&](double thigh) { return ChainAngles(shank, thigh, trunk); };
  auto error = [&](double thigh) { return com_ahead(angles(thigh)) - com_from_feet; };
  // The thigh swings through the hips-above-knees half circle; the centre
  // of mass may pass the target more than once: take the crossing nearest
  // the guess, then refine it by bisection.
  constexpr double kScan = 0.02, kUpright = 0.5 * M_PI - 0.05;  // rad
  double best_low = thigh_guess, best_distance = 1e9;
  for (double thigh = -kUpright; thigh + kScan <= kUpright; thigh += kScan) {
    if ((error(thigh) > 0.0) == (error(thigh + kScan) > 0.0)) continue;
    const double distance = std::abs(thigh + 0.5 * kScan - thigh_guess);
    if (distance < best_distance) {
      best_distance = distance;
      best_low = thigh;
    }
  }
  double thigh = thigh_guess;
  if (best_distance < 1e9) {
    double low = best_low, high = best_low + kScan;
    const bool low_ahead = error(low) > 0.0;
    for (int iteration = 0; iteration < 40; ++iteration) {
      const double middle = 0.5 * (low + high);
      ((error(middle) > 0.0) == low_ahead ? low : high) = middle;
    }
    thigh = 0.5 * (low + high);
  }
  SagittalPose pose;
  pose.angles = angles(thigh);
  pose.hip = thigh - trunk;
  pose.knee = shank - thigh;
  // Gravity's generalised force on the thigh and trunk angles; the hip
  // holds the trunk, the knee the thigh and the trunk (the ground the shins).
  Eigen::Vector3d gravity = Eigen::Vector3d::Zero();
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j <= i; ++j) {
      const Eigen::Vector2d lever = j < i ? links_[j].reach : links_[i].com;
      gravity[j] += kGravity * links_[i].mass * turned_rate(pose.angles[j], lever).y();
    }
  pose.torque = Eigen::Vector2d(-(gravity[1] + gravity[2]), -gravity[2]);
  return pose;
}

}  // namespace locomotion
