#include "simarena/world.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "simarena/input_error.h"

namespace simarena {
namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), "cannot open file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

int sensor_adr(const mjModel* m, const RobotSpec& robot, const std::string& name, mjtSensor type, const char* what) {
  const int id = mj_name2id(m, mjOBJ_SENSOR, name.c_str());
  if (id < 0)
    throw InputError(robot.file.string(), "imu." + std::string(what) + " names sensor '" + name + "', which " +
                                              robot.mjcf_path.filename().string() + " does not define");
  if (m->sensor_type[id] != type)
    throw InputError(robot.file.string(), "sensor '" + name + "' has the wrong type for imu." + what);
  return m->sensor_adr[id];
}

}  // namespace

std::shared_ptr<const World> World::build(const RobotSpec& robot, const ArenaMjcf& arena) {
  std::shared_ptr<World> world(new World());
  world->robot_ = robot;
  world->arena_name_ = arena.name;
  world->start_ = arena.start;

  const std::string robot_file = robot.mjcf_path.filename().string();
  std::ostringstream xml;
  xml << "<mujoco model=\"" << robot.name << " on " << arena.name << "\">\n"
      << "  <include file=\"" << robot_file << "\"/>\n"
      << "  <visual><headlight ambient=\"0.3 0.3 0.3\"/><map znear=\"0.01\"/>"
         "<quality shadowsize=\"4096\"/></visual>\n"
      << "  <asset>" << arena.asset << "\n  </asset>\n"
      << "  <worldbody>" << arena.worldbody << "\n  </worldbody>\n"
      << "</mujoco>\n";
  world->world_xml_ = xml.str();

  VirtualFiles files;
  files.add(robot_file, read_text(robot.mjcf_path));
  files.add("simarena_world.xml", world->world_xml_);
  char error[1024] = "";
  world->model_.reset(mj_loadXML("simarena_world.xml", files.get(), error, sizeof(error)));
  if (!world->model_)
    throw InputError(robot.mjcf_path.string(), std::string("MuJoCo cannot compile the world: ") + error);

  mjModel* m = world->model_.get();
  for (const HeightFieldData& field : arena.heightfields) {
    const int id = mj_name2id(m, mjOBJ_HFIELD, field.name.c_str());
    if (id < 0 || m->hfield_nrow[id] != field.nrow || m->hfield_ncol[id] != field.ncol ||
        field.elevation.size() != static_cast<size_t>(field.nrow) * field.ncol)
      throw InputError(arena.name, "heightfield '" + field.name + "' does not match the arena's <hfield> declaration");
    std::copy(field.elevation.begin(), field.elevation.end(), m->hfield_data + m->hfield_adr[id]);
  }
  // Timing and integration are the simulator's contract, not the MJCF's:
  // implicit integration keeps kd up to the motor's maximum stable at 1 ms.
  m->opt.timestep = robot.physics_timestep;
  m->opt.integrator = mjINT_IMPLICIT;
  for (int i = 0; i < m->nsensor; ++i) m->sensor_noise[i] = 0;  // noise only from the match's seeded generator

  const std::string where = robot.file.string();
  const std::string mjcf_name = robot.mjcf_path.filename().string();
  world->base_body_ = mj_name2id(m, mjOBJ_BODY, robot.base_body.c_str());
  if (world->base_body_ < 0)
    throw InputError(where, "base_body '" + robot.base_body + "' is not a body in " + mjcf_name);
  const int base_joint = m->body_jntadr[world->base_body_];
  if (base_joint < 0 || m->jnt_type[base_joint] != mjJNT_FREE)
    throw InputError(where, "base_body '" + robot.base_body + "' needs a free joint (<freejoint/>) in " + mjcf_name);
  world->base_qpos_adr_ = m->jnt_qposadr[base_joint];
  world->base_dof_adr_ = m->jnt_dofadr[base_joint];

  for (const JointSpec& js : robot.joints) {
    JointBinding b;
    const int jid = mj_name2id(m, mjOBJ_JOINT, js.mjcf_joint.c_str());
    if (jid < 0) throw InputError(where, "joint " + js.name + ": no joint '" + js.mjcf_joint + "' in " + mjcf_name);
    if (m->jnt_type[jid] != mjJNT_HINGE) throw InputError(where, "joint '" + js.mjcf_joint + "' must be a hinge");
    b.qpos_adr = m->jnt_qposadr[jid];
    b.dof_adr = m->jnt_dofadr[jid];
    b.actuator = mj_name2id(m, mjOBJ_ACTUATOR, js.actuator.c_str());
    if (b.actuator < 0)
      throw InputError(where, "joint " + js.name + ": no actuator '" + js.actuator + "' in " + mjcf_name);
    if (m->actuator_trntype[b.actuator] != mjTRN_JOINT || m->actuator_trnid[2 * b.actuator] != jid ||
        m->actuator_biastype[b.actuator] != mjBIAS_AFFINE || m->actuator_gaintype[b.actuator] != mjGAIN_FIXED ||
        m->actuator_gear[6 * b.actuator] != 1.0)
      throw InputError(where, "actuator '" + js.actuator + "' must be <general joint=\"" + js.mjcf_joint +
                                  "\" gaintype=\"fixed\" gainprm=\"1\" biastype=\"affine\"> with gear 1");
    // The motor model applies all limits itself.
    m->actuator_ctrllimited[b.actuator] = 0;
    m->actuator_forcelimited[b.actuator] = 0;
    m->actuator_gainprm[mjNGAIN * b.actuator] = 1;
    world->joints_.push_back(b);
  }

  world->imu_site_ = mj_name2id(m, mjOBJ_SITE, robot.imu.site.c_str());
  if (world->imu_site_ < 0) throw InputError(where, "imu.site '" + robot.imu.site + "' is not a site in " + mjcf_name);
  world->quat_adr_ = sensor_adr(m, robot, robot.imu.quat_sensor, mjSENS_FRAMEQUAT, "quat_sensor");
  world->gyro_adr_ = sensor_adr(m, robot, robot.imu.gyro_sensor, mjSENS_GYRO, "gyro_sensor");
  world->accel_adr_ = sensor_adr(m, robot, robot.imu.accel_sensor, mjSENS_ACCELEROMETER, "accel_sensor");
  return world;
}

void World::reset(mjData* d) const {
  const mjModel* m = model_.get();
  mj_resetData(m, d);
  const InitialPose& pose = robot_.initial_pose;
  // The robot's initial pose, turned by the arena's start yaw and moved to its start point.
  const double c = std::cos(start_.yaw), s = std::sin(start_.yaw);
  const double* p = pose.base_position.data();
  d->qpos[base_qpos_adr_ + 0] = start_.x + c * p[0] - s * p[1];
  d->qpos[base_qpos_adr_ + 1] = start_.y + s * p[0] + c * p[1];
  d->qpos[base_qpos_adr_ + 2] = start_.z + p[2];
  const mjtNum yaw_quat[4] = {std::cos(start_.yaw / 2), 0, 0, std::sin(start_.yaw / 2)};
  mjtNum quat[4];
  for (int i = 0; i < 4; ++i) quat[i] = pose.base_quat_wxyz[i];
  mju_normalize4(quat);
  mju_mulQuat(d->qpos + base_qpos_adr_ + 3, yaw_quat, quat);
  for (size_t i = 0; i < joints_.size(); ++i) d->qpos[joints_[i].qpos_adr] = robot_.joints[i].sign * pose.joints[i];
  mj_forward(m, d);
}

}  // namespace simarena
