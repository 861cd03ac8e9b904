// The path of a swinging foot, relative to the trunk (heading frame): from
// where it lifted off to its touchdown point, `height` above the higher end.
// Every piece starts and stops with zero velocity. The shape says when the
// foot moves forward and when it rises and falls: on flat ground it moves
// through the whole swing (low joint speeds at 1.6 m/s); on stairs it rises
// before it moves and stops moving before it lands, so a toe clears a riser.
#pragma once

#include <Eigen/Dense>

namespace locomotion {

struct SwingShape {
  double move_start = 0.0;  // fraction of the swing when horizontal motion starts
  double move_end = 1.0;    // ... and ends
  double rise_end = 0.5;    // the foot reaches its apex here
  double fall_start = 0.5;  // and starts down here
};

inline constexpr SwingShape kFlatSwing{0.0, 0.9, 0.5, 0.5};
inline constexpr SwingShape kStairSwing{0.15, 0.6, 0.4, 0.6};
// Out of a hole: straight up to the apex first, then forward, then down.
inline constexpr SwingShape kHoleSwing{0.3, 0.8, 0.3, 0.8};

// A foot that, during its stance, went this far below where its swing
// aimed met no ground there: it stepped into a gap or between stones
// (blind, it learns so only by touch). More than the highest stair step, so
// a foot landing one step lower than expected on a flight does not count.
constexpr double kHoleDepth = 0.09;  // m

// The shape of a swing: the stair trot's, or, for a foot that `sank` (m)
// below its aim in the stance before, one that rises before it moves so the
// toe does not catch the hole's far wall.
const SwingShape& swing_shape(bool stair_gait, double sank);

struct SwingPoint {
  Eigen::Vector3d position;  // m
  Eigen::Vector3d velocity;  // m/s, relative to the trunk
};

SwingPoint swing_point(const SwingShape& shape, const Eigen::Vector3d& lift_off, const Eigen::Vector3d& touch_down,
                       double progress, double duration, double height);

}  // namespace locomotion
