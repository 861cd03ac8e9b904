#include "simarena/physics/body_state.h"

#include "simarena/physics/world.h"

namespace simarena {

BodyState read_body_state(const World& world, const mjData* d) {
  BodyState body;
  const mjtNum* pos = d->xpos + 3 * world.base_body();
  const mjtNum* rot = d->xmat + 9 * world.base_body();
  const mjtNum* vel = d->qvel + world.base_dof_adr();  // free joint: world-frame linear velocity first
  for (int i = 0; i < 3; ++i) {
    body.position[i] = pos[i];
    body.velocity_world[i] = vel[i];
  }
  mju_mulMatTVec(body.velocity_body, rot, body.velocity_world, 3, 3);
  for (int i = 0; i < 3; ++i) {
    body.omega_body[i] = d->sensordata[world.gyro_sensor_adr() + i];
    body.acc_body[i] = d->sensordata[world.accel_sensor_adr() + i];
  }
  return body;
}

}  // namespace simarena
