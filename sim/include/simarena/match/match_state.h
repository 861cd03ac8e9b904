// A complete snapshot of a Match: everything that affects the next tick,
// MuJoCo's solver warm start included, so a restored match continues bit for
// bit. The controller's own memory is not in it (a plugin is opaque); replays
// restore with the recorded commands instead.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "simarena/physics/protections.h"

namespace simarena {

struct MatchState {
  uint64_t ticks = 0;
  double physics_time = 0;
  std::vector<double> qpos, qvel, act, qacc_warmstart, sensordata, xfrc_applied;
  std::array<double, SIMARENA_MAX_JOINTS> joint_torque{};
  SimarenaMotorCmd command{};
  ProtectionsState protections;
  bool first_run = true;
  bool controller_stopped = false;
  uint64_t event_count = 0;
  std::array<double, 3> push_force{};  // the latest push, acting on ticks [start, end)
  uint64_t push_start_tick = 0, push_end_tick = 0;
};

}  // namespace simarena
