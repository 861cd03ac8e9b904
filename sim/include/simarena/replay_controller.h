// A Controller that plays back what a recorded controller returned, tick by
// tick, so a run can be re-simulated without the participant's code.
#pragma once

#include <string>
#include <vector>

#include "simarena/controller_host.h"
#include "simarena/replay_format.h"

namespace simarena {

class ReplayController final : public Controller {
 public:
  ReplayController(std::string name, const std::vector<replay::TickRecord>& ticks, size_t start = 0)
      : name_(std::move(name)), ticks_(ticks), next_(start) {}
  const std::string& name() const override { return name_; }
  StepOutcome step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) override;
  // Index of the tick record the next step() will use.
  size_t position() const { return next_; }
  void seek(size_t index) { next_ = index; }

 private:
  std::string name_;
  const std::vector<replay::TickRecord>& ticks_;
  size_t next_;
};

}  // namespace simarena
