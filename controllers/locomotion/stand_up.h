// The recovery stand's stand-up (mode 12) on the robot's timing, after its
// FSMStateRecoveryStand for the CyberDog 2, at its 500 Hz iteration counts:
// - from a trunk between 0.42 (thigh + shank) and 0.45 m high, straight to
//   StandUp: a 0.7 s joint ramp to the stance (a cosine where the robot's
//   is linear: its sudden stop rocks the simulated robot), then 0.1 s still
//   (1.2 s when it starts pitched nose up past 0.3 rad);
// - from lower, FoldLegs first: three linear stages to the fold pose (1, 1.6
//   or 2 s by how far the joints are from it) and 0.2 s still, then StandUp.
// It is ready (the robot's ready_for_switch_, which an order for another
// motion waits for) once the stand is done. Like the robot's SaftyCheck, the
// clock pauses while a joint trails its target by more than 8 degrees (10 for
// a knee) for over 5 periods, and after 1 s stuck the stage starts again from
// where the joints are.
#pragma once

#include <simarena/controller.h>

#include <array>
#include <cstdint>

#include "leg_kinematics.h"

namespace locomotion {

class StandUp {
 public:
  StandUp(const trot::LegGeometry& geometry, const std::array<trot::JointAngles, 4>& stance);

  // OnEnter: fold first or stand at once, from the trunk's height over its feet.
  void begin(const SimarenaRobotData& data);
  // The legs are folded under a robot on its belly (after a roll-over): StandUp.
  void begin_folded(const SimarenaRobotData& data);
  // One period's joint command.
  void step(const SimarenaRobotData& data, SimarenaMotorCmd& cmd);

  bool ready() const { return stage_ == Stage::stood; }
  // The robot's bar: 0 while folding or standing straight up, 80 standing
  // after a fold, 99 once it stands and 100 five periods later.
  int8_t bar() const;

 private:
  // Trunk height over the feet from the joints and the tilt (the robot's
  // estimate with all four feet half in contact), m.
  double trunk_height(const SimarenaRobotData& data) const;
  enum class Stage { fold, stand, stood };
  // `pitch`: the trunk's now (rad), which sets StandUp's wait.
  void start_stage(Stage stage, const std::array<double, 12>& from, double pitch);
  static std::array<double, 12> measured(const SimarenaRobotData& data);
  std::array<double, 12> target(int iteration) const;

  trot::LegGeometry geometry_;
  std::array<double, 12> stance_{};
  Stage stage_ = Stage::stood;
  bool folded_ = false;
  int iteration_ = 0;        // of the current stage (the robot's curr_iter)
  int fold_iterations_ = 0;  // the fold's ramp: 501, 801 or 999
  int wait_iterations_ = 0;  // StandUp's stand_waitstable_: 50 or 600
  int stuck_ = 0;            // periods a joint has trailed its target
  std::array<double, 12> from_{};
};

}  // namespace locomotion
