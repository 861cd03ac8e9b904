// A Controller that plays back what a recorded controller returned, tick by
// tick, so a run can be re-simulated without the participant's code.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "simarena/control/controller_interface.h"
#include "simarena/match/match.h"
#include "simarena/replay/replay_format.h"

namespace simarena {

class ReplayController final : public Controller {
 public:
  // `interface`: how the recorded controller drove the robot; a high-level
  // run's commands came from the robot's motion controller, past the motor
  // SDK's protections, and are replayed the same way.
  ReplayController(std::string name, const std::vector<replay::TickRecord>& ticks,
                   CommandLevel interface = CommandLevel::motor, size_t start = 0)
      : name_(std::move(name)), ticks_(ticks), interface_(interface), next_(start) {}
  const std::string& name() const override { return name_; }
  bool through_motor_sdk() const override { return interface_ == CommandLevel::motor; }
  CommandLevel recorded_interface() const { return interface_; }
  StepOutcome step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) override;
  // Index of the tick record the next step() will use.
  size_t position() const { return next_; }
  // What the host observed of the recorded calls beyond the tick records,
  // read back from the recorded events: the CPU time of calls that missed
  // their deadline, the messages the controller sent and how many were
  // dropped. Each step reports them again, so the match re-creates the same
  // events.
  void replay_host_observations(const std::vector<MatchEvent>& events, double control_period);
  void seek(size_t index) { next_ = index; }

 private:
  std::string name_;
  const std::vector<replay::TickRecord>& ticks_;
  CommandLevel interface_;
  size_t next_;
  struct Observed {
    int64_t cpu_ns = -1;
    std::vector<ControllerMessage> messages;
    uint32_t messages_dropped = 0;
  };
  std::map<uint64_t, Observed> observed_;  // by tick
};

}  // namespace simarena
