#include "simarena/physics/robot_data_reader.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace simarena {

void quat_to_rpy(const double q[4], double rpy[3]) {
  const double w = q[0], x = q[1], y = q[2], z = q[3];
  rpy[0] = std::atan2(2 * (w * x + y * z), 1 - 2 * (x * x + y * y));
  rpy[1] = std::asin(std::clamp(2 * (w * y - z * x), -1.0, 1.0));
  rpy[2] = std::atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z));
}

void RobotDataReader::start(const mjData* d) {
  double rpy[3];
  quat_to_rpy(d->sensordata + world_.quat_sensor_adr(), rpy);
  initial_yaw_ = rpy[2];
}

void RobotDataReader::read(const mjData* d, const double* joint_torque, SimarenaRobotData& out) const {
  const RobotSpec& robot = world_.robot();
  const auto& joints = world_.joints();
  for (size_t i = 0; i < joints.size(); ++i) {
    const int sign = robot.joints[i].sign;
    out.q[i] = static_cast<float>(sign * d->qpos[joints[i].qpos_adr]);
    out.qd[i] = static_cast<float>(sign * d->qvel[joints[i].dof_adr]);
    out.tau[i] = static_cast<float>(joint_torque[i]);
  }

  const double* quat = d->sensordata + world_.quat_sensor_adr();
  if (robot.imu.quaternion_order == QuatOrder::wxyz) {
    for (int i = 0; i < 4; ++i) out.quat[i] = static_cast<float>(quat[i]);
  } else {
    for (int i = 0; i < 3; ++i) out.quat[i] = static_cast<float>(quat[i + 1]);
    out.quat[3] = static_cast<float>(quat[0]);
  }

  double rpy[3];
  quat_to_rpy(quat, rpy);
  rpy[2] = std::remainder(rpy[2] - initial_yaw_, 2 * std::numbers::pi);
  for (int i = 0; i < 3; ++i) out.rpy[i] = static_cast<float>(rpy[i]);

  // MuJoCo's gyro and accelerometer report in the IMU site's frame; the
  // accelerometer measures specific force (+g up at rest), like a real IMU.
  const double* site_rot = d->site_xmat + 9 * world_.imu_site();
  auto write = [&](const double* local, VectorFrame frame, float* dst) {
    double v[3] = {local[0], local[1], local[2]};
    if (frame == VectorFrame::world) mju_mulMatVec(v, site_rot, local, 3, 3);
    for (int i = 0; i < 3; ++i) dst[i] = static_cast<float>(v[i]);
  };
  write(d->sensordata + world_.gyro_sensor_adr(), robot.imu.omega_frame, out.omega);
  write(d->sensordata + world_.accel_sensor_adr(), robot.imu.acc_frame, out.acc);
}

}  // namespace simarena
