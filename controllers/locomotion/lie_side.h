// Lying on a side (mode 12, gait 17 left / 18 right), as the robot's
// FSMStateRecoveryStand::LieSide does it for the CyberDog 2 once it stands:
// legs folded, the legs of the chosen side tucked in so that the trunk tips
// onto that side, the upper legs paddle twice in the air, then the lower
// legs reach over the back. The recovery stand's roll-over then gets the
// robot back onto its belly and it stands again (the robot's motion 124/138).
#pragma once

#include <simarena/controller.h>

#include <array>
#include <cstdint>

#include "leg_kinematics.h"

namespace locomotion {

class LieSide {
 public:
  explicit LieSide(const trot::LegGeometry& geometry) : geometry_(geometry) {}

  void begin(const SimarenaRobotData& data, bool left);
  // One period; false once the robot lies on its side with its legs in the
  // last pose. bar() is the robot's progress: 0, 20, 40 … 80.
  bool step(double dt, SimarenaMotorCmd& cmd);
  int8_t bar() const { return bar_; }

 private:
  trot::LegGeometry geometry_;
  bool left_ = true;
  double t_ = 0.0;
  int8_t bar_ = 0;
  std::array<double, 12> from_{};
};

}  // namespace locomotion
