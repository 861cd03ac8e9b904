// What the robot is asked to do, in the CyberDog 2's own terms (high-level
// API, mode 11 "locomotion"): a gait id, body-frame velocities, body height
// and swing height. The plugin fills it from its parameter string today; a
// high-level API (robot_control_cmd) can fill the same struct later.
#pragma once

#include <algorithm>
#include <array>
#include <string>

namespace locomotion {

struct UserGait;
struct GaitTiming;

// Gait ids as on the robot (robot_control_cmd.gait_id in mode 11), plus
// simarena's own stair trot, which the robot's open-source stack lacks.
enum class GaitId : int {
  kAuto = 0,         // simarena: the slowest trot whose speed cap fits the command
  kStand = 1,        // loco stand: four feet down, velocities ignored
  kMediumTrot = 3,   // medium trot
  kFastTrot = 10,    // flying/fast trot
  kSlowTrot = 27,    // slow trot
  kStairTrot = 50,   // simarena: slow trot that lifts before it steps (stairs, hurdles)
  kProbeCrawl = 60,  // simarena: one foot at a time, feeling for ground (blind gaps, stones; probe_crawl.h)
};

// The trunk heights a robot stands and walks at (m, trunk origin above the
// ground). The defaults are the CyberDog 2's, for its motion firmware; the
// locomotion plugin takes them from the host's robot model.
struct BodyHeights {
  double standing = 0.23;
  double min = 0.18;
  double max = 0.28;
  // The stair trot's: crouched to 87% of standing (CyberDog 2: 0.20 m, its
  // own stair-descent height), so a foot reaches a step 8 cm below its aim.
  double stairs() const { return std::max(min, kStairCrouch * standing); }
  static constexpr double kStairCrouch = 0.87;
};

struct LocomotionCommand {
  GaitId gait = GaitId::kAuto;
  double forward_speed = 0.0;                   // vx, m/s, body heading frame
  double lateral_speed = 0.0;                   // vy, m/s, to the left
  double yaw_rate = 0.0;                        // rad/s, counter-clockwise
  double body_height = BodyHeights{}.standing;  // m, trunk origin above the ground
  double step_height = 0.06;                    // m, swing clearance
  // The robot's user gait (mode 11, gait 110): when set, the walker plays
  // this contact schedule (user_gait.h) instead of `gait`'s, each leg
  // swinging `leg_step_height` high and landing `landing_offset` (trunk
  // frame x, y, m) from where it would land. Owned by the caller.
  const UserGait* user_gait = nullptr;
  // Which user gait it is (110, or the robot's 80-100): asked for another
  // while one plays, the new one starts from its first section at once (the
  // robot restarts its gait clock when the gait id changes).
  int user_gait_id = 0;
  std::array<double, 4> leg_step_height{};                // m, FR FL RR RL
  std::array<std::array<double, 2>, 4> landing_offset{};  // m, FR FL RR RL
  // A motion gait (mode 11, gaits 50-75; motion_gaits.h): when set, the
  // walker plays this contact pattern instead of `gait`'s, with the step
  // heights and landing offsets above; each swing also bulges `swing_bulge`
  // sideways (trunk frame y, m) at its middle, and the trunk pitches
  // `body_pitch` (rad, nose down). Owned by the caller.
  const GaitTiming* motion_timing = nullptr;
  std::array<double, 4> swing_bulge{};  // m, FR FL RR RL
  double body_pitch = 0.0;
};

// Per-gait caps, from the robot's own limits (shared facts: high-level API §5).
struct GaitLimits {
  double max_forward;   // m/s
  double max_backward;  // m/s (a positive number)
  double max_lateral;   // m/s
  double max_yaw_rate;  // rad/s
};

GaitLimits limits_of(GaitId gait);
std::string name_of(GaitId gait);
// The gait id for a number from a parameter string or a wire message;
// throws std::invalid_argument naming the accepted ids.
GaitId gait_from_number(double id);

// The gait the command runs (kAuto resolved) and its velocities clamped to
// that gait's caps, heights to the robot's ranges.
LocomotionCommand limited(const LocomotionCommand& command, const BodyHeights& heights = {});

constexpr double kMinBodyHeight = BodyHeights{}.min, kMaxBodyHeight = BodyHeights{}.max;  // m, CyberDog 2
constexpr double kMinStepHeight = 0.0, kMaxStepHeight = 0.10;                             // m

}  // namespace locomotion
