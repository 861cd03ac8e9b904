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
  ReplayController(std::string name, const std::vector<replay::TickRecord>& ticks, size_t start = 0)
      : name_(std::move(name)), ticks_(ticks), next_(start) {}
  const std::string& name() const override { return name_; }
  StepOutcome step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) override;
  // Index of the tick record the next step() will use.
  size_t position() const { return next_; }
  // The recorded deadline misses: the CPU time a call took is not in the
  // tick records, so the calls that missed their deadline report the time
  // their recorded event states, and the match re-creates the same events.
  void replay_deadline_misses(const std::vector<MatchEvent>& events, double control_period);
  void seek(size_t index) { next_ = index; }

 private:
  std::string name_;
  const std::vector<replay::TickRecord>& ticks_;
  size_t next_;
  std::map<uint64_t, int64_t> deadline_miss_cpu_ns_;  // by tick
};

}  // namespace simarena
