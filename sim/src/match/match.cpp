#include "simarena/match/match.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

#define XXH_STATIC_LINKING_ONLY  // XXH3_state_t on the stack: no allocation per tick
#include <xxhash.h>

#include "simarena/base/messages.h"

namespace simarena {
namespace {

// Name of the first non-finite value in a frame, or empty.
std::string first_non_finite(const SimarenaMotorCmd& cmd, int n) {
  const struct {
    const char* name;
    const float* values;
  } fields[] = {{"q_des", cmd.q_des},
                {"qd_des", cmd.qd_des},
                {"kp_des", cmd.kp_des},
                {"kd_des", cmd.kd_des},
                {"tau_des", cmd.tau_des}};
  for (const auto& field : fields)
    for (int i = 0; i < n; ++i)
      if (!std::isfinite(field.values[i])) {
        char text[96];
        std::snprintf(text, sizeof(text), "%s[%d] = %g", field.name, i, static_cast<double>(field.values[i]));
        return text;
      }
  return {};
}

}  // namespace

Match::Match(std::shared_ptr<const World> world, std::unique_ptr<Controller> controller)
    : world_(std::move(world)),
      model_(mj_copyModel(nullptr, world_->model())),
      data_(mj_makeData(model_.get())),
      controller_(std::move(controller)),
      protections_(world_->robot(), controller_->through_motor_sdk()),
      reader_(*world_) {
  world_->reset(data_.get());
  reader_.start(data_.get());
  if (!controller_->through_motor_sdk()) return;  // no motor-control mode to start
  MatchEvent startup = err_bit_event(0.0, 1, true);
  startup.detail += ": set when motor-control mode starts";
  events_.push_back(std::move(startup));
  events_.push_back({0.0, MatchEventType::takeover_damping, "robot holds zero command with kd damping"});
}

const SimarenaMotorCmd* Match::call_controller(TickReport& report) {
  if (controller_stopped_) {
    report.call = TickReport::Call::stopped;
    return nullptr;
  }
  controller_->see({time(), world_.get(), data_.get()});
  const auto start = std::chrono::steady_clock::now();
  const StepOutcome outcome = controller_->step(first_run_, robot_data_, command_);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  stats_.calls++;
  stats_.total_seconds += seconds;
  stats_.max_seconds = std::max(stats_.max_seconds, seconds);
  if (seconds > world_->robot().control_period) stats_.over_period++;
  // Deadlines are judged on CPU time, which the machine's load does not
  // change much; in whole microseconds rounded up, as the event states them.
  const int64_t period_ns = std::llround(world_->robot().control_period * 1e9);
  if (outcome.cpu_ns > period_ns) {
    const int64_t cpu_us = (outcome.cpu_ns + 999) / 1000;
    events_.push_back(deadline_miss_event(time(), cpu_us, (period_ns + 999) / 1000));
  }

  log_messages(outcome);

  const bool lost = robot_data_.err_flag & SIMARENA_ERR_CMD_LOST_500MS;
  switch (outcome.kind) {
    case StepOutcome::Kind::error:
      controller_stopped_ = true;
      report.call = TickReport::Call::error;
      {
        Message words(tr_noop("%s (controller stopped; no more commands)"),
                      outcome.words ? *outcome.words : Message(outcome.message));
        MatchEvent event{time(), MatchEventType::controller_error, words.english()};
        event.words = std::move(words);
        events_.push_back(std::move(event));
        return nullptr;
      }
    case StepOutcome::Kind::skipped:
      stats_.skipped++;
      report.call = TickReport::Call::skipped;
      first_run_ = lost;
      return nullptr;
    case StepOutcome::Kind::sent:
      break;
  }
  // As the robot's SDK does after UserCode: while bit1 is set, send zeros
  // and report first_run on the next call.
  first_run_ = lost;
  if (lost) command_ = SimarenaMotorCmd{};
  const std::string bad = first_non_finite(command_, world_->robot().num_joints());
  if (!bad.empty()) {
    stats_.rejected++;
    Message words(tr_noop("controller sent %s; frame dropped"), bad);
    MatchEvent event{time(), MatchEventType::command_rejected, words.english()};
    event.words = std::move(words);
    events_.push_back(std::move(event));
    command_ = SimarenaMotorCmd{};
    return nullptr;
  }
  stats_.sent++;
  return &command_;
}

void Match::log_messages(const StepOutcome& outcome) {
  uint32_t dropped = outcome.messages_dropped;
  for (const ControllerMessage& m : outcome.messages) {
    if (messages_kept_ >= kMaxMessagesPerRun) {
      ++dropped;
      continue;
    }
    ++messages_kept_;
    if (m.kind == ControllerMessage::Kind::recognition) {
      events_.push_back(recognition_event(time(), m.object, m.text));
      continue;
    }
    const bool announce = m.kind == ControllerMessage::Kind::announce;
    events_.push_back({time(), announce ? MatchEventType::announcement : MatchEventType::controller_log, m.text});
  }
  if (dropped > 0) events_.push_back(messages_dropped_event(time(), dropped));
}

void Match::log_err_changes(int16_t before, TakeoverPhase takeover_before) {
  const TakeoverPhase now = protections_.takeover();
  if (now != takeover_before) {
    if (now == TakeoverPhase::damping)
      events_.push_back({time(), MatchEventType::takeover_damping, "robot holds zero command with kd damping"});
    else if (now == TakeoverPhase::limp || takeover_before == TakeoverPhase::damping)  // limp, maybe cleared at once
      events_.push_back({time(), MatchEventType::takeover_limp, "robot went limp (kp = kd = tau = 0)"});
  }
  const int16_t after = protections_.err_flag();
  for (int bit = 0; bit < 2; ++bit) {
    const int mask = 1 << bit;
    if ((before & mask) == (after & mask)) continue;
    events_.push_back(err_bit_event(time(), bit, after & mask));
  }
}

void Match::apply_motor_law() {
  const RobotSpec& robot = world_->robot();
  const auto& bindings = world_->joints();
  mjModel* m = model_.get();
  mjData* d = data_.get();
  for (size_t i = 0; i < bindings.size(); ++i) {
    const JointSpec& js = robot.joints[i];
    const JointBinding& b = bindings[i];
    const double q = js.sign * d->qpos[b.qpos_adr];
    const double qd = js.sign * d->qvel[b.dof_adr];
    const MotorOutput out = motor_output(js, robot.protections, protections_.command()[i], q, qd);
    // In MJCF coordinates: tau_mj = sign*offset - stiffness*q_mj - damping*qd_mj.
    mjtNum* bias = m->actuator_biasprm + mjNBIAS * b.actuator;
    bias[0] = js.sign * out.offset;
    bias[1] = -out.stiffness;
    bias[2] = -out.damping;
    d->ctrl[b.actuator] = 0;
    joint_torque_[i] = out.torque;
  }
}

TickReport Match::tick() {
  const size_t events_before = events_.size();
  TickReport report;
  mjModel* m = model_.get();
  mjData* d = data_.get();
  const int n = world_->robot().num_joints();

  // Positions, velocities and position/velocity sensors of the current state.
  mj_step1(m, d);
  reader_.read(d, joint_torque_.data(), robot_data_);
  robot_data_.err_flag = protections_.err_flag();
  robot_data_.ctrl_topic_interval = protections_.ms_since_command(time());
  for (int i = 0; i < n; ++i) robot_data_.motor_flags[i] = world_->robot().protections.motor_flags_healthy;

  const SimarenaMotorCmd* received = call_controller(report);
  report.command_applied = received != nullptr;
  const int16_t err_before = protections_.err_flag();
  const TakeoverPhase takeover_before = protections_.takeover();
  if (controller_->through_motor_sdk())
    protections_.apply(time(), received, robot_data_.q);
  else
    protections_.pass_through(time(), received);
  log_err_changes(err_before, takeover_before);

  const bool pushing = ticks_ >= push_.start_tick && ticks_ < push_.end_tick;
  mjtNum* push = d->xfrc_applied + 6 * world_->base_body();
  for (int k = 0; k < 3; ++k) push[k] = pushing ? push_.force[k] : 0.0;

  const int substeps = world_->robot().substeps();
  for (int s = 0; s < substeps; ++s) {
    if (s > 0) mj_step1(m, d);
    apply_motor_law();
    mj_step2(m, d);
  }
  ticks_++;
  report.new_events = events_.size() - events_before;
  return report;
}

void Match::apply_push(const std::array<double, 3>& force, double duration) {
  const double period = world_->robot().control_period;
  apply_push_ticks(force, static_cast<uint64_t>(std::ceil(std::max(0.0, duration) / period - 1e-9)));
}

void Match::apply_push_ticks(const std::array<double, 3>& force, uint64_t ticks) {
  push_ = Push{force, ticks_, ticks_ + ticks};
  char text[128];
  std::snprintf(text, sizeof(text), "trunk pushed with (%.0f, %.0f, %.0f) N for %.3f s", force[0], force[1], force[2],
                static_cast<double>(ticks) * world_->robot().control_period);
  events_.push_back({time(), MatchEventType::push, text});
}

namespace {

std::vector<double> copy_of(const mjtNum* values, int count) { return {values, values + count}; }

void copy_into(const std::vector<double>& from, mjtNum* to, int count, const char* what) {
  if (static_cast<int>(from.size()) != count)
    throw std::invalid_argument(std::string("snapshot does not fit this world: ") + what + " has " +
                                std::to_string(from.size()) + " values, the model " + std::to_string(count));
  std::copy(from.begin(), from.end(), to);
}

}  // namespace

MatchState Match::snapshot() const {
  const mjModel* m = model_.get();
  const mjData* d = data_.get();
  MatchState s;
  s.ticks = ticks_;
  s.physics_time = d->time;
  s.qpos = copy_of(d->qpos, m->nq);
  s.qvel = copy_of(d->qvel, m->nv);
  s.act = copy_of(d->act, m->na);
  s.qacc_warmstart = copy_of(d->qacc_warmstart, m->nv);
  s.sensordata = copy_of(d->sensordata, m->nsensordata);
  s.xfrc_applied = copy_of(d->xfrc_applied, 6 * m->nbody);
  s.joint_torque = joint_torque_;
  s.command = command_;
  s.protections = protections_.state();
  s.first_run = first_run_;
  s.controller_stopped = controller_stopped_;
  s.event_count = events_.size();
  s.push_force = push_.force;
  s.push_start_tick = push_.start_tick;
  s.push_end_tick = push_.end_tick;
  return s;
}

void Match::restore(const MatchState& s) {
  const mjModel* m = model_.get();
  mjData* d = data_.get();
  copy_into(s.qpos, d->qpos, m->nq, "qpos");
  copy_into(s.qvel, d->qvel, m->nv, "qvel");
  copy_into(s.act, d->act, m->na, "act");
  copy_into(s.qacc_warmstart, d->qacc_warmstart, m->nv, "qacc_warmstart");
  copy_into(s.sensordata, d->sensordata, m->nsensordata, "sensordata");
  copy_into(s.xfrc_applied, d->xfrc_applied, 6 * m->nbody, "xfrc_applied");
  d->time = s.physics_time;
  ticks_ = s.ticks;
  joint_torque_ = s.joint_torque;
  command_ = s.command;
  protections_.restore(s.protections);
  first_run_ = s.first_run;
  controller_stopped_ = s.controller_stopped;
  if (s.event_count < events_.size()) events_.resize(s.event_count);
  // Not in the snapshot (nor in replay keyframes): the kept messages are the events that say so.
  messages_kept_ = static_cast<uint32_t>(std::count_if(events_.begin(), events_.end(), [](const MatchEvent& e) {
    return e.type == MatchEventType::controller_log || e.type == MatchEventType::announcement ||
           e.type == MatchEventType::recognition;
  }));
  push_ = Push{s.push_force, s.push_start_tick, s.push_end_tick};
}

uint64_t Match::state_hash(uint64_t previous) const {
  const mjModel* m = model_.get();
  const mjData* d = data_.get();
  XXH3_state_t state;
  XXH3_state_t* h = &state;
  XXH3_64bits_reset_withSeed(h, previous);
  auto add = [&](const void* p, size_t bytes) { XXH3_64bits_update(h, p, bytes); };
  add(&ticks_, sizeof(ticks_));
  add(&d->time, sizeof(d->time));
  add(d->qpos, sizeof(mjtNum) * m->nq);
  add(d->qvel, sizeof(mjtNum) * m->nv);
  add(d->act, sizeof(mjtNum) * m->na);
  add(d->qacc_warmstart, sizeof(mjtNum) * m->nv);
  add(d->sensordata, sizeof(mjtNum) * m->nsensordata);
  add(joint_torque_.data(), sizeof(double) * joint_torque_.size());
  // Field by field: the structs have padding bytes.
  const ProtectionsState& p = protections_.state();
  add(&p.last_frame, sizeof(p.last_frame));
  add(&p.last_frame_time, sizeof(p.last_frame_time));
  add(&p.takeover_start, sizeof(p.takeover_start));
  const int32_t small[] = {p.have_frame, static_cast<int32_t>(p.takeover), p.err_flag, first_run_, controller_stopped_};
  add(small, sizeof(small));
  add(p.command.data(), sizeof(JointCommand) * p.command.size());
  add(push_.force.data(), sizeof(double) * 3);
  add(&push_.start_tick, sizeof(push_.start_tick));
  add(&push_.end_tick, sizeof(push_.end_tick));
  return XXH3_64bits_digest(h);
}

}  // namespace simarena
