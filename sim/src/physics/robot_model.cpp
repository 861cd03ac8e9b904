#include "simarena/physics/robot_model.h"

#include <mujoco/mujoco.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "simarena/base/input_error.h"
#include "simarena/physics/mujoco_handles.h"

namespace simarena {
namespace {

using Vec3 = std::array<double, 3>;

// The robot's MJCF compiled alone (World::build has already checked it).
ModelPtr compile(const RobotSpec& robot) {
  MujocoMessages quiet;
  char error[1024] = "";
  ModelPtr model;
  try {
    model.reset(mj_loadXML(robot.mjcf_path.string().c_str(), nullptr, error, sizeof(error)));
  } catch (const MujocoError& e) {
    throw InputError(robot.mjcf_path.string(), tr_noop("MuJoCo cannot compile the robot: %s"), e.what());
  }
  if (!model) throw InputError(robot.mjcf_path.string(), tr_noop("MuJoCo cannot compile the robot: %s"), error);
  return model;
}

// Every joint at 0 (quaternions at identity), base at the origin.
void zero_pose(const mjModel* m, mjData* d) {
  mju_zero(d->qpos, m->nq);
  for (int j = 0; j < m->njnt; ++j) {
    const int adr = m->jnt_qposadr[j];
    if (m->jnt_type[j] == mjJNT_FREE) d->qpos[adr + 3] = 1;
    if (m->jnt_type[j] == mjJNT_BALL) d->qpos[adr] = 1;
  }
  mj_kinematics(m, d);
  mj_comPos(m, d);
}

// Frames of the compiled model seen from the base body at the zero pose.
class BaseFrame {
 public:
  BaseFrame(const mjModel* m, const mjData* d, int base) : m_(m), d_(d), base_(base) {}

  // A direction given in world axes, in base axes.
  Vec3 direction(const mjtNum* world) const {
    Vec3 out;
    mju_mulMatTVec(out.data(), d_->xmat + 9 * base_, world, 3, 3);
    return out;
  }
  // A point given in world coordinates, from the base origin.
  Vec3 point(const mjtNum* world) const {
    mjtNum relative[3];
    mju_sub3(relative, world, d_->xpos + 3 * base_);
    return direction(relative);
  }
  // `local` (in body b's frame) minus `from` (too), in base axes: computed in
  // the body's own frame first, so offsets written in the MJCF stay exact.
  Vec3 offset_in_body(int b, const mjtNum* local, const mjtNum* from) const {
    mjtNum difference[3], world[3];
    mju_sub3(difference, local, from);
    mju_rotVecMat(world, difference, d_->xmat + 9 * b);
    return direction(world);
  }
  // Inside body `parent`: where child joint `child`'s axis point sits, from
  // parent joint `parent_joint`'s, in base axes.
  Vec3 joint_offset(int parent_joint, int child) const {
    const int body = m_->jnt_bodyid[child];
    mjtNum in_parent[3];
    mju_rotVecQuat(in_parent, m_->jnt_pos + 3 * child, m_->body_quat + 4 * body);
    mju_addTo3(in_parent, m_->body_pos + 3 * body);
    return offset_in_body(m_->body_parentid[body], in_parent, m_->jnt_pos + 3 * parent_joint);
  }

 private:
  const mjModel* m_;
  const mjData* d_;
  int base_;
};

void copy3(const Vec3& from, double* to) { std::copy(from.begin(), from.end(), to); }

// The whole subtree of `base` as one rigid body, from the MJCF's inertials.
void fill_rigid_body(const mjModel* m, const mjData* d, int base, const BaseFrame& frame, SimarenaRobotModel& out) {
  out.mass = m->body_subtreemass[base];
  copy3(frame.point(d->subtree_com + 3 * base), out.centre_of_mass);
  mjtNum inertia[9] = {};
  for (int b = base; b < m->nbody; ++b) {
    int ancestor = b;
    while (ancestor > base) ancestor = m->body_parentid[ancestor];
    if (ancestor != base) continue;
    // R diag(I) R^T plus the parallel-axis term about the subtree's centre of mass.
    const mjtNum* r = d->ximat + 9 * b;
    const mjtNum* diagonal = m->body_inertia + 3 * b;
    mjtNum arm[3];
    mju_sub3(arm, d->xipos + 3 * b, d->subtree_com + 3 * base);
    const mjtNum mass = m->body_mass[b];
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) {
        mjtNum sum = 0;
        for (int k = 0; k < 3; ++k) sum += r[3 * i + k] * diagonal[k] * r[3 * j + k];
        inertia[3 * i + j] += sum + mass * ((i == j ? mju_dot3(arm, arm) : 0) - arm[i] * arm[j]);
      }
  }
  // To base axes: R_base^T I R_base.
  const mjtNum* r = d->xmat + 9 * base;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      mjtNum sum = 0;
      for (int k = 0; k < 3; ++k)
        for (int l = 0; l < 3; ++l) sum += r[3 * k + i] * inertia[3 * k + l] * r[3 * l + j];
      out.inertia[3 * i + j] = sum;
    }
}

}  // namespace

SimarenaRobotModel robot_model(const RobotSpec& robot) {
  SimarenaRobotModel out{};
  out.struct_size = sizeof(out);
  out.num_joints = robot.num_joints();
  const ModelPtr model = compile(robot);
  const mjModel* m = model.get();
  const DataPtr data(mj_makeData(m));
  if (!data) throw std::runtime_error("MuJoCo could not allocate simulation data");
  zero_pose(m, data.get());
  const mjData* d = data.get();
  const std::string yaml = robot.file.string();
  const int base = mj_name2id(m, mjOBJ_BODY, robot.base_body.c_str());
  if (base < 0) throw InputError(yaml, tr_noop("base_body '%s' is not a body of the MJCF"), robot.base_body);
  const BaseFrame frame(m, d, base);

  std::vector<int> mjcf_joint(robot.joints.size());
  for (size_t i = 0; i < robot.joints.size(); ++i) {
    const JointSpec& js = robot.joints[i];
    const int id = mj_name2id(m, mjOBJ_JOINT, js.mjcf_joint.c_str());
    if (id < 0) throw InputError(yaml, js.line, 0, tr_noop("joint '%s' is not in the MJCF"), js.mjcf_joint);
    mjcf_joint[i] = id;
    SimarenaJointModel& j = out.joints[i];
    j.range_min = js.range_min;
    j.range_max = js.range_max;
    j.torque_limit = js.motor.torque_limit;
    j.full_torque_speed = js.motor.full_torque_speed;
    j.zero_torque_speed = js.motor.zero_torque_speed;
    j.kp_max = js.motor.kp_max;
    j.kd_max = js.motor.kd_max;
    Vec3 axis = frame.direction(d->xaxis + 3 * id);
    for (double& a : axis) a *= js.sign;
    copy3(axis, j.axis);
  }
  if (robot.legs.legs.empty()) return out;

  const LegsSpec& legs = robot.legs;
  out.num_legs = static_cast<int32_t>(legs.legs.size());
  for (size_t l = 0; l < legs.legs.size(); ++l) {
    const LegSpec& leg = legs.legs[l];
    SimarenaLegModel& lm = out.legs[l];
    std::array<int, 3> ids{};
    for (int k = 0; k < 3; ++k) {
      lm.joints[k] = leg.joints[k];
      ids[k] = mjcf_joint[leg.joints[k]];
    }
    const auto body = [&](int k) { return m->jnt_bodyid[ids[k]]; };
    for (int k = 1; k < 3; ++k)
      if (m->body_parentid[body(k)] != body(k - 1) || m->jnt_type[ids[k]] != mjJNT_HINGE)
        throw InputError(yaml, leg.line, 0,
                         tr_noop("leg %s: joint '%s' must be a hinge on a child body of the body of '%s' (a leg is "
                                 "a chain of three bodies: abad, hip, knee)"),
                         leg.name, robot.joints[leg.joints[k]].name, robot.joints[leg.joints[k - 1]].name);
    const int foot = mj_name2id(m, mjOBJ_GEOM, leg.foot.c_str());
    if (foot < 0 || m->geom_bodyid[foot] != body(2) || m->geom_type[foot] != mjGEOM_SPHERE)
      throw InputError(yaml, leg.line, 0,
                       tr_noop("leg %s: foot '%s' must be a sphere geom of the MJCF on the knee joint's body"),
                       leg.name, leg.foot);
    mjtNum abad_world[3];
    mju_copy3(abad_world, d->xanchor + 3 * ids[0]);
    copy3(frame.point(abad_world), lm.abad_origin);
    copy3(frame.joint_offset(ids[0], ids[1]), lm.hip_from_abad);
    copy3(frame.joint_offset(ids[1], ids[2]), lm.knee_from_hip);
    copy3(frame.offset_in_body(body(2), m->geom_pos + 3 * foot, m->jnt_pos + 3 * ids[2]), lm.foot_from_knee);
    lm.foot_radius = m->geom_size[3 * foot];
  }
  out.standing_height = legs.standing_height;
  out.body_height_range[0] = legs.body_height_range[0];
  out.body_height_range[1] = legs.body_height_range[1];
  if (legs.rigid_body) {
    out.mass = legs.rigid_body->mass;
    std::copy(legs.rigid_body->centre_of_mass.begin(), legs.rigid_body->centre_of_mass.end(), out.centre_of_mass);
    for (int i = 0; i < 3; ++i) out.inertia[4 * i] = legs.rigid_body->inertia[i];
  } else {
    fill_rigid_body(m, d, base, frame, out);
  }
  return out;
}

}  // namespace simarena
