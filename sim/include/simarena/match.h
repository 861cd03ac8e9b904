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

#include "simarena/controller_host.h"
#include "simarena/mujoco_handles.h"
#include "simarena/protections.h"
#include "simarena/robot_data_reader.h"
#include "simarena/world.h"

namespace simarena {

// Something the robot's protections or the controller host did, on
// simulated time.
struct MatchEvent {
  double time = 0;   // s
  std::string type;  // err_bit_set, err_bit_cleared, takeover_damping, takeover_limp, controller_error,
                     // command_rejected
  std::string detail;
};

struct ControllerStats {
  uint64_t calls = 0;
  uint64_t sent = 0;
  uint64_t skipped = 0;
  uint64_t rejected = 0;     // frames with NaN or Inf
  double total_seconds = 0;  // wall time inside step(), informational only
  double max_seconds = 0;
};

class Match {
 public:
  Match(std::shared_ptr<const World> world, std::unique_ptr<Controller> controller);

  // One control period: read sensors, call the controller, pass its
  // command through the protections, then step physics for each substep
  // with the motor law evaluated at every substep.
  void tick();

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
  const std::vector<MatchEvent>& events() const { return events_; }
  const ControllerStats& controller_stats() const { return stats_; }
  bool controller_stopped() const { return controller_stopped_; }
  const std::string& controller_name() const { return controller_->name(); }

 private:
  const SimarenaMotorCmd* call_controller();
  void apply_motor_law();
  void log_err_changes(int16_t before, TakeoverPhase takeover_before);

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
  uint64_t ticks_ = 0;
};

}  // namespace simarena
