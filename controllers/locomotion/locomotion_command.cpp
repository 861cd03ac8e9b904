#include "locomotion_command.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace locomotion {

GaitLimits limits_of(GaitId gait) {
  switch (gait) {
    case GaitId::kStand:
      return {0.0, 0.0, 0.0, 0.0};
    case GaitId::kSlowTrot:
      return {0.6, 0.6, 0.2, 1.3};
    case GaitId::kStairTrot:
      return {0.6, 0.4, 0.2, 1.0};
    case GaitId::kMediumTrot:
      return {1.2, 1.2, 0.4, 2.25};
    case GaitId::kProbeCrawl:
      return {0.4, 0.0, 0.15, 0.0};  // forward only; sideways just to hold the lane
    case GaitId::kFastTrot:
    case GaitId::kAuto:
      return {1.6, 1.2, 0.55, 2.5};
  }
  return {0.0, 0.0, 0.0, 0.0};
}

std::string name_of(GaitId gait) {
  switch (gait) {
    case GaitId::kAuto:
      return "auto";
    case GaitId::kStand:
      return "stand";
    case GaitId::kSlowTrot:
      return "slow trot";
    case GaitId::kMediumTrot:
      return "medium trot";
    case GaitId::kFastTrot:
      return "fast trot";
    case GaitId::kStairTrot:
      return "stair trot";
    case GaitId::kProbeCrawl:
      return "probe crawl";
  }
  return "unknown";
}

GaitId gait_from_number(double id) {
  for (GaitId gait : {GaitId::kAuto, GaitId::kStand, GaitId::kSlowTrot, GaitId::kMediumTrot, GaitId::kFastTrot,
                      GaitId::kStairTrot, GaitId::kProbeCrawl})
    if (id == static_cast<double>(static_cast<int>(gait))) return gait;
  throw std::invalid_argument("gait " + std::to_string(id) +
                              " is not a gait id this controller knows: 0 auto, 1 stand, 27 slow trot, 3 medium "
                              "trot, 10 fast trot, 50 stair trot, 60 probe crawl");
}

LocomotionCommand limited(const LocomotionCommand& command, const BodyHeights& heights) {
  LocomotionCommand out = command;
  if (out.gait == GaitId::kAuto) {
    // The slowest trot that can run the command: slower trots step more gently.
    out.gait = GaitId::kFastTrot;
    for (GaitId gait : {GaitId::kSlowTrot, GaitId::kMediumTrot}) {
      const GaitLimits l = limits_of(gait);
      if (std::abs(command.forward_speed) <= l.max_forward && std::abs(command.lateral_speed) <= l.max_lateral &&
          std::abs(command.yaw_rate) <= l.max_yaw_rate) {
        out.gait = gait;
        break;
      }
    }
  }
  const GaitLimits l = limits_of(out.gait);
  out.forward_speed = std::clamp(command.forward_speed, -l.max_backward, l.max_forward);
  out.lateral_speed = std::clamp(command.lateral_speed, -l.max_lateral, l.max_lateral);
  out.yaw_rate = std::clamp(command.yaw_rate, -l.max_yaw_rate, l.max_yaw_rate);
  out.body_height = std::clamp(command.body_height, heights.min, heights.max);
  out.step_height = std::clamp(command.step_height, kMinStepHeight, kMaxStepHeight);
  return out;
}

}  // namespace locomotion
