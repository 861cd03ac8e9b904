// Lying on a side (mode 12, gait 17 left / 18 right), as the robot's
// FSMStateRecoveryStand::LieSide does it for the CyberDog 2 once it stands:
// legs folded, the legs of the chosen side tucked in so that the trunk tips
// onto that side (until the IMU says it tips: then the lower legs reach over
// the back and catch it at 90 degrees), the upper legs paddle twice in the
// air, it rests. The recovery stand's roll-over then gets the robot back
// onto its belly and it stands again (the robot's motion 124/138).
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
  // One period (data: the IMU's roll); false once the robot has lain on its
  // side, paddled and rested. bar() is the robot's progress: 0, 20, 40 … 80.
  bool step(const SimarenaRobotData& data, double dt, SimarenaMotorCmd& cmd);
  int8_t bar() const { return bar_; }

 private:
  trot::LegGeometry geometry_;
  bool left_ = true;
  double t_ = 0.0;
  int8_t bar_ = 0;
  size_t stage_ = 0;
  double stage_start_ = 0.0;
  std::array<double, 12> from_{}, commanded_{};  // the stage's start, the last command
};

}  // namespace locomotion
