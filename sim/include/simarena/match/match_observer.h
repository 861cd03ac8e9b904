// Something that watches a match tick by tick from outside (the referee
// does): it may talk to the controller before a tick and looks after it.
#pragma once

#include <nlohmann/json.hpp>

#include "simarena/match/match.h"

namespace simarena {

class MatchObserver {
 public:
  virtual ~MatchObserver() = default;
  virtual void start(const Match& match) = 0;       // the state at time 0, before the first tick
  virtual void before_tick(Match& match) = 0;       // e.g. course information for the controller
  virtual void after_tick(const Match& match) = 0;  // the state after the tick
  virtual bool done() const = 0;                    // the run may end here
  virtual void stop(const Match& match) = 0;        // the run ended before done()
  // For the replay: what the observer judges by (header) and what it
  // decided (end record), so verify can re-judge and compare.
  virtual nlohmann::json describe() const { return nullptr; }
  virtual nlohmann::json summary() const { return nullptr; }
};

}  // namespace simarena
