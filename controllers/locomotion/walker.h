// One control period of walking: estimate the trunk state, advance the gait,
// ask the trunk (a single rigid body) for the force and torque that track the
// command, split them among the stance feet by quadratic programming, place
// the swing feet (Raibert), and map both to motor commands (J^T for stance
// forces, joint PD along the swing path).
#pragma once

#include <simarena/controller.h>

#include <array>
#include <optional>

#include "body_state_estimator.h"
#include "convex_mpc.h"
#include "foothold_selection.h"
#include "gait_schedule.h"
#include "leg_kinematics.h"
#include "locomotion_command.h"
#include "locomotion_params.h"
#include "robot_geometry.h"
#include "stance_forces.h"
#include "swing_path.h"
#include "terrain_slope.h"

namespace locomotion {

using trot::BodyState;
using trot::JointAngles;
using trot::LegGeometry;

class Walker {
 public:
  Walker(const LocomotionParams& params, LegGeometry geometry, RigidBody body = {},
         const TorqueLimits& torque_limits = kCyberDog2TorqueLimits);

  // Joint angles with the feet under the hips at `body_height`.
  std::array<JointAngles, kLegs> stance_pose(double body_height) const;

  // The course information of this period: in assisted events, the height
  // map the swing feet choose their footholds on.
  void see_course(const SimarenaCourseInfo& info) { footholds_.update(info); }

  // One period; `command` is already limited to its gait and ramped.
  void step(const SimarenaRobotData& data, const LocomotionCommand& command, double dt, SimarenaMotorCmd& cmd);

  const BodyState& state() const { return estimator_.state(); }
  // Sideways drift from the start line (left positive), dead-reckoned, m.
  double lane_offset() const;
  const StanceForces& forces() const { return forces_; }
  const MpcSolution& mpc() const { return mpc_; }
  // Which feet are down and the gait timing in force (a new gait starts when the cycle wraps).
  const GaitSchedule& gait() const { return gait_; }
  // How many times each leg has lifted off since the walker began (the robot's step counters).
  const std::array<int, kLegs>& lift_offs() const { return lift_offs_; }

 private:
  // Where a foot stands under the trunk (trunk frame, z = 0): under the hip,
  // or `foot_width` from the centre line when a narrow track asks for it.
  Eigen::Vector3d neutral_foot(int leg) const;
  Eigen::Matrix<double, 6, 1> wanted_wrench(const BodyState& s, const LocomotionCommand& command,
                                            const Eigen::Matrix3d& heading, double dt);
  // Stance forces from the convex MPC, solved again at each horizon step.
  // Returns false when the plan does not cover the feet on the ground now
  // (a gait change mid-plan): then the instantaneous QP decides.
  bool plan_forces(const BodyState& s, const LocomotionCommand& command, const Eigen::Matrix3d& heading,
                   const Eigen::Matrix3d& tilt, const std::array<bool, kLegs>& stance);
  // Ground height under the stance feet, heading frame relative to the trunk, m.
  double stance_ground(const std::array<Eigen::Vector3d, kLegs>& feet, const std::array<bool, kLegs>& stance,
                       const LocomotionCommand& command) const;
  Eigen::Vector3d touchdown_target(int leg, const Eigen::Matrix3d& tilt, const Eigen::Vector2d& velocity,
                                   const LocomotionCommand& command, FootholdSide* moved_to = nullptr) const;

  LocomotionParams params_;
  LegGeometry geometry_;
  RigidBody body_;
  TorqueLimits torque_limits_;
  Eigen::Vector2d max_step_reach_;  // m: touchdown at most this far from the neutral point (x, y)
  GaitSchedule gait_;
  trot::BodyStateEstimator estimator_;
  trot::TerrainSlope terrain_;
  StanceForces forces_;
  MpcSolution mpc_;
  FootholdSelector footholds_;
  int ticks_since_plan_ = 0;
  int mpc_segment_ = -1;                   // horizon step of the cycle the last MPC solution started at
  std::array<bool, kLegs> mpc_contact_{};  // the feet that solution had on the ground first
  bool started_ = false;
  double start_yaw_ = 0.0, yaw_target_ = 0.0, pitch_target_ = 0.0;
  Eigen::Vector2d odometry_ = Eigen::Vector2d::Zero();           // world xy from the start, m
  Eigen::Vector2d velocity_integral_ = Eigen::Vector2d::Zero();  // heading frame, m/s²
  std::array<bool, kLegs> in_swing_{};
  std::array<FootholdSide, kLegs> foothold_side_{};  // where this swing's foothold was moved, if it was
  std::array<int, kLegs> lift_offs_{};
  std::array<Eigen::Vector3d, kLegs> lift_off_{};       // heading frame, relative to the trunk
  std::array<Eigen::Vector3d, kLegs> swing_target_{};   // last swing target, same frame
  std::array<const SwingShape*, kLegs> swing_shape_{};  // chosen at lift-off (from a hole: rise first)
  std::array<bool, kLegs> landed_{};                    // the foot has landed from a swing (its aim is known)
  std::array<double, kLegs> sank_{};
  double hole_caution_ =
      0.0;  // s left at `hole_speed`  // m the foot went below its swing's aim during its last stance
  std::array<bool, kLegs> stumbled_{};
  std::array<std::optional<Eigen::Vector3d>, kLegs> stand_anchor_{};  // where each foot stood when the stand began
  std::array<double, kLegs> stumble_lift_{};                          // m, rising to stumble_height once stumbled
  // Stumble reflex: a swing foot held back while it should move forward has
  // hit a riser or a bar; it lifts `stumble_height` higher for the rest of
  // the swing. Returns the extra height now, m.
  double stumble_lift(int leg, const Eigen::Vector3d& foot, const Eigen::Vector3d& land, double progress,
                      double dt);  // heading frame, relative to the trunk
};

}  // namespace locomotion
