// One run of one controller on one World: the mjData, the protections, the
// controller host and the lockstep loop. Match::tick() advances exactly one
// control period; nothing here reads the wall clock except the controller
// timing statistics, which are reported but never scored.
#pragma once

#include <simarena/controller.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "simarena/control/controller_interface.h"
#include "simarena/match/match_event.h"
#include "simarena/match/match_state.h"
#include "simarena/physics/mujoco_handles.h"
#include "simarena/physics/protections.h"
#include "simarena/physics/robot_data_reader.h"
#include "simarena/physics/world.h"

namespace simarena {

// What one tick did: the controller's answer, whether a command reached
// the protections, and the events it added (the last `new_events` of events()).
struct TickReport {
  enum class Call { sent, skipped, error, stopped } call = Call::sent;  // stopped: an earlier error; not called
  bool command_applied = false;  // a finite frame reached the protections this tick
  size_t new_events = 0;
};

struct ControllerStats {
  uint64_t calls = 0;
  uint64_t sent = 0;
  uint64_t skipped = 0;
  uint64_t rejected = 0;     // frames with NaN or Inf
  double total_seconds = 0;  // wall time inside step(), informational only
  double max_seconds = 0;
  uint64_t over_period = 0;  // calls that took longer than a control period (wall): deadline misses on the robot
};

class Match {
 public:
  Match(std::shared_ptr<const World> world, std::unique_ptr<Controller> controller);
  // Whether the controller's commands pass the motor SDK's protections.
  bool through_motor_sdk() const { return controller_->through_motor_sdk(); }

  // One control period: read sensors, call the controller, pass its
  // command through the protections, then step physics for each substep
  // with the motor law evaluated at every substep.
  TickReport tick();

  // Simulated time on the control clock: ticks x control period, exact.
  double time() const { return static_cast<double>(ticks_) * world_->robot().control_period; }
  uint64_t ticks() const { return ticks_; }
  const World& world() const { return *world_; }
  const mjModel* model() const { return model_.get(); }
  const mjData* data() const { return data_.get(); }
  const SimarenaRobotData& robot_data() const { return robot_data_; }
  const SimarenaMotorCmd& last_command() const { return command_; }
  const std::array<double, SIMARENA_MAX_JOINTS>& joint_torque() const { return joint_torque_; }
  int16_t err_flag() const { return protections_.err_flag(); }
  // The command the motors executed during the last tick, after the protections.
  const std::array<JointCommand, SIMARENA_MAX_JOINTS>& executed_command() const { return protections_.command(); }
  const std::vector<MatchEvent>& events() const { return events_; }
  const ControllerStats& controller_stats() const { return stats_; }
  bool controller_stopped() const { return controller_stopped_; }
  const std::string& controller_name() const { return controller_->name(); }
  // Course information the controller gets with its next step (the referee's
  // view of the course, when the rule set gives it).
  void set_course_info(const SimarenaCourseInfo& info) { controller_->set_course_info(info); }

  // Pushes the trunk at its centre of mass with a world-frame force (N) for
  // `duration` simulated seconds, rounded up to whole ticks, starting with the
  // next tick; logged as a "push" event so a run with pushes can be repeated.
  void apply_push(const std::array<double, 3>& force, double duration);
  // The same for a whole number of ticks: how replays re-apply a recorded push.
  void apply_push_ticks(const std::array<double, 3>& force, uint64_t ticks);
  // The latest push: it acts on ticks [start_tick, end_tick).
  struct Push {
    std::array<double, 3> force{};
    uint64_t start_tick = 0, end_tick = 0;
  };
  const Push& last_push() const { return push_; }

  // Lays the robot down in its initial pose at (x, y) on a surface `ground`
  // m high, heading `yaw`, at rest (World::place_robot): the referee's
  // restart after a fall. The controller keeps running and must stand it up.
  void place_robot(double x, double y, double ground, double yaw) {
    world_->place_robot(data_.get(), x, y, ground, yaw);
    controller_->robot_carried();
  }

  // Snapshot and restore of everything but the controller's own memory.
  // restore() truncates events to those recorded up to the snapshot.
  MatchState snapshot() const;
  void restore(const MatchState& state);

  // Hash of the state that affects the next tick, chained on `previous`:
  // two runs agree tick by tick exactly when their chained hashes do.
  uint64_t state_hash(uint64_t previous) const;

 private:
  const SimarenaMotorCmd* call_controller(TickReport& report);
  void apply_motor_law();
  void log_err_changes(int16_t before, TakeoverPhase takeover_before);
  void log_messages(const StepOutcome& outcome);

  std::shared_ptr<const World> world_;
  ModelPtr model_;  // private copy: the motor law writes actuator parameters each step
  DataPtr data_;
  std::unique_ptr<Controller> controller_;
  Protections protections_;
  RobotDataReader reader_;
  SimarenaRobotData robot_data_{};
  SimarenaMotorCmd command_{};
  std::array<double, SIMARENA_MAX_JOINTS> joint_torque_{};
  std::vector<MatchEvent> events_;
  ControllerStats stats_;
  bool first_run_ = true;
  bool controller_stopped_ = false;
  uint32_t messages_kept_ = 0;  // controller messages kept as events, up to kMaxMessagesPerRun
  uint64_t ticks_ = 0;
  Push push_;
};

}  // namespace simarena
