// A rule set: what the referee counts and what each thing costs, read from
// arenas/rules/<name>.yaml. docs/rules.md says the same in plain words and
// the referee scenarios in tests/ check that both agree.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace simarena {

// What one counted event costs.
struct Cost {
  enum class Kind { penalty, disqualify } kind = Kind::penalty;
  double seconds = 0;  // added to the run's time (penalty only)
};

struct FallRule {
  // Robot bodies whose contact with the ground is a fall: "base" is the
  // robot's base body; any other word matches body names containing it.
  std::vector<std::string> contact_bodies;
  double tilt_limit = 0;  // rad from upright; past it for tilt_hold seconds is a fall
  double tilt_hold = 0;   // s
  double rearm = 0;       // s upright without contact before another fall can count
  Cost cost;
};

// What the controller is told about the course (SimarenaCourseInfo):
// nothing (like the robot), the next gate, or the next gate and a local
// height map of the ground around the body (assisted events).
enum class CourseInfoMode { none, next_gate, height_map };

// How runs rank: by time (finishers first, then by progress), or by the
// points of a field course (field_points.h) first, then time.
enum class Ranking { time, points };

// Which of the robot's interfaces an event lets a controller drive it
// through: joint commands (motor level) and/or the robot's high-level
// locomotion API (modes, gaits, velocities).
struct AllowedInterfaces {
  bool motor = true;
  bool high_level = true;
};

// What happens after a fall or the body leaving the lane: the run simply
// goes on where the robot is (default), or, on a field course, the referee
// lays the robot down again at the last point of the current segment it
// passed and the controller stands it up (the Xiaomi Cup's restart rule).
enum class AfterFall { continue_run, last_point };

inline constexpr double kDefaultAnnouncementPenalty = 5;  // s, when the rules file has no 'announcement'

struct RuleSet {
  std::filesystem::path file;
  std::string name;
  std::string description;
  FallRule fall;
  Cost lane_exit;   // per excursion: body outside the lane, or touching a pit floor
  Cost wall_touch;  // per touch of a lane wall by any part of the robot
  // Contact that resumes within this long after it ended is the same
  // excursion or touch: a foot tapping a pit floor or a leg rubbing a wall
  // is one incident, not one per bounce.
  double lane_rejoin = 0;         // s back in the lane before an excursion is over
  double wall_rejoin = 0;         // s without wall contact before a new touch counts
  Cost knocked_obstacle;          // per hurdle bar moved more than knock_displacement
  double knock_displacement = 0;  // m
  Cost missed_checkpoint;         // per checkpoint missed or passed out of order
  Cost protection_trip;           // per err bit the robot's protections set after the start
  Cost controller_fault;          // per controller error or rejected (NaN/Inf) command frame
  Cost deadline_miss;             // per control period the controller did not answer in time (sandbox)
  // Per wrong or missing announcement on a course that judges them (optional
  // section 'announcement'; the contest's deduction is unpublished).
  Cost announcement{Cost::Kind::penalty, kDefaultAnnouncementPenalty};
  CourseInfoMode course_info = CourseInfoMode::none;
  AllowedInterfaces interfaces;  // default: both
  Ranking ranking = Ranking::time;
  AfterFall after_fall = AfterFall::continue_run;
};

// Reads and validates a rule set; errors name file:line:column.
RuleSet load_rules(const std::filesystem::path& yaml_file);

// "penalty 5 s" or "disqualification", for summaries and docs.
std::string describe(const Cost& cost);

}  // namespace simarena
