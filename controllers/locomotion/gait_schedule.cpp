#include "gait_schedule.h"

#include <algorithm>
#include <cmath>

namespace locomotion {

GaitTiming timing_of(GaitId gait) {
  switch (gait) {
    case GaitId::kStand:
      return {0.3, 0.5, false};
    case GaitId::kSlowTrot:
      return {0.36, 0.5, true};
    case GaitId::kStairTrot:
    case GaitId::kProbeCrawl:  // runs its own phases (probe_crawl.h), not this schedule
      return {0.3, 0.5, true};
    case GaitId::kMediumTrot:
      return {0.3, 0.5, true};
    case GaitId::kFastTrot:
    case GaitId::kAuto:
      return {0.26, 0.5, true};
  }
  return {0.3, 0.5, true};
}

GaitSchedule::UserSchedule::UserSchedule(const UserGait& gait) : length_(gait.total_steps()) {
  for (int leg = 0; leg < kLegs; ++leg) {
    int at = 0;
    for (const GaitSection& section : gait.sections) {
      std::vector<Run>& runs = runs_[leg];
      if (runs.empty() || runs.back().stance != section.contact[leg]) runs.push_back({at, at, section.contact[leg]});
      at += section.steps;
      runs.back().end = at;
    }
  }
}

const GaitSchedule::Run* GaitSchedule::UserSchedule::run_at(int leg, double steps) const {
  // Runs are few within a plan's horizon; a binary search keeps long schedules cheap.
  const std::vector<Run>& runs = runs_[leg];
  const auto after = std::upper_bound(runs.begin(), runs.end(), steps,
                                      [](double s, const Run& run) { return s < static_cast<double>(run.end); });
  return after == runs.end() ? nullptr : &*after;
}

const GaitSchedule::Run* GaitSchedule::UserSchedule::next_run(int leg, const Run& run) const {
  const std::vector<Run>& runs = runs_[leg];
  const size_t next = static_cast<size_t>(&run - runs.data()) + 1;
  return next < runs.size() ? &runs[next] : nullptr;
}

bool GaitSchedule::UserSchedule::all_down() const {
  for (int leg = 0; leg < kLegs; ++leg) {
    const Run* run = run_at(leg, now());
    if (run != nullptr && !run->stance) return false;
  }
  return true;
}

void GaitSchedule::request(const GaitTiming& timing) {
  requested_ = timing;
  user_wanted_ = false;
  pending_user_.reset();
  // Starting to step, or stopping, waits for nothing: standing has no cycle.
  if (!current_.stepping && !user_) {
    current_ = requested_;
    clock_ = 0.0;
  }
}

void GaitSchedule::request_user(const UserGait& gait, int id) {
  user_wanted_ = true;
  if ((user_ || pending_user_) && id != user_id_) {
    if (user_) user_.emplace(gait);
    if (pending_user_) pending_user_.emplace(gait);
    user_id_ = id;
    return;
  }
  user_id_ = id;
  if (user_ || pending_user_) return;
  if (current_.stepping) {
    pending_user_.emplace(gait);  // from the next cycle on
    return;
  }
  user_.emplace(gait);
  current_.stepping = true;
}

void GaitSchedule::advance(double dt) {
  if (user_) {
    if (user_wanted_ || !user_->all_down()) {
      user_->advance(dt);
      return;
    }
    // Another gait was asked for and every foot is down: it starts now.
    user_.reset();
    current_ = requested_;
    clock_ = 0.0;
  }
  if (!current_.stepping) return;
  clock_ += dt / current_.period;
  if (clock_ >= 1.0) {
    clock_ = std::fmod(clock_, 1.0);
    current_ = requested_;
    if (pending_user_) {
      user_ = std::move(pending_user_);
      pending_user_.reset();
      current_.stepping = true;
      clock_ = 0.0;
    }
  }
}

double GaitSchedule::leg_clock(int leg, double clock) const {
  if (!current_.legs) return std::fmod(clock + kOffsets[leg], 1.0);
  return std::fmod(current_.legs->cycles[leg] * clock + current_.legs->offset[leg], 1.0);
}

bool GaitSchedule::stance_after(int leg, double seconds) const {
  if (user_) {
    const Run* run = user_->run_at(leg, user_->now() + seconds / kUserGaitStep);
    return run == nullptr || run->stance;
  }
  if (!current_.stepping) return true;
  if (!current_.legs) return std::fmod(clock_ + kOffsets[leg] + seconds / current_.period, 1.0) < current_.duty;
  return leg_clock(leg, clock_ + seconds / current_.period) < leg_duty(leg);
}

double GaitSchedule::stance_duration(int leg) const {
  if (!user_ && current_.legs) return current_.period / current_.legs->cycles[leg] * current_.legs->duty[leg];
  if (!user_) return stance_duration();
  const Run* run = user_->run_at(leg, user_->now());
  if (run != nullptr && !run->stance) run = user_->next_run(leg, *run);
  return run == nullptr ? 0.0 : (run->end - run->start) * kUserGaitStep;
}

double GaitSchedule::swing_duration(int leg) const {
  if (!user_ && current_.legs) return current_.period / current_.legs->cycles[leg] * (1.0 - current_.legs->duty[leg]);
  if (!user_) return swing_duration();
  const Run* run = user_->run_at(leg, user_->now());
  if (run != nullptr && run->stance) run = user_->next_run(leg, *run);
  return run == nullptr ? kUserGaitStep : (run->end - run->start) * kUserGaitStep;
}

double GaitSchedule::mpc_step(int steps) const { return user_ ? kUserGaitStep : current_.period / steps; }

int GaitSchedule::mpc_segment(int steps) const {
  if (user_) return static_cast<int>(std::min(user_->now(), 1e9));
  return std::min(steps - 1, static_cast<int>(clock_ * steps));
}

FootPhase GaitSchedule::phase(int leg) const {
  if (user_) {
    const Run* run = user_->run_at(leg, user_->now());
    if (run == nullptr) return {true, 0.5};  // the schedule has ended: standing
    const double progress = (user_->now() - run->start) / static_cast<double>(run->end - run->start);
    return {run->stance, std::clamp(progress, 0.0, 1.0)};
  }
  if (!current_.stepping) return {true, 0.5};
  const double local = leg_clock(leg, clock_), duty = leg_duty(leg);
  if (local < duty) return {true, local / duty};
  return {false, (local - duty) / (1.0 - duty)};
}

}  // namespace locomotion
