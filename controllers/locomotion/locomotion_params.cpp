#include "locomotion_params.h"

#include <simarena/params.hpp>

namespace locomotion {

LocomotionParams parse_locomotion_params(const std::string& text, const BodyHeights& heights) {
  simarena::Params p(text);
  LocomotionParams t;
  LocomotionCommand& c = t.command;
  c.gait = gait_from_number(p.number("gait", static_cast<int>(c.gait)));
  // The command is clamped to the gait's caps later; these are sanity ranges.
  c.forward_speed = p.number("vx", kDefaultForwardSpeed, -2.0, 2.0);
  c.lateral_speed = p.number("vy", c.lateral_speed, -1.0, 1.0);
  c.yaw_rate = p.number("yaw_rate", c.yaw_rate, -3.0, 3.0);
  // The stair trot crouches unless told a height: at the standing height a
  // leg reaches only about 6 cm below its swing's aim, less than a stair step.
  // So does the probe crawl, whose feet feel for ground below their aim.
  const bool crawl = c.gait == GaitId::kProbeCrawl;
  const double default_height = c.gait == GaitId::kStairTrot || crawl ? heights.stairs() : heights.standing;
  c.body_height = p.number("body_height", default_height, heights.min, heights.max);
  c.step_height =
      p.number("step_height", crawl ? t.crawl.probe.step_height : c.step_height, kMinStepHeight, kMaxStepHeight);
  t.crawl.probe.step_height = c.step_height;
  CrawlParams& crawl_params = t.crawl;
  crawl_params.step = p.number("crawl_step", crawl_params.step, 0.0, 0.2);
  crawl_params.margin = p.number("crawl_margin", crawl_params.margin, 0.0, 0.1);
  crawl_params.reach_back = p.number("crawl_reach_back", crawl_params.reach_back, 0.0, 0.25);
  crawl_params.probe.probe_depth = p.number("probe_depth", crawl_params.probe.probe_depth, 0.01, 0.15);
  crawl_params.probe.probe_speed = p.number("probe_speed", crawl_params.probe.probe_speed, 0.02, 1.0);
  crawl_params.probe.swing_speed = p.number("crawl_swing_speed", crawl_params.probe.swing_speed, 0.1, 3.0);
  t.acceleration = p.number("accel", t.acceleration, 0.1, 5.0);
  t.yaw_acceleration = p.number("yaw_accel", t.yaw_acceleration, 0.1, 20.0);
  t.lane_gain = p.number("lane_gain", t.lane_gain, 0.0, 5.0);
  t.steer_gain = p.number("steer_gain", t.steer_gain, 0.0, 10.0);
  t.max_steer_rate = p.number("max_steer_rate", t.max_steer_rate, 0.0, 2.5);
  t.head_room = p.number("head_room", t.head_room, 0.0, 1.0);
  t.period = p.number("period", t.period, 0.0, 1.0);
  if (t.period != 0.0 && t.period < 0.15) p.number("period", 0, 0.15, 1.0);  // names the range
  t.duty = p.number("duty", t.duty, 0.0, 0.8);
  if (t.duty != 0.0 && t.duty < 0.3) p.number("duty", 0, 0.3, 0.8);
  t.raibert_gain = p.number("raibert_gain", t.raibert_gain, 0.0, 0.5);
  t.touchdown_depth = p.number("touchdown_depth", t.touchdown_depth, 0.0, 0.05);
  t.foot_width = p.number("foot_width", t.foot_width, 0.0, 0.2);
  t.stumble_height = p.number("stumble_height", t.stumble_height, 0.0, 0.1);
  t.descent_speed = p.number("descent_speed", t.descent_speed, 0.1, 2.0);
  t.hole_speed = p.number("hole_speed", t.hole_speed, 0.1, 2.0);
  t.slope_follow = p.number("slope_follow", t.slope_follow, 0.0, 1.0);
  t.max_body_pitch = p.number("max_body_pitch", t.max_body_pitch, 0.0, 0.6);
  t.stand_time = p.number("stand_time", t.stand_time, 0.3, 10.0);
  t.settle_time = p.number("settle_time", t.settle_time, 0.0, 10.0);
  t.kp_swing = p.number("kp_swing", t.kp_swing, 0.0, 200.0);
  t.kd_swing = p.number("kd_swing", t.kd_swing, 0.0, 10.0);
  t.kd_stance = p.number("kd_stance", t.kd_stance, 0.0, 10.0);
  t.kp_stand = p.number("kp_stand", t.kp_stand, 0.0, 200.0);
  t.kd_stand = p.number("kd_stand", t.kd_stand, 0.0, 10.0);
  t.velocity_blend = p.number("velocity_blend", t.velocity_blend, 0.001, 1.0);
  t.slip_gate = p.number("slip_gate", t.slip_gate, 0.0, 5.0);
  t.mpc = p.number("mpc", t.mpc ? 1 : 0, 0, 1) != 0;
  t.mpc_every = static_cast<int>(p.number("mpc_every", t.mpc_every, 0, 100));
  MpcState& w = t.mpc_weights.state;
  w(0) = w(1) = p.number("mpc_attitude", w(0), 0.0, 1000.0);
  w(2) = p.number("mpc_yaw", w(2), 0.0, 1000.0);
  w(3) = w(4) = p.number("mpc_position", w(3), 0.0, 1000.0);
  w(5) = p.number("mpc_height", w(5), 0.0, 1000.0);
  w(6) = w(7) = p.number("mpc_roll_rate", w(6), 0.0, 1000.0);
  w(8) = p.number("mpc_yaw_rate", w(8), 0.0, 1000.0);
  w(9) = w(10) = p.number("mpc_velocity", w(9), 0.0, 1000.0);
  w(11) = p.number("mpc_climb_rate", w(11), 0.0, 1000.0);
  t.mpc_weights.force = p.number("mpc_force", t.mpc_weights.force, 1e-7, 1e-2);
  BalanceGains& b = t.balance;
  b.height_kp = p.number("height_kp", b.height_kp, 0.0, 2000.0);
  b.height_kd = p.number("height_kd", b.height_kd, 0.0, 200.0);
  b.velocity_kp = p.number("velocity_kp", b.velocity_kp, 0.0, 50.0);
  b.velocity_ki = p.number("velocity_ki", b.velocity_ki, 0.0, 100.0);
  b.velocity_integral_limit = p.number("velocity_integral_limit", b.velocity_integral_limit, 0.0, 10.0);
  b.velocity_overshoot = p.number("velocity_overshoot", b.velocity_overshoot, 0.0, 2.0);
  b.attitude_kp = p.number("attitude_kp", b.attitude_kp, 0.0, 3000.0);
  b.attitude_kd = p.number("attitude_kd", b.attitude_kd, 0.0, 300.0);
  b.yaw_kp = p.number("yaw_kp", b.yaw_kp, 0.0, 1000.0);
  b.yaw_kd = p.number("yaw_kd", b.yaw_kd, 0.0, 100.0);
  t.forces.friction = p.number("friction", t.forces.friction, 0.1, 2.0);
  t.forces.max_normal = p.number("max_force", t.forces.max_normal, 20.0, 300.0);
  FootholdParams& f = t.foothold;
  f.enabled = p.number("foothold", f.enabled ? 1 : 0, 0, 1) != 0;
  f.search_radius = p.number("foothold_radius", f.search_radius, 0.0, 0.3);
  f.edge_margin = p.number("foothold_margin", f.edge_margin, 0.0, 0.1);
  f.flatness = p.number("foothold_flatness", f.flatness, 0.001, 0.1);
  f.max_drop = p.number("foothold_drop", f.max_drop, 0.0, 0.3);
  f.max_rise = p.number("foothold_rise", f.max_rise, 0.0, 0.3);
  f.careful_speed = p.number("foothold_speed", f.careful_speed, 0.1, 2.0);
  f.lookahead = p.number("foothold_lookahead", f.lookahead, 0.0, 0.7);
  p.finish();
  return t;
}

}  // namespace locomotion
