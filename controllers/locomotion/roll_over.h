// The recovery stand's roll-over (mode 12 on a robot lying on its back or
// side), after the robot's FSMStateRecoveryStand for the CyberDog 2: on its
// back, six joint poses that swing the legs of one side over and tip the
// trunk onto its side (to the left when it lies rolled left, else to the
// right); on its side, the legs on the ground reach over the back and push
// it onto its belly (SideLying, roll_over.cpp says where it differs); then
// the legs fold under it, and the stand-up follows. It checks again after
// each move and repeats as the robot does. Joint angles of the robot's
// tables are in its wire convention (hip and knee of opposite sign to
// simarena's).
#pragma once

#include <simarena/controller.h>

#include <array>

namespace locomotion {

class RollOver {
 public:
  // The robot's tests: on its back (the trunk's z axis points down), or on
  // its side (+1: left side up, -1: right side up, 0: neither).
  static bool upside_down(const SimarenaRobotData& data);
  static int side_lying(const SimarenaRobotData& data);
  static bool needed(const SimarenaRobotData& data) { return upside_down(data) || side_lying(data) != 0; }

  void begin(const SimarenaRobotData& data);
  // One period; false once the robot lies on its belly with its legs folded.
  bool step(const SimarenaRobotData& data, double dt, SimarenaMotorCmd& cmd);

 private:
  enum class Move { roll, side, fold, done };
  void choose(const SimarenaRobotData& data);  // the next move from how the robot lies
  Move move_ = Move::done;
  bool left_ = true;  // roll to the left / the left side is up
  double t_ = 0.0;
  std::array<double, 12> from_{};
};

}  // namespace locomotion
