#include "simarena/run/run_report.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "simarena/base/untrusted_text.h"
#include "simarena/base/version.h"

namespace simarena {

double body_tilt(const Match& match) {
  const double* rot = match.data()->xmat + 9 * match.world().base_body();
  return std::acos(std::clamp(rot[8], -1.0, 1.0));  // angle between body z and world z
}

FinalState final_state(const Match& match) {
  const World& world = match.world();
  const mjData* d = match.data();
  const double* pos = d->xpos + 3 * world.base_body();
  const double* quat = d->xquat + 4 * world.base_body();
  const SimarenaRobotData& rd = match.robot_data();
  FinalState f;
  f.time_s = match.time();
  f.ticks = match.ticks();
  f.base_position_m = {pos[0], pos[1], pos[2]};
  f.base_quat_wxyz = {quat[0], quat[1], quat[2], quat[3]};
  f.rpy_rad = {rd.rpy[0], rd.rpy[1], rd.rpy[2]};
  f.tilt_rad = body_tilt(match);
  f.upright = f.tilt_rad < 0.5;
  f.err_flag = match.err_flag();
  f.through_motor_sdk = match.through_motor_sdk();
  for (const MatchEvent& e : match.events())
    if (e.type == MatchEventType::err_bit_cleared && e.err_bit == 1) f.startup_err_bit_cleared = true;
  f.joint_q_rad.assign(rd.q, rd.q + world.robot().num_joints());
  return f;
}

nlohmann::json to_json(const FinalState& f) {
  return {{"time_s", f.time_s},
          {"base_position_m", f.base_position_m},
          {"base_quat_wxyz", f.base_quat_wxyz},
          {"rpy_rad", f.rpy_rad},
          {"trunk_height_m", f.base_position_m[2]},
          {"tilt_rad", f.tilt_rad},
          {"upright", f.upright},
          {"err_flag", f.err_flag},
          {"startup_err_bit_cleared", f.startup_err_bit_cleared},
          {"joint_q_rad", f.joint_q_rad}};
}

nlohmann::json run_report(const Match& match, const RunInfo& info) {
  using nlohmann::json;
  const World& world = match.world();
  const RobotSpec& robot = world.robot();
  json events = json::array();
  for (const MatchEvent& e : match.events())  // a detail may quote the controller's text
    events.push_back({{"t", e.time}, {"type", match_event_name(e.type)}, {"detail", untrusted_text(e.detail, 1000)}});
  const ControllerStats& s = match.controller_stats();
  return json{
      {"simarena_version", kSimarenaVersion},
      {"mujoco_version", mj_versionString()},
      {"robot", robot.name},
      {"robot_file", robot.file.string()},
      {"arena", world.arena_name()},
      {"controller",
       {{"name", untrusted_text(match.controller_name())},
        {"path", info.controller_path},
        {"params", info.controller_params}}},
      {"control_period_s", robot.control_period},
      {"physics_timestep_s", robot.physics_timestep},
      {"requested_duration_s", info.requested_duration},
      {"ticks", match.ticks()},
      {"final", to_json(final_state(match))},
      {"events", events},
      {"controller_stats",
       {{"calls", s.calls},
        {"sent", s.sent},
        {"skipped", s.skipped},
        {"rejected_non_finite", s.rejected},
        {"stopped_by_error", match.controller_stopped()},
        {"mean_step_us", s.calls ? 1e6 * s.total_seconds / static_cast<double>(s.calls) : 0.0},
        {"max_step_us", 1e6 * s.max_seconds},
        {"calls_over_control_period", s.over_period},
        {"note", "step times are wall-clock, informational, never scored"}}},
  };
}

}  // namespace simarena
