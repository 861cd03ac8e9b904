// When each foot is on the ground. A trot moves the diagonal pairs (FR+RL,
// FL+RR) half a period apart; each foot is in stance for `duty` of the
// period. A new period or duty (another gait) takes effect when the cycle
// wraps, so a foot's swing is never cut short. Stand keeps every foot down.
//
// The robot's user gait (mode 11, gait 110) is not periodic: its schedule
// (user_gait.h) says per section which feet are down. Each leg's stance or
// swing lasts as long as its contact bit stays the same; the schedule plays
// once and then holds four feet down, as on the robot. It starts when the
// cycle wraps (at once when standing), and a periodic gait takes over from
// it at the first moment all four feet are down.
//
// The robot's motion gaits (motion_gaits.h) give each leg its own place in
// the period, its own duty and, in the moonwalks, its own number of steps
// per period; the trots leave that unset and keep the fixed pattern above.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "locomotion_command.h"
#include "stance_forces.h"
#include "user_gait.h"

namespace locomotion {

// Each leg's own pattern within the period.
struct LegPattern {
  // Where in the period (0..1) each leg's stance starts, counted back from
  // the cycle's start: a leg with offset o is down on [1 - o, 1 - o + duty).
  std::array<double, kLegs> offset{};
  std::array<double, kLegs> duty{};  // fraction of the leg's own cycle it is down (1: never lifts)
  std::array<int, kLegs> cycles{};   // the leg's steps per period (the moonwalks' double-beat legs: 2)
  bool operator==(const LegPattern&) const = default;
};

struct GaitTiming {
  constexpr GaitTiming(double period_s = 0.3, double duty_share = 0.5, bool steps = true,
                       std::optional<LegPattern> leg_pattern = std::nullopt)
      : period(period_s), duty(duty_share), stepping(steps), legs(leg_pattern) {}
  double period = 0.3;             // s, one full cycle
  double duty = 0.5;               // fraction of the cycle a foot is on the ground
  bool stepping = true;            // false: stand, every foot down
  std::optional<LegPattern> legs;  // unset: the trot (diagonal pairs half a period apart, `duty` each)
};

// The timing of each gait: slower gaits take longer, gentler steps.
GaitTiming timing_of(GaitId gait);

struct FootPhase {
  bool stance = true;
  double progress = 0.0;  // 0..1 through the current stance or swing
};

class GaitSchedule {
 public:
  // Asks for `timing` from the next cycle on (at once when standing).
  void request(const GaitTiming& timing);
  // Asks for the user gait `gait` (known as `id`): it plays from its first
  // section when the cycle wraps (at once when standing); asked again while
  // it plays, it carries on (the robot loads the schedule when it enters
  // gait 110); a user gait of another id replaces it at once, from its first
  // section (the robot restarts its gait clock on a new gait id).
  void request_user(const UserGait& gait, int id = 0);
  void advance(double dt);

  FootPhase phase(int leg) const;
  // Whether `leg` will be on the ground `seconds` from now, at the current timing.
  bool stance_after(int leg, double seconds) const;
  double clock() const { return clock_; }  // 0..1 through the cycle
  const GaitTiming& timing() const { return current_; }
  double stance_duration() const { return current_.period * current_.duty; }
  double swing_duration() const { return current_.period * (1.0 - current_.duty); }
  // Per leg: the motion gait's own stance and swing; the user gait's stance (the current one, or the next while the
  // leg swings) and swing (the current one, or the next); the periodic
  // gait's durations otherwise.
  double stance_duration(int leg) const;
  double swing_duration(int leg) const;
  // The model-predictive plan's step (s) and which step of the gait it is
  // in: a tenth of the cycle periodically (`steps` per cycle), the robot's
  // 30 ms in the user gait.
  double mpc_step(int steps) const;
  int mpc_segment(int steps) const;

  bool playing_user() const { return user_.has_value(); }
  // The user gait has played its last section: four feet down for good.
  bool user_finished() const { return user_ && user_->finished(); }

 private:
  // One leg's contact held from `start` to `end` (in 30 ms steps of the schedule).
  struct Run {
    int start = 0, end = 0;
    bool stance = true;
  };
  class UserSchedule {
   public:
    explicit UserSchedule(const UserGait& gait);
    void advance(double dt) { elapsed_ += dt; }
    double now() const { return elapsed_ / kUserGaitStep; }  // in steps
    bool finished() const { return now() >= length_; }
    // The run of `leg` at `steps` (steps >= now); nullptr past the end (four feet down).
    const Run* run_at(int leg, double steps) const;
    const Run* next_run(int leg, const Run& run) const;
    bool all_down() const;

   private:
    std::array<std::vector<Run>, kLegs> runs_;
    int length_ = 0;
    double elapsed_ = 0.0;  // s since the schedule started
  };

  GaitTiming current_{0.3, 0.5, false};
  GaitTiming requested_{0.3, 0.5, false};
  double clock_ = 0.0;  // 0..1 through the period
  std::optional<UserSchedule> user_, pending_user_;
  int user_id_ = 0;           // the id of user_ or pending_user_
  bool user_wanted_ = false;  // the last request was for the user gait
  static constexpr std::array<double, kLegs> kOffsets{0.0, 0.5, 0.5, 0.0};
  // Where `leg` is in its own cycle (0..1) at `clock` (0..1 through the period), and its duty.
  double leg_clock(int leg, double clock) const;
  double leg_duty(int leg) const { return current_.legs ? current_.legs->duty[leg] : current_.duty; }
};

}  // namespace locomotion
