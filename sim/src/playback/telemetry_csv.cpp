#include "simarena/playback/telemetry_csv.h"

#include <cstdio>
#include <fstream>
#include <memory>

#include "simarena/playback/replay_verify.h"
#include "simarena/track/referee_event.h"
#include "simarena/track/rules.h"

namespace simarena {
namespace {

const char* outcome_name(replay::TickRecord::Outcome o) {
  switch (o) {
    case replay::TickRecord::Outcome::sent:
      return "sent";
    case replay::TickRecord::Outcome::skipped:
      return "skipped";
    case replay::TickRecord::Outcome::error:
      return "error";
  }
  return "?";
}

// CSV field: quoted when it holds a comma, quote or newline.
std::string field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

uint64_t export_telemetry_csv(const Replay& replay, const SearchPaths& paths, const std::filesystem::path& path) {
  ReplaySimulation sim = replay_simulation(replay, paths);
  Match& match = sim.match();
  const RobotSpec& robot = sim.world->robot();
  const int n = robot.num_joints();
  const int base_q = sim.world->base_qpos_adr();
  const int base_v = sim.world->base_dof_adr();

  std::ofstream out(path);
  if (!out) throw std::runtime_error(path.string() + ": cannot write (does the folder exist?)");
  out << "tick,t,controller,err_flag,ctrl_topic_interval_ms,base_x,base_y,base_z,base_qw,base_qx,base_qy,base_qz,"
         "base_vx,base_vy,base_vz,base_wx_body,base_wy_body,base_wz_body,roll,pitch,yaw,acc_x,acc_y,acc_z,"
         "omega_x,omega_y,omega_z";
  for (const char* prefix : {"q_", "qd_", "tau_", "cmd_q_des_", "cmd_qd_des_", "cmd_kp_", "cmd_kd_", "cmd_tau_des_",
                             "exec_q_des_", "exec_kp_", "exec_kd_", "exec_tau_des_"})
    for (const JointSpec& j : robot.joints) out << ',' << prefix << j.name;
  // A course scored by points: the run's points so far (the score sheet's sum, event by event).
  const bool by_points = sim.referee() && sim.referee()->referee().rules().ranking == Ranking::points;
  if (by_points) out << ",points";
  out << ",events\n";

  char number[32];
  auto put = [&](double v) {
    std::snprintf(number, sizeof(number), ",%.9g", v);
    out << number;
  };
  size_t events_seen = 0, referee_events_seen = 0;
  double points = 0;
  uint64_t rows = 0;
  for (const replay::TickRecord& record : replay.ticks) {
    const mjData* d = match.data();
    double base[13];
    for (int i = 0; i < 7; ++i) base[i] = d->qpos[base_q + i];
    for (int i = 0; i < 6; ++i) base[7 + i] = d->qvel[base_v + i];
    const double t = match.time();
    sim.tick(record);
    const SimarenaRobotData& rd = match.robot_data();
    out << record.tick;
    put(t);
    out << ',' << outcome_name(record.outcome) << ',' << rd.err_flag;
    put(rd.ctrl_topic_interval);
    for (double v : base) put(v);
    for (float v : rd.rpy) put(v);
    for (float v : rd.acc) put(v);
    for (float v : rd.omega) put(v);
    for (const float* values : {rd.q, rd.qd, rd.tau})
      for (int i = 0; i < n; ++i) put(values[i]);
    const SimarenaMotorCmd& c = record.command;
    const bool sent = record.outcome == replay::TickRecord::Outcome::sent;
    for (const float* values : {c.q_des, c.qd_des, c.kp_des, c.kd_des, c.tau_des})
      for (int i = 0; i < n; ++i) {
        if (sent)
          put(values[i]);
        else
          out << ',';
      }
    const auto& exec = match.executed_command();
    for (int i = 0; i < n; ++i) put(exec[i].q_des);
    for (int i = 0; i < n; ++i) put(exec[i].kp);
    for (int i = 0; i < n; ++i) put(exec[i].kd);
    for (int i = 0; i < n; ++i) put(exec[i].tau_des);
    if (by_points) {
      const std::vector<RefereeEvent>& judged = sim.referee()->referee().events();
      for (; referee_events_seen < judged.size(); ++referee_events_seen)
        if (carries_points(judged[referee_events_seen])) points += judged[referee_events_seen].points;
      put(points);
    }
    std::string events;
    for (; events_seen < match.events().size(); ++events_seen) {
      const MatchEvent& e = match.events()[events_seen];
      events += (events.empty() ? "" : "; ") + std::string(match_event_name(e.type)) + ": " + e.detail;
    }
    out << ',' << field(events) << '\n';
    ++rows;
  }
  if (!out) throw std::runtime_error(path.string() + ": write failed (disk full?)");
  return rows;
}

}  // namespace simarena
