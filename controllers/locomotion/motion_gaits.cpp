#include "motion_gaits.h"

#include <algorithm>

namespace locomotion {

namespace {

// The robot's parameter values (cyberdog2-ctrl-user-parameters.yaml), m and rad.
constexpr double kStepHeight = 0.05;                                      // step_height_cmd_ default
constexpr double kSpecialTrotOffset[2] = {0.03, 0.03};                    // special_trot_landing_offset
constexpr double kSpecialPronkHeight = 0.025, kSpecialPronkSize = 0.025;  // special_pronk_height, _size
constexpr double kDiagonalOffset[2] = {0.03, 0.02};                       // diagonal_landing_offset
constexpr double kTrotSwingMiddle[3] = {0.0, 0.05, 0.05};                 // trot_swing_middle_pos
constexpr double kTrotInOutOffsetY = 0.06;                                // trot_in_out_landing_offset[1]
constexpr double kTrotPitchOffset[2] = {-0.05, 0.10};                     // trot_pitch_landing_offset
constexpr double kTrotPitchUpDown[2] = {0.15, -0.15};                     // trot_pitch_up_down
constexpr double kMoonwalkStepHeight[2] = {0.05, 0.015};                  // moonwalk_step_height
constexpr double kMoonwalkOffset[2] = {0.065, 0.0};                       // moonwalk_landing_offset: range, middle
constexpr double kBalletStepHeight = 0.010, kBalletTransStepHeight = 0.02, kBalletHeight = 0.04;
constexpr double kBalletOffset[2] = {-0.06, -0.10};  // ballet_landing_offset
constexpr double kPitchStepOffset[2] = {0.06, 0.0};  // pitch_step_landing_offset
constexpr double kPitchStepPitch = 0.12;             // pitch_step_pitch[0]
constexpr double kWalkWaveOffset[2] = {0.0, -0.05};  // walk_wave_landing_offset
constexpr double kWalkWavePitch[2] = {0.15, -0.15};  // walk_wave_pitch
constexpr double kWalkWaveHeight[3] = {0.02, -0.0, 0.0};
constexpr double kPaceStrideOffsetY[4] = {0.02, -0.02, 0.02, -0.02};  // pace_stride_landing_offset_y
// front_lift_landing_offset, rear_lift_landing_offset: x middle, x range, y middle, y range.
constexpr double kFrontLiftOffset[4] = {-0.01, 0.03, -0.02, 0.03}, kRearLiftOffset[4] = {0.01, 0.03, -0.02, 0.03};
constexpr double kFrontLiftHeightPitch[2] = {0.01, -0.05}, kRearLiftHeightPitch[2] = {0.01, 0.05};
constexpr double kLiftBodyFilter = 0.9;
constexpr double kLiftSwitchOffset[2] = {0.0, -0.05};       // front/rear_lift_switch_landing_offset
constexpr double kLiftSwitchMiddle[3] = {0.0, 0.05, 0.06};  // front/rear_lift_switch_middle_pos

// The robot mirrors a front-left value to each leg with these signs (leg_sign_x_, leg_sign_y_).
constexpr double kSignX[kLegs] = {1.0, 1.0, -1.0, -1.0};
constexpr double kSignY[kLegs] = {-1.0, 1.0, -1.0, 1.0};

// An OffsetDurationGait: `period` MPC steps; leg i's stance starts at step
// offsets[i] and lasts durations[i] steps.
GaitTiming offset_duration(int period, std::array<int, kLegs> offsets, std::array<int, kLegs> durations) {
  GaitTiming timing{period * kMotionGaitStep, 0.5, true, LegPattern{}};
  for (int leg = 0; leg < kLegs; ++leg) {
    timing.legs->offset[leg] = offsets[leg] == 0 ? 0.0 : 1.0 - static_cast<double>(offsets[leg]) / period;
    timing.legs->duty[leg] = static_cast<double>(durations[leg]) / period;
    timing.legs->cycles[leg] = 1;
  }
  return timing;
}

// A MixedFrequencyGait: leg i steps every periods[i] MPC steps, down for
// duty[i] of it; every leg starts its stance together.
GaitTiming mixed_frequency(std::array<int, kLegs> periods, std::array<double, kLegs> duty) {
  int longest = 0;
  for (int p : periods) longest = std::max(longest, p);
  GaitTiming timing{longest * kMotionGaitStep, 0.5, true, LegPattern{}};
  for (int leg = 0; leg < kLegs; ++leg) {
    timing.legs->cycles[leg] = longest / periods[leg];
    timing.legs->duty[leg] = duty[leg];
  }
  return timing;
}

// The same aim for every leg at every step.
std::array<StepCycle<FootAim>, kLegs> steady_feet(double step_height = kStepHeight) {
  std::array<StepCycle<FootAim>, kLegs> feet{};
  for (auto& foot : feet) foot.at[0].step_height = step_height;
  return feet;
}

// A front-left landing offset mirrored to leg `leg`.
FootAim mirrored(int leg, double x, double y, double step_height = kStepHeight) {
  return {kSignX[leg] * x, kSignY[leg] * y, step_height};
}

MotionGait special_trot() {
  MotionGait g{51, "special trot", offset_duration(12, {0, 6, 6, 0}, {5, 5, 5, 5})};
  g.max_forward = g.max_lateral = g.max_yaw_rate = 0.0;
  // Steps 0-1 of four (FR's): FR reaches out, the others pull in; steps 2-3: FL reaches out.
  for (int leg = 0; leg < kLegs; ++leg) {
    g.feet[leg] = {0, 4, {}};
    for (int step = 0; step < 4; ++step) {
      const int reaching = step <= 1 ? 0 : 1;
      const double sign = leg == reaching ? 1.0 : -1.0;
      g.feet[leg].at[step] = mirrored(leg, sign * kSpecialTrotOffset[0], sign * kSpecialTrotOffset[1]);
    }
  }
  return g;
}

MotionGait special_pronk() {
  // The CyberDog 2 plays the "mini" pronk: 10 steps, all four feet together.
  MotionGait g{50, "special pronk", offset_duration(10, {0, 0, 0, 0}, {6, 6, 6, 6})};
  g.max_forward = g.max_lateral = g.max_yaw_rate = 0.0;
  // The diagonals take turns to swing high and far (the robot's toggle, flipped at each FR lift-off).
  for (int leg = 0; leg < kLegs; ++leg) {
    g.feet[leg] = {0, 2, {}};
    const double pair = leg == 0 || leg == 3 ? 1.0 : -1.0;
    for (int step = 0; step < 2; ++step) {
      const double toggle = step == 0 ? 1.0 : -1.0;
      const bool high = pair * toggle > 0;
      g.feet[leg].at[step] = {pair * 2.0 * toggle * kSpecialPronkSize, 0.0, 0.01 + (high ? kSpecialPronkHeight : 0.0)};
    }
  }
  g.body.at[0].height = 0.03;
  return g;
}

// Diagonal left (52): FR and RL step, every other step stretched out; FL and RR stay down.
MotionGait diagonal(bool left) {
  MotionGait g{
      left ? 52 : 53, left ? "diagonal left" : "diagonal right",
      left ? offset_duration(16, {0, 0, 0, 0}, {9, 16, 16, 9}) : offset_duration(16, {0, 0, 0, 0}, {16, 9, 9, 16})};
  const int counter = left ? 0 : 1;
  for (int leg = 0; leg < kLegs; ++leg) {
    g.feet[leg] = {counter, 2, {}};
    g.feet[leg].at[0] = FootAim{};
    const bool stepping = left ? leg == 0 || leg == 3 : leg == 1 || leg == 2;
    g.feet[leg].at[1] = stepping ? mirrored(leg, kDiagonalOffset[0], kDiagonalOffset[1]) : FootAim{};
  }
  return g;
}

MotionGait trot_swing() {
  MotionGait g{55, "trot swing", offset_duration(20, {0, 10, 10, 0}, {12, 12, 12, 12})};
  g.feet = steady_feet(kTrotSwingMiddle[2]);
  g.swing_bulge = kTrotSwingMiddle[1];
  g.bulge_flips_every = 4;
  return g;
}

MotionGait trot_in_out() {
  MotionGait g{56, "trot in-out", offset_duration(18, {0, 9, 9, 0}, {11, 11, 11, 11})};
  // Steps 0-1 of four: every foot lands in; steps 2-3: out and forward (the robot uses the diagonal offset).
  for (int leg = 0; leg < kLegs; ++leg) {
    g.feet[leg] = {0, 4, {}};
    for (int step = 0; step < 4; ++step)
      g.feet[leg].at[step] =
          step <= 1 ? mirrored(leg, 0.0, -kTrotInOutOffsetY) : mirrored(leg, kDiagonalOffset[0], kDiagonalOffset[1]);
  }
  return g;
}

MotionGait trot_pitch() {
  MotionGait g{57, "trot pitch", offset_duration(18, {0, 9, 9, 0}, {11, 11, 11, 11})};
  // Steps 1-2 of four: head up, front feet reach forward; else head down, feet in.
  for (int leg = 0; leg < kLegs; ++leg) {
    g.feet[leg] = {0, 4, {}};
    for (int step = 0; step < 4; ++step) {
      const bool reach = (step == 1 || step == 2) && leg <= 1;
      g.feet[leg].at[step] = mirrored(leg, kTrotPitchOffset[0] + (reach ? kTrotPitchOffset[1] : 0.0), 0.0);
    }
  }
  g.body = {0, 4, {}};
  for (int step = 0; step < 4; ++step)
    g.body.at[step].pitch = step == 1 || step == 2 ? kTrotPitchUpDown[1] : kTrotPitchUpDown[0];
  return g;
}

// Moonwalk left (58): FR and RL take one long step a period, FL and RR two
// short ones; right (59) the other way round.
MotionGait moonwalk(bool left) {
  MotionGait g{left ? 58 : 59, left ? "moonwalk left" : "moonwalk right",
               left ? mixed_frequency({16, 8, 8, 16}, {0.375, 0.75, 0.75, 0.375})
                    : mixed_frequency({8, 16, 16, 8}, {0.75, 0.375, 0.375, 0.75})};
  const double range = kMoonwalkOffset[0], middle = kMoonwalkOffset[1];
  for (int leg = 0; leg < kLegs; ++leg) {
    const bool single = left ? leg == 0 || leg == 3 : leg == 1 || leg == 2;
    const int counter = left == single ? 0 : 1;  // left: FR counts the single beats, FL the double
    if (single) {
      g.feet[leg] = {counter, 2, {}};
      g.feet[leg].at[0] = {-range + middle, 0.0, kMoonwalkStepHeight[0]};
      g.feet[leg].at[1] = {range + middle, 0.0, kMoonwalkStepHeight[0]};
    } else {
      g.feet[leg] = {counter, 4, {}};
      const double x[4] = {range + middle, middle, -range + middle, middle};
      for (int step = 0; step < 4; ++step) g.feet[leg].at[step] = {x[step], 0.0, kMoonwalkStepHeight[1]};
    }
  }
  return g;
}

// Moonwalk switch left (74): FR and RL slide back and forth, FL and RR step in place.
MotionGait moon_switch(bool left) {
  MotionGait g{left ? 74 : 75, left ? "moonwalk switch left" : "moonwalk switch right",
               left ? mixed_frequency({12, 12, 12, 12}, {0.5, 0.75, 0.75, 0.5})
                    : mixed_frequency({12, 12, 12, 12}, {0.75, 0.5, 0.5, 0.75})};
  for (int leg = 0; leg < kLegs; ++leg) {
    const bool sliding = left ? leg == 0 || leg == 3 : leg == 1 || leg == 2;
    g.feet[leg] = {left ? 0 : 1, 2, {}};
    for (int step = 0; step < 2; ++step) {
      const double reach = sliding ? (step == 1 ? 0.5 : -0.5) * kMoonwalkOffset[0] : 0.0;
      g.feet[leg].at[step] = {reach + kMoonwalkOffset[1], 0.0, 0.5 * kMoonwalkStepHeight[sliding ? 0 : 1]};
    }
  }
  return g;
}

MotionGait walk_wave() {
  MotionGait g{60, "walk wave", offset_duration(36, {18, 0, 9, 27}, {27, 27, 27, 27})};
  for (int leg = 0; leg < kLegs; ++leg) g.feet[leg].at[0] = mirrored(leg, kWalkWaveOffset[0], kWalkWaveOffset[1]);
  // Each FR step the trunk tips the other way, raised by the middle height.
  g.body = {0, 2, {}};
  g.body.at[1] = {kWalkWavePitch[0], kWalkWaveHeight[0] + kWalkWaveHeight[1]};
  g.body.at[0] = {kWalkWavePitch[1], kWalkWaveHeight[0] + kWalkWaveHeight[2]};
  return g;
}

MotionGait ballet(bool trans) {
  MotionGait g{trans ? 69 : 68, trans ? "ballet trans" : "ballet", offset_duration(10, {0, 5, 5, 0}, {6, 6, 6, 6})};
  for (int leg = 0; leg < kLegs; ++leg)
    g.feet[leg].at[0] =
        trans ? FootAim{0.0, kSignY[leg] * 0.33 * kBalletOffset[1], kBalletTransStepHeight}
              : FootAim{kSignY[leg] * kBalletOffset[0], kSignY[leg] * kBalletOffset[1], kBalletStepHeight};
  if (!trans) g.body.at[0].height = kBalletHeight;
  return g;
}

// Pitch down left (70): only FL steps; every other FL step it reaches
// forward with the nose down, else the nose comes up.
MotionGait pitch_down(bool left) {
  MotionGait g{
      left ? 70 : 71, left ? "pitch down left" : "pitch down right",
      left ? offset_duration(18, {0, 0, 0, 0}, {18, 11, 18, 18}) : offset_duration(18, {0, 0, 0, 0}, {11, 18, 18, 18})};
  const int stepping = left ? 1 : 0;
  for (int leg = 0; leg < kLegs; ++leg) {
    g.feet[leg] = {stepping, 2, {}};
    g.feet[leg].at[0] = FootAim{};
    if (leg == stepping)
      g.feet[leg].at[1] = {kPitchStepOffset[0], (left ? 1.0 : -1.0) * kPitchStepOffset[1], kStepHeight};
  }
  g.body = {stepping, 2, {}};
  g.body.at[1].pitch = kPitchStepPitch;
  g.body.at[0].pitch = -kPitchStepPitch;
  g.body_filter = 0.1;
  return g;
}

MotionGait pace_stride(bool left) {
  MotionGait g{
      left ? 72 : 73, left ? "pace stride left" : "pace stride right",
      left ? offset_duration(12, {0, 6, 0, 6}, {7, 7, 7, 7}) : offset_duration(12, {6, 0, 6, 0}, {7, 7, 7, 7})};
  if (left)
    for (int leg = 0; leg < kLegs; ++leg) g.feet[leg].at[0] = {0.0, kPaceStrideOffsetY[leg], kStepHeight};
  return g;
}

// Front lift in (61) / left (62), rear lift in (65) / left (66): the
// front (rear) pair lifts together while the other pair stands. "In": every
// other step both feet land wider; "left": the two feet land by turns
// forward and back.
MotionGait lift(bool front, bool sideways) {
  const int id = front ? (sideways ? 62 : 61) : (sideways ? 66 : 65);
  const char* name =
      front ? (sideways ? "front lift left" : "front lift in") : (sideways ? "rear lift left" : "rear lift in");
  MotionGait g{
      id, name,
      front ? offset_duration(16, {0, 0, 0, 0}, {9, 9, 16, 16}) : offset_duration(16, {0, 0, 0, 0}, {16, 16, 9, 9})};
  const double* offset = front ? kFrontLiftOffset : kRearLiftOffset;
  const int first = front ? 0 : 2;
  for (int leg = first; leg < first + 2; ++leg) {
    // The robot counts FR's steps for the front pair, each rear leg's own for the rear pair ("in": RR's).
    g.feet[leg] = {front ? 0 : (sideways ? leg : 2), 2, {}};
    for (int step = 0; step < 2; ++step) {
      const double turn = step == 1 ? 1.0 : -1.0;
      if (sideways) {
        const double along = leg == first ? turn : -turn;  // the pair's two feet by turns
        g.feet[leg].at[step] = {kSignX[leg] * (offset[0] + along * offset[1]), 0.0, kStepHeight};
      } else {
        g.feet[leg].at[step] = {0.0, kSignY[leg] * (offset[2] + turn * offset[3]), kStepHeight};
      }
    }
  }
  const double* height_pitch = front ? kFrontLiftHeightPitch : kRearLiftHeightPitch;
  g.body.at[0] = {height_pitch[1], height_pitch[0]};
  g.body_filter = kLiftBodyFilter;
  return g;
}

// Front lift switch (63) / rear (67): the front (rear) feet take turns in
// the air, both up for a moment between, the other pair standing.
MotionGait lift_switch(bool front) {
  MotionGait g{front ? 63 : 67, front ? "front lift switch" : "rear lift switch",
               front ? offset_duration(28, {14, 0, 0, 0}, {12, 12, 28, 28})
                     : offset_duration(28, {0, 0, 0, 14}, {28, 28, 12, 12})};
  for (int leg = 0; leg < kLegs; ++leg)
    g.feet[leg].at[0] = mirrored(leg, kLiftSwitchOffset[0], kLiftSwitchOffset[1], kLiftSwitchMiddle[2]);
  g.swing_bulge = kLiftSwitchMiddle[1];
  const double* height_pitch = front ? kFrontLiftHeightPitch : kRearLiftHeightPitch;
  g.body.at[0] = {height_pitch[1], height_pitch[0]};
  g.body_filter = kLiftBodyFilter;
  return g;
}

}  // namespace

std::optional<MotionGait> motion_gait(int gait_id) {
  switch (gait_id) {
    case 50:
      return special_pronk();
    case 51:
      return special_trot();
    case 52:
    case 53:
      return diagonal(gait_id == 52);
    case 55:
      return trot_swing();
    case 56:
      return trot_in_out();
    case 57:
      return trot_pitch();
    case 58:
    case 59:
      return moonwalk(gait_id == 58);
    case 60:
      return walk_wave();
    case 61:
    case 62:
      return lift(true, gait_id == 62);
    case 65:
    case 66:
      return lift(false, gait_id == 66);
    case 63:
    case 67:
      return lift_switch(gait_id == 63);
    case 68:
    case 69:
      return ballet(gait_id == 69);
    case 70:
    case 71:
      return pitch_down(gait_id == 70);
    case 72:
    case 73:
      return pace_stride(gait_id == 72);
    case 74:
    case 75:
      return moon_switch(gait_id == 74);
  }
  return std::nullopt;
}

MotionGaitAim motion_gait_aim(const MotionGait& gait, const std::array<int, kLegs>& lift_offs) {
  MotionGaitAim aim;
  for (int leg = 0; leg < kLegs; ++leg) aim.feet[leg] = gait.feet[leg].pick(lift_offs);
  aim.body = gait.body.pick(lift_offs);
  if (gait.swing_bulge != 0.0) {
    const int every = gait.bulge_flips_every;
    const double side = every > 0 && lift_offs[0] % (2 * every) >= every ? -1.0 : 1.0;
    for (int leg = 0; leg < kLegs; ++leg) aim.bulge[leg] = side * kSignY[leg] * gait.swing_bulge;
  }
  return aim;
}

}  // namespace locomotion
