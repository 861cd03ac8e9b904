#include "mode_transitions.h"

#include <algorithm>
#include <initializer_list>

#include "high_level_gaits.h"
#include "motion_gaits.h"
#include "robot_user_gaits.h"

namespace locomotion {

namespace {

bool one_of(int mode, std::initializer_list<int> modes) {
  return std::find(modes.begin(), modes.end(), mode) != modes.end();
}

}  // namespace

bool transition_allowed(int from, int to) {
  switch (from) {
    case kModeOff:
      return one_of(to, {0, 7, 12, 15, 80});
    case kModeDamper:
      return one_of(to, {7, 0, 12, 15, 80});
    case kModeRecoveryStand:
      return one_of(to, {12, 0, 3, 7, 9, 11, 16, 21, 22, 64, 80, 81});
    case kModeQpStand:
      return one_of(to, {3, 0, 7, 11, 12, 16, 21, 80});
    case kModeLocomotion:
      return one_of(to, {11, 0, 3, 7, 12, 16, 21, 80, 81});
    case kModePoseCtrl:
      return one_of(to, {21, 0, 3, 7, 11, 12, 16, 22, 64, 80});
    case kModeJump:
      return one_of(to, {16, 0, 7, 12, 21, 80});
    case kModeForceJump:
      return one_of(to, {22, 0, 3, 7, 11, 12, 21, 64, 80});
    case kModeTwoLegStand:
      return one_of(to, {64, 0, 3, 7, 12, 16, 21, 80});
    case kModeMotorCtrl:
      return one_of(to, {15, 0, 7, 12, 80});
  }
  return false;
}

bool mode_supported(int mode, int gait_id) {
  switch (mode) {
    case kModeOff:
      return true;
    case kModeDamper:
      return gait_id == 0 || gait_id == 1;
    case kModeRecoveryStand:
      return gait_id == 0 || gait_id == kGaitLieLeft || gait_id == kGaitLieRight;
    case kModeQpStand:
      return gait_id == 0 || gait_id == 1 || gait_id == 3;
    case kModeLocomotion:
      return high_level_gait(gait_id).has_value() || gait_id == kUserGaitId || motion_gait(gait_id).has_value() ||
             is_robot_user_gait(gait_id);
    case kModePoseCtrl:     // as the robot: 5 is the height move, every other id the increments
    case kModeJump:         // as the robot: an unknown id is jump 0
    case kModeForceJump:    // any id (the robot reports 1 and 4, else 0)
    case kModeTwoLegStand:  // any id (the robot reports 1..14, else 0)
      return true;
  }
  return false;
}

}  // namespace locomotion
