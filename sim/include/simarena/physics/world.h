// A World is one robot on one arena, compiled once into an mjModel and
// immutable afterwards, so any number of matches can share it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "simarena/physics/mujoco_handles.h"
#include "simarena/physics/robot_spec.h"
#include "simarena/physics/scene_mjcf.h"

namespace simarena {

// Where one API joint lives in the compiled model.
struct JointBinding {
  int qpos_adr = -1;
  int dof_adr = -1;
  int actuator = -1;
};

class World {
 public:
  // Assembles robot and arena into one MJCF in memory and compiles it.
  // The robot's MJCF is compiled alone first, so MuJoCo's complaints about
  // it carry its own file:line:column; NaN/infinite numbers, absurd masses
  // and a model that blows up within 0.1 s with its motors off are refused.
  // Throws InputError naming the robot's MJCF, robot.yaml (a name it gives
  // that the MJCF lacks) or the track file (its generated XML), with a line
  // where one is known. MuJoCo never prints, reads stdin or writes a log.
  static std::shared_ptr<const World> build(const RobotSpec& robot, const SceneMjcf& arena);

  const mjModel* model() const { return model_.get(); }
  const RobotSpec& robot() const { return robot_; }
  const std::string& arena_name() const { return arena_name_; }
  uint64_t arena_seed() const { return arena_seed_; }  // SceneMjcf::seed
  const SceneStart& start() const { return start_; }
  const std::string& world_xml() const { return world_xml_; }
  const std::vector<JointBinding>& joints() const { return joints_; }
  int base_body() const { return base_body_; }
  int base_qpos_adr() const { return base_qpos_adr_; }
  int base_dof_adr() const { return base_dof_adr_; }
  int imu_site() const { return imu_site_; }
  int quat_sensor_adr() const { return quat_adr_; }
  int gyro_sensor_adr() const { return gyro_adr_; }
  int accel_sensor_adr() const { return accel_adr_; }

  // Puts `d` in the robot's initial pose at time 0 and computes everything
  // the first control tick reads (including the accelerometer).
  void reset(mjData* d) const;
  // Puts the robot alone (not the arena's objects) in its initial pose at
  // (x, y) on a surface `ground` m high, turned to `yaw`, at rest, and
  // recomputes what the next tick reads: how a referee lays it down again.
  void place_robot(mjData* d, double x, double y, double ground, double yaw) const;

 private:
  World() = default;

  RobotSpec robot_;
  std::string arena_name_;
  uint64_t arena_seed_ = 0;
  SceneStart start_;
  std::string world_xml_;
  ModelPtr model_;
  std::vector<JointBinding> joints_;
  int base_body_ = -1, base_qpos_adr_ = -1, base_dof_adr_ = -1, imu_site_ = -1;
  int quat_adr_ = -1, gyro_adr_ = -1, accel_adr_ = -1;
};

}  // namespace simarena
