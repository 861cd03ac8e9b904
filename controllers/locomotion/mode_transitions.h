// Which mode the robot may go to from which (the CheckTransition of each of
// the robot's FSM states, shared facts: high-level API §4), and which modes
// and gaits simarena's motion firmware runs. A request that fails either is
// refused: the state stays, and the response shows BAN_TRANS.
#pragma once

namespace locomotion {

enum Mode : int {
  kModeOff = 0,
  kModeQpStand = 3,
  kModeDamper = 7,
  kModeLifted = 9,  // entered by the robot itself (lifted protection), never ordered
  kModeLocomotion = 11,
  kModeRecoveryStand = 12,
  kModeMotorCtrl = 15,
  kModeJump = 16,
  kModePoseCtrl = 21,
  kModeForceJump = 22,
  kModeMotion = 62,
  kModeTwoLegStand = 64,
};

// Recovery stand gaits: stand, then lie on the left / right side and stand again.
constexpr int kGaitLieLeft = 17, kGaitLieRight = 18;

// The robot's own table: may `from` go to `to`?
bool transition_allowed(int from, int to);

// Whether simarena runs `mode` with `gait_id`. Runs: 0, 7 (gaits 0/1), 12
// (gaits 0, 17, 18), 3 (0/1/3), 11 (the gaits of high_level_gaits.cpp and the
// user gait 110, once a schedule was received: motion_firmware.h), 21 (any id,
// as the robot: 5 is the height move, others the increments) and 16 (any id,
// as the robot: an unknown one is jump 0), 22 (any id) and the two-leg
// stand 64 (any id, as the robot: one outside 1..14 is greeting 0). Preset motions
// (62) are not a mode of their own: the firmware plays them as orders of
// these modes (preset_motions.h). Not supported (refused as BAN_TRANS):
// the motor SDK mode (15, reached through the motor SDK, not this
// interface), 80/81/9 (internal), other recovery stand gaits, and mode 11 gait ids not in high_level_gaits.cpp
// (other than 110).
bool mode_supported(int mode, int gait_id);

}  // namespace locomotion
