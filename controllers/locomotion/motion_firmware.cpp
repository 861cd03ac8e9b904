#include "motion_firmware.h"

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "body_rotation.h"
#include "body_state_estimator.h"
#include "command_queue.h"
#include "force_jump.h"
#include "gait_schedule.h"
#include "high_level_gaits.h"
#include "joint_command.h"
#include "jump.h"
#include "leg_kinematics.h"
#include "lie_side.h"
#include "lifted.h"
#include "locomotion_params.h"
#include "mode_transitions.h"
#include "motion_gaits.h"
#include "pose_control.h"
#include "preset_motions.h"
#include "robot_user_gaits.h"
#include "roll_over.h"
#include "stand_up.h"
#include "two_leg_stand.h"
#include "user_gait.h"
#include "velocity_limiter.h"
#include "walker.h"

namespace locomotion {

namespace {

constexpr int kJoints = 3 * kLegs;
constexpr double kCommandTimeout = 0.5;  // s without any frame: mode 7 (CMD_TIMEOUT)
constexpr double kSafeTilt = 1.3;        // rad of roll or pitch: emergency stop
constexpr double kEstopLock = 4.0;       // s the robot stays in ESTOP after a tilt stop (2000 periods)
constexpr double kUnsafeTilt = 80.0 * M_PI / 180.0, kUnsafeFootSideways = 0.28, kUnsafeFootSpeed = 19.0;  // rad, m, m/s
constexpr int kResponseEvery = 10;  // periods between responses (50 Hz at 500 Hz)
// The robot's leg workspace check (SafetyChecker::CheckLegWorkspace) in QP
// stand and locomotion: the abad range (cyberdog2-description.yaml), the hip
// pitch and the share of the leg length a foot must stay below its hip.
constexpr double kWorkspaceRoll = 0.6806784082777885;                                       // rad
constexpr double kWorkspacePitch = 60.0 * M_PI / 180.0, kBoundPitch = 45.0 * M_PI / 180.0;  // rad
constexpr double kWorkspaceLegShare = 6.0, kQpStandLegShare = 12.0;
constexpr int kGaitBound = 7;
constexpr double kContactForce = 5.0;  // N of ground force that counts as a foot down
constexpr double kOdometryTilt = 0.8;  // rad of roll or pitch past which the robot lies, not stands

// Switch status values of robot_control_response.
constexpr int8_t kStatusNormal = 0, kStatusTransitioning = 1, kStatusEstop = 2, kStatusDamping = 3, kStatusLifted = 4,
                 kStatusBanned = 5;
// A motor error: damping, then the emergency stop after this long.
constexpr double kMotorFaultDamping = 3.0;        // s
constexpr uint32_t kMotorModeBits = 0xC0000000u;  // bits 30-31 of a motor's flags: its mode, not an error

// Joint gains of the position-controlled motions (stand up, lie down, pose):
// the locomotion plugin's stand-up gains.
constexpr double kPoseKp = 80.0, kPoseKd = 2.0;
// Pure damper: the damping the robot's motor mode uses when it takes over
// (models/cyberdog2/robot.yaml takeover_kd); the robot sinks slowly.
constexpr double kDamperKd = 4.0;
// Active lie-down (mode 7 gait 1): ramp to the lying pose, hold, then damp.
constexpr double kLieDownRamp = 1.2, kLieDownHold = 0.8;  // s
// The lying pose: legs folded with the shanks level, as the robot spawns
// (models/cyberdog2/robot.yaml initial_pose).
constexpr std::array<double, 3> kLyingLeg{0.0, 0.81, -2.4};
// Recovery stand: the robot's fold and stand-up (stand_up.h); a robot on its
// back rolls over first (roll_over.h).
constexpr double kStandTilt = 0.5;     // rad: a stand-up that ends more tilted is retried
constexpr double kStandHeight = 0.25;  // m: the loco gaits' body height at rest
// QP stand (mode 3): the code's clamps (doc values in comments) and how fast
// the trunk moves to a new pose.
constexpr double kMaxPoseRoll = 0.47;                           // doc 0.52
constexpr double kMinPosePitch = -0.25, kMaxPosePitch = 0.3;    // rad
constexpr double kMaxPoseYaw = 0.65;                            // rad, relative to the heading on entry
constexpr double kMinPoseHeight = 0.15, kMaxPoseHeight = 0.35;  // m (doc 0.32; the legs reach about 0.31)
constexpr double kPoseTurnRate = 0.5, kPoseClimbRate = 0.1;     // rad/s, m/s

bool is_cyberdog2(const SimarenaRobotInfo& robot) {
  constexpr const char* kNames[] = {"FR_abad", "FR_hip", "FR_knee", "FL_abad", "FL_hip", "FL_knee",
                                    "RR_abad", "RR_hip", "RR_knee", "RL_abad", "RL_hip", "RL_knee"};
  if (robot.robot_name == nullptr || std::string(robot.robot_name) != "cyberdog2") return false;
  if (robot.num_joints != kJoints || robot.joint_names == nullptr) return false;
  for (int i = 0; i < kJoints; ++i)
    if (robot.joint_names[i] == nullptr || std::string(robot.joint_names[i]) != kNames[i]) return false;
  return true;
}

void set_joint(SimarenaMotorCmd& cmd, int i, double q, double kp, double kd, double tau = 0.0) {
  cmd.q_des[i] = static_cast<float>(q);
  cmd.qd_des[i] = 0.0f;
  cmd.kp_des[i] = static_cast<float>(kp);
  cmd.kd_des[i] = static_cast<float>(kd);
  cmd.tau_des[i] = static_cast<float>(tau);
}

Eigen::Matrix3d rpy_matrix(double roll, double pitch, double yaw) {
  return (Eigen::AngleAxisd(yaw, Eigen::Vector3d::UnitZ()) * Eigen::AngleAxisd(pitch, Eigen::Vector3d::UnitY()) *
          Eigen::AngleAxisd(roll, Eigen::Vector3d::UnitX()))
      .matrix();
}

trot::JointAngles leg_angles(const SimarenaRobotData& data, int leg) {
  return {data.q[3 * leg], data.q[3 * leg + 1], data.q[3 * leg + 2]};
}

}  // namespace

struct MotionFirmware::State {
  explicit State(double control_period) : dt(control_period), queue(control_period), velocity(control_period) {}

  double dt;
  trot::LegGeometry geometry;
  LocomotionParams params;  // the Walker's defaults
  CommandQueue queue;
  VelocityLimiter velocity;
  std::optional<Walker> walker;
  PoseControl pose_control{geometry};
  RollOver roll_over;
  LieSide lie_side{geometry};
  bool lying_down = false;  // 12/17, 12/18: lying on the side after the first stand
  bool lain = false;        // ... done: the roll-over and stand that follow end the order
  ForceJump force_jump{geometry, RigidBody{}, params.velocity_blend};
  bool rolling = false;  // the recovery stand rolls the robot off its back first
  Jump jump{geometry, RigidBody{}, params.velocity_blend, params.balance.attitude_kp, params.balance.attitude_kd};
  // The recovery stand's goal: feet under the hips, as the Walker stands.
  std::array<JointAngles, kLegs> stance = Walker(params, geometry).stance_pose(kStandHeight);
  StandUp stand_up_motion{geometry, stance};
  TwoLegStand two_leg_stand{geometry, stance};
  // An order the current motion makes wait until it may be left (the
  // robot's Transition: the greeting until it is back on four feet, the
  // recovery stand until it stands, its ready_for_switch_).
  std::optional<SimarenaHighLevelCmd> waiting;

  PresetMotions presets = PresetMotions::builtin();
  std::optional<UserGait> user_gait;                            // the last schedule received on user_gait_file
  RobotUserGaits robot_user_gaits = RobotUserGaits::builtin();  // gaits 80-100
  // Motion 110: the last "# Gait Params" text received, parsed; none when
  // none came or the last one did not parse.
  std::optional<PresetMotion> user_motion;
  // What the robot runs for a schedule it cannot read: one MPC step, four feet down.
  UserGait unreadable_gait{{GaitSection{}}};
  int last_motion = -1;  // the preset motion played last, until a zero-duration order (the robot's motion_id_)
  // The motion gait walking now (mode 11, gaits 50-75), the lift-offs
  // counted when it began (its step counters start there), and the trunk
  // pitch and height its steps ask for, filtered as the robot filters them.
  std::optional<MotionGait> motion_gait_now;
  std::array<int, kLegs> motion_lift_base{};
  double motion_pitch = 0.0, motion_height = kStandHeight;

  // The lifted protection (lifted.h): the check while walking or in QP
  // stand, the state, and the order it follows once it may.
  LiftedCheck lifted_check{geometry};
  LiftedState lifted;
  SimarenaHighLevelCmd lifted_wanted{};
  bool gait_changing = false;  // the walker has not yet taken the ordered gait

  int mode = kModeOff, gait = 0;
  SimarenaHighLevelCmd order{};  // the frame of the running order
  bool restart_motion = true;    // capture the pose the current motion starts from
  int64_t motion_periods = 0;    // periods the current motion has run (frozen while the motors are not ours)
  int64_t order_periods = 0;     // periods the current order has run (a refused order does not restart it)
  std::array<double, kJoints> start_q{};
  int8_t held_status = kStatusNormal;  // BAN_TRANS or ESTOP until the next accepted order
  int64_t estop_lock_periods = 0;      // left of the tilt stop's ESTOP, in which every order is lost
  bool motor_fault = false;            // a motor reports an error: no motion is accepted
  int64_t fault_periods = 0;
  int8_t bar = 100;

  // QP stand: the feet where they stood on entry (level frame under the
  // trunk, z = 0 on the ground) and the trunk pose now.
  std::array<Eigen::Vector3d, kLegs> ground_feet{};
  Eigen::Vector3d pose_rpy = Eigen::Vector3d::Zero();
  double pose_height = kStandHeight;
  double pose_distance_at_start = 0.0;
  // A preset motion's torctrlposture step also moves the trunk over the
  // feet (x, y, m): where it is and where the step takes it.
  bool pose_shifts = false;
  Eigen::Vector2d pose_shift = Eigen::Vector2d::Zero(), pose_shift_target = Eigen::Vector2d::Zero();

  SimarenaHighLevelResponse response{};
  // Leg odometry: the trunk's velocity from the feet on the ground, integrated.
  trot::BodyStateEstimator odometry_estimator{geometry, params.velocity_blend};
  Eigen::Vector3d odometry_position = Eigen::Vector3d::Zero();  // world axes, from the start
  std::optional<double> start_yaw;
  SimarenaLocalization odometry{};
  uint64_t periods = 0;
  bool due = false;

  void receive(const SimarenaHighLevelCmd& frame) {
    if (queue.receive(frame) == CommandQueue::Receipt::refused) held_status = kStatusBanned;
  }

  // A new order: the robot's transition check, then the mode it asks for.
  void start(const SimarenaHighLevelCmd& frame) {
    if (motor_fault) {
      queue.hold_current();  // no motion until the motors are healthy again
      return;
    }
    if (mode == kModeLifted) {  // the lifted state follows the order in effect when it may
      // (what it follows later must be something simarena runs)
      if (frame.mode != kModeMotion && !runnable(frame)) return refuse();
      lifted_wanted = frame;
      return;
    }
    if (estop_lock_periods > 0) {
      // The robot replaces a command other than 0 by mode 0 while its ESTOP
      // lasts: the order is lost (its life_count was taken), so a program
      // sends it again once switch_status leaves 2.
      queue.clear();
      return;
    }
    if (frame.mode == kModeMotion) return play_motion(frame.gait_id);
    if (!transition_allowed(mode, frame.mode) || !runnable(frame)) return refuse();
    if (mode == kModeTwoLegStand && frame.mode == kModeTwoLegStand) {
      held_status = kStatusNormal;  // the robot lets its greeting (and an order waiting for it) go on
      return;
    }
    waiting.reset();
    if (must_wait(frame.mode)) {
      held_status = kStatusNormal;
      waiting = frame;
      return;
    }
    // The robot forgets the last preset motion when an order of its own runs until replaced.
    if (queue.order().motion < 0 && frame.duration <= 0) last_motion = -1;
    held_status = kStatusNormal;
    enter(frame.mode, frame.gait_id, frame);
  }

  // A mode and gait simarena runs. The user gait needs its schedule first:
  // the robot without one would run an empty text; simarena refuses.
  bool runnable(const SimarenaHighLevelCmd& frame) const {
    if (!mode_supported(frame.mode, frame.gait_id)) return false;
    return !(frame.mode == kModeLocomotion && frame.gait_id == kUserGaitId && !user_gait);
  }

  // From the greeting, QP stand, jumps and pose control start once it
  // stands on four feet again; from the recovery stand, every motion but
  // off and damping starts once it stands (FSMStateRecoveryStand::Transition);
  // off and damping act at once.
  bool must_wait(int next) const {
    if (mode == kModeTwoLegStand)
      return (next == kModeQpStand || next == kModeJump || next == kModePoseCtrl) && bar < 100;
    if (mode == kModeRecoveryStand)
      return (next == kModeTwoLegStand || next == kModeJump || next == kModeForceJump || next == kModePoseCtrl ||
              next == kModeQpStand || next == kModeLocomotion) &&
             !stood();
    return false;
  }

  // The recovery stand stands: the robot's ready_for_switch_ (not while it
  // lies on a side or rolls, nor in the short stand before lying).
  bool stood() const {
    return !restart_motion && !rolling && !lying_down && stand_up_motion.ready() && !lies_after_stand();
  }

  // 12/17, 12/18 before it has lain: the stand is the short one before lying.
  bool lies_after_stand() const { return (gait == kGaitLieLeft || gait == kGaitLieRight) && !lain; }

  void refuse() {
    held_status = kStatusBanned;
    if (queue.order().motion >= 0) queue.clear();  // a refused step ends its preset motion
    queue.hold_current();                          // the refused order is dropped; the current motion continues
  }

  // Mode 62: the robot queues the motion's steps (a sit-down left for
  // another motion first rises to 0.225 m) and runs them as ordinary
  // orders; an id it has no file for plays motion 0 (all in one), reported
  // under the id asked for. simarena refuses 110 before a readable list,
  // and a motion whose first step the current mode may not go to (the robot
  // would refuse each step).
  void play_motion(int id) {
    const PresetMotion* motion = nullptr;
    if (id == kUserMotionId) {
      motion = user_motion ? &*user_motion : nullptr;
    } else {
      motion = presets.find(id);
      if (motion == nullptr) motion = presets.find(kAllInOneMotion);
    }
    if (motion == nullptr) return refuse();
    std::vector<SimarenaHighLevelCmd> steps;
    if (is_sitting_motion(last_motion) && !is_sitting_motion(id)) steps.push_back(rise_from_sitting());
    steps.insert(steps.end(), motion->steps.begin(), motion->steps.end());
    if (!transition_allowed(mode, steps.front().mode)) return refuse();
    last_motion = id;
    queue.play(id, steps);
    start(queue.order().frame);
  }

  void enter(int new_mode, int new_gait, const SimarenaHighLevelCmd& frame) {
    // The robot runs an unknown jump id as jump 0; a jump order while
    // jumping (or standing after one) does not jump again: it reports the
    // new gait id only (send 12 or 21 between jumps).
    if (new_mode == kModeJump && mode != kModeJump) new_gait = jump_goal(new_gait).gait_id;
    // The robot's force jump reports gait 1 or 4, else 0; a new 22 while in
    // 22 does not jump again either.
    if (new_mode == kModeForceJump && new_gait != 1 && new_gait != 4) new_gait = 0;
    // The greeting keeps ids 1..14, else 0.
    if (new_mode == kModeTwoLegStand && (new_gait < 1 || new_gait > 14)) new_gait = 0;
    if ((new_mode == kModeJump || new_mode == kModeForceJump) && mode == new_mode) {
      gait = new_gait;
      return;
    }
    // The robot's recovery stand takes a new gait without starting again:
    // standing, 12/17 lies down at once; 12/0 lets a later 17 or 18 lie again.
    const bool same_motion = new_mode == mode && (new_gait == gait || new_mode == kModeQpStand ||
                                                  new_mode == kModePoseCtrl || new_mode == kModeRecoveryStand);
    if (new_mode == kModeRecoveryStand && mode == kModeRecoveryStand && new_gait == 0) lain = false;
    const bool stays_walking = new_mode == kModeLocomotion && mode == kModeLocomotion;
    order = frame;
    order_periods = 0;
    order.mode = static_cast<int8_t>(new_mode);
    order.gait_id = static_cast<int8_t>(new_gait);
    if (new_mode == kModeLocomotion && !stays_walking) {
      walker.emplace(params, geometry);
      velocity.reset();
      motion_gait_now.reset();
      motion_pitch = 0.0;
      motion_height = kStandHeight;
    }
    if (new_mode == kModeQpStand && same_motion && queue.order().motion >= 0) pose_step_from_here();
    if (new_mode == kModeQpStand && same_motion) pose_distance_at_start = pose_distance();
    if (!same_motion && !stays_walking) {
      restart_motion = true;
      motion_periods = 0;
      bar = 0;
    }
    mode = new_mode;
    gait = new_gait;
  }

  // The robot's lifted protection fired (or the referee carried it): it
  // stops walking and hangs its legs; the order in effect waits.
  void enter_lifted() {
    lifted_wanted = order;
    enter(kModeLifted, 0, SimarenaHighLevelCmd{});
    held_status = kStatusNormal;
  }

  // FsmStateLifted's transitions: after 2 s off, damping or the recovery
  // stand; walking or QP stand only once on the ground for 1 s.
  void follow_order_when_lifted() {
    if (!lifted.accepts_orders()) return;
    const int wanted = lifted_wanted.mode;
    const bool any_time = wanted == kModeOff || wanted == kModeDamper || wanted == kModeRecoveryStand;
    const bool on_ground = (wanted == kModeLocomotion || wanted == kModeQpStand) && lifted.landed();
    if (any_time || on_ground) enter(wanted, lifted_wanted.gait_id, lifted_wanted);
  }

  LiftedCheckInput lifted_input(const SimarenaRobotData& data) const {
    LiftedCheckInput in;
    in.mode = mode;
    in.commanded_gait = gait;
    in.gait_settled = mode != kModeLocomotion || !gait_changing;
    in.pitch_command = order.rpy_des[1];
    if (mode == kModeLocomotion && walker)
      in.forward_speed = (rotation_of(data).transpose() * walker->state().velocity).x();
    return in;
  }

  void emergency_stop() {
    queue.clear();
    enter(kModeOff, 0, SimarenaHighLevelCmd{});
    held_status = kStatusEstop;
    estop_lock_periods = std::lround(kEstopLock / dt);
  }

  void step(const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
    ++periods;
    if (estop_lock_periods > 0 && --estop_lock_periods == 0 && held_status == kStatusEstop)
      held_status = kStatusNormal;  // the ESTOP is over: off, taking orders again
    const bool tilted = std::abs(data.rpy[0]) >= kSafeTilt || std::abs(data.rpy[1]) >= kSafeTilt;
    // Off, damping and the recovery stand are what a fallen robot may do;
    // the robot's jump, pose and two-leg (greeting) states do not check the tilt either.
    if (tilted && mode != kModeOff && mode != kModeDamper && mode != kModeRecoveryStand && mode != kModeJump &&
        mode != kModePoseCtrl && mode != kModeForceJump && mode != kModeLifted && mode != kModeTwoLegStand)
      emergency_stop();

    check_motors(data);
    const bool in_motion = queue.order().motion >= 0;
    switch (queue.advance()) {
      case CommandQueue::Event::started:
        start(queue.order().frame);
        break;
      case CommandQueue::Event::expired:
        if (in_motion && mode != kModeQpStand && mode != kModeLocomotion && mode != kModePoseCtrl && mode != kModeOff &&
            mode != kModeDamper) {
          // After a preset motion that ends in another mode (a stand, a
          // jump) the robot inserts its pose hold, 21/3.
          SimarenaHighLevelCmd hold{};
          hold.mode = kModePoseCtrl;
          hold.gait_id = 3;
          if (must_wait(kModePoseCtrl))
            waiting = hold;  // it holds the pose once the stand is done
          else
            enter(kModePoseCtrl, 3, hold);
        }
        // The robot's hold after the last queued order: QP stand hold (3/1),
        // loco stand (11/1), pose hold (21/3); the other modes carry on as they are.
        if (mode == kModeQpStand) gait = 1;
        if (mode == kModePoseCtrl) {  // the pose hold, 21/3: the trunk stays as the last order left it
          gait = 3;
          order = SimarenaHighLevelCmd{};
          order.mode = kModePoseCtrl;
          order.gait_id = 3;
        }
        if (mode == kModeLocomotion) {
          gait = 1;
          order.gait_id = 1;
          std::fill(std::begin(order.vel_des), std::end(order.vel_des), 0.0f);
        }
        break;
      case CommandQueue::Event::none:
        break;
    }
    if (mode != kModeOff && mode != kModeDamper &&
        static_cast<double>(queue.periods_since_frame()) * dt > kCommandTimeout + 1e-9) {
      // CMD_TIMEOUT: the program stopped talking; the robot lies down
      // passively. A lifted robot takes that order too, once it may.
      queue.clear();
      if (mode == kModeLifted) {
        lifted_wanted = SimarenaHighLevelCmd{};
        lifted_wanted.mode = kModeDamper;
      } else {
        enter(kModeDamper, 0, SimarenaHighLevelCmd{});
      }
    }

    const bool motors_ours = !(data.err_flag & SIMARENA_ERR_CMD_LOST_500MS);
    if ((mode == kModeLocomotion || mode == kModeQpStand) && motors_ours &&
        lifted_check.lifted(data, lifted_input(data)))
      enter_lifted();
    if (mode == kModeLifted) follow_order_when_lifted();

    if (mode == kModeLocomotion && !locomotion_safe(data)) {
      // The robot's LocomotionSafe: a leg out of its place while walking
      // forces the recovery stand.
      queue.clear();
      SimarenaHighLevelCmd stand{};
      stand.mode = kModeRecoveryStand;
      enter(kModeRecoveryStand, 0, stand);
    }

    cmd = SimarenaMotorCmd{};
    int8_t status = kStatusNormal;
    if (data.err_flag & SIMARENA_ERR_CMD_LOST_500MS) {
      // The motors are not taking commands yet (simarena's motor mode starts
      // in take-over and needs all-zero frames): send them and start the
      // motion when the motors are ours. The robot's own controller never
      // sees this; it only happens inside the simulator's motor link.
      restart_motion = true;
      motion_periods = 0;
    } else {
      if (restart_motion) begin_motion(data);
      status = run_mode(data, cmd);
      // An order waits only while the motion it waits for runs (a timeout's
      // damping, say, drops it).
      if (waiting && mode != kModeTwoLegStand && mode != kModeRecoveryStand) waiting.reset();
      if (waiting) {
        status = kStatusTransitioning;
        if (!must_wait(waiting->mode)) {
          const SimarenaHighLevelCmd next = *waiting;
          waiting.reset();
          enter(next.mode, next.gait_id, next);
        }
      }
      ++motion_periods;
      ++order_periods;
    }
    fill_response(data, held_status != kStatusNormal ? held_status : status);
    update_odometry(data);
  }

  // The feet the response reports on the ground carry the odometry. While
  // walking, the horizontal velocity is the walker's, which trusts a foot
  // only mid-stance: counting feet as they land and lift made the distance
  // read ~3 % short (2.33 m for 2.41 m walked).
  //
  // A robot that is not on its feet (off, damping, lifted, lying tilted, or
  // no foot on the ground outside a jump's flight) has nothing to measure
  // its motion against: the odometry holds still there, and starts again
  // from rest when the feet carry it (integrating the accelerometer alone
  // ran away by tens of metres while it lay).
  void update_odometry(const SimarenaRobotData& data) {
    std::array<double, kLegs> support{};
    for (int leg = 0; leg < kLegs; ++leg) support[leg] = (response.contact >> leg) & 1 ? 1.0 : 0.0;
    // A copy: the estimator is replaced below while the robot is off its feet.
    const trot::BodyState body = odometry_estimator.update(data, support, dt);
    Eigen::Vector3d velocity = body.velocity;
    if (mode == kModeLocomotion && walker) velocity.head<2>() = walker->state().velocity.head<2>();
    const bool flying = mode == kModeJump || mode == kModeForceJump;
    const bool upright = std::abs(data.rpy[0]) < kOdometryTilt && std::abs(data.rpy[1]) < kOdometryTilt;
    const bool on_feet =
        mode != kModeOff && mode != kModeDamper && mode != kModeLifted && upright && (response.contact != 0 || flying);
    if (!on_feet) {
      velocity.setZero();
      odometry_estimator = trot::BodyStateEstimator(geometry, params.velocity_blend);
    }
    if (!start_yaw) start_yaw = body.rpy.z();
    odometry_position += velocity * dt;
    const Eigen::Matrix3d to_start = Eigen::AngleAxisd(-*start_yaw, Eigen::Vector3d::UnitZ()).matrix();
    const Eigen::Vector3d xyz = to_start * odometry_position, vxyz = to_start * velocity;
    const Eigen::Vector3d v_body = body.rotation.transpose() * velocity;
    const Eigen::Vector3d omega_body = body.rotation.transpose() * body.omega;
    for (int i = 0; i < 3; ++i) {
      odometry.xyz[i] = static_cast<float>(xyz[i]);
      odometry.vxyz[i] = static_cast<float>(vxyz[i]);
      odometry.rpy[i] = data.rpy[i];
      odometry.omegaBody[i] = static_cast<float>(omega_body[i]);
      odometry.vBody[i] = static_cast<float>(v_body[i]);
    }
  }

  // FsmStateLocomotion::LocomotionSafe: roll or pitch past 80 degrees, a
  // foot above its hip or more than 0.28 m sideways of it, or a foot moving
  // faster than 19 m/s relative to the trunk.
  bool locomotion_safe(const SimarenaRobotData& data) const {
    if (std::abs(data.rpy[0]) > kUnsafeTilt || std::abs(data.rpy[1]) > kUnsafeTilt) return false;
    for (int leg = 0; leg < kLegs; ++leg) {
      const trot::JointAngles q = leg_angles(data, leg);
      const Eigen::Vector3d foot = trot::foot_position(geometry, leg, q) - geometry.abad_origin(leg);
      const Eigen::Vector3d qd(data.qd[3 * leg], data.qd[3 * leg + 1], data.qd[3 * leg + 2]);
      const double speed = (trot::foot_jacobian(geometry, leg, q) * qd).norm();
      if (foot.z() > 0.0 || std::abs(foot.y()) > kUnsafeFootSideways || speed > kUnsafeFootSpeed) return false;
    }
    return true;
  }

  // The robot on a motor error: damping (EDAMP), then after 3 s the
  // emergency stop; nothing else is accepted until the error clears. A robot
  // already off stays off (ESTOP).
  void check_motors(const SimarenaRobotData& data) {
    bool fault = false;
    for (int i = 0; i < kJoints; ++i) fault = fault || (data.motor_flags[i] & ~kMotorModeBits) != 0;
    if (!fault) {
      motor_fault = false;
      return;
    }
    if (!motor_fault) {
      motor_fault = true;
      fault_periods = 0;
      queue.clear();
      if (mode != kModeOff) enter(kModeDamper, 0, SimarenaHighLevelCmd{});
    }
    ++fault_periods;
    if (mode != kModeOff && static_cast<double>(fault_periods) * dt >= kMotorFaultDamping - 1e-9)
      enter(kModeOff, 0, SimarenaHighLevelCmd{});
    held_status = mode == kModeOff ? kStatusEstop : kStatusDamping;
  }

  void begin_motion(const SimarenaRobotData& data) {
    restart_motion = false;
    for (int i = 0; i < kJoints; ++i) start_q[i] = data.q[i];
    if (mode == kModePoseCtrl) pose_control.begin(data);
    if (mode == kModeRecoveryStand) {
      rolling = RollOver::needed(data);
      if (rolling)
        roll_over.begin(data);
      else
        stand_up_motion.begin(data);
      lying_down = lain = false;
    }
    if (mode == kModeJump) jump.begin(data, jump_goal(gait));
    if (mode == kModeForceJump) force_jump.begin(data, order);
    if (mode == kModeTwoLegStand) two_leg_stand.begin(data, gait);
    if (mode == kModeLifted) lifted.begin();
    if (mode == kModeQpStand) {
      // The feet stay where they are; the trunk pose starts where it is.
      const Eigen::Matrix3d level = rpy_matrix(data.rpy[0], data.rpy[1], 0.0);
      double height = 0.0;
      for (int leg = 0; leg < kLegs; ++leg) {
        ground_feet[leg] = level * trot::foot_position(geometry, leg, leg_angles(data, leg));
        height -= ground_feet[leg].z() / kLegs;
      }
      height += geometry.foot_radius;  // trunk origin above the ground, not above the foot spheres' centres
      for (auto& foot : ground_feet) foot.z() += height;
      pose_rpy = Eigen::Vector3d(data.rpy[0], data.rpy[1], 0.0);
      pose_height = height;
      pose_shifts = false;
      pose_shift = pose_shift_target = Eigen::Vector2d::Zero();
      if (queue.order().motion >= 0) pose_step_from_here();
      pose_distance_at_start = pose_distance();
    }
  }

  double seconds() const { return static_cast<double>(motion_periods) * dt; }

  // The mode's motor command this period; returns its switch status.
  int8_t run_mode(const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
    switch (mode) {
      case kModeDamper:
        return gait == 1 ? lie_down(data, cmd) : damp(data, cmd);
      case kModeRecoveryStand:
        return stand_up(data, cmd);
      case kModeQpStand:
        return hold_pose(data, cmd);
      case kModeLocomotion:
        return walk(data, cmd);
      case kModePoseCtrl:
        bar = pose_control.step(order, order_periods, dt, cmd);
        return kStatusNormal;
      case kModeJump:
        bar = jump.step(data, dt, cmd);
        return kStatusNormal;
      case kModeForceJump:
        bar = force_jump.step(data, dt, cmd);
        return kStatusNormal;
      case kModeTwoLegStand:
        bar = two_leg_stand.step(data, dt, cmd);
        return kStatusNormal;
      case kModeLifted:
        lifted.step(data, cmd);
        gait = lifted.gait_id();  // 1 while it lies tilted past 1 rad (fallen), else 0
        bar = 0;
        return kStatusLifted;
      default:  // off: motors passive
        bar = 100;
        return kStatusNormal;
    }
  }

  int8_t damp(const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
    for (int i = 0; i < kJoints; ++i) set_joint(cmd, i, data.q[i], 0.0, kDamperKd);
    bar = 100;
    return kStatusNormal;
  }

  int8_t lie_down(const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
    const double t = seconds();
    bar = static_cast<int8_t>(std::lround(100.0 * std::min(1.0, t / kLieDownRamp)));
    if (t >= kLieDownRamp + kLieDownHold) return damp(data, cmd);  // lying: the legs rest
    const double s = smooth_blend(t / kLieDownRamp);
    for (int i = 0; i < kJoints; ++i)
      set_joint(cmd, i, start_q[i] + s * (kLyingLeg[i % 3] - start_q[i]), kPoseKp, kPoseKd);
    return kStatusNormal;
  }

  int8_t stand_up(const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
    if (lying_down) {
      const bool lying = lie_side.step(data, dt, cmd);
      bar = lie_side.bar();
      if (lying) return kStatusNormal;
      // On its side: the roll-over gets it back onto its belly, then it stands (the robot's FoldLegs onwards).
      lying_down = false;
      lain = rolling = true;
      roll_over.begin(data);
    }
    if (rolling) {
      bar = lain ? 80 : 0;
      if (roll_over.step(data, dt, cmd)) return kStatusNormal;
      rolling = false;  // on its belly, legs folded: stand up from here
      stand_up_motion.begin_folded(data);
    }
    stand_up_motion.step(data, cmd);
    const bool lie_after = lies_after_stand();
    if (stand_up_motion.ready() && (std::abs(data.rpy[0]) > kStandTilt || std::abs(data.rpy[1]) > kStandTilt)) {
      // Stood up but not upright (still on its side): fold and try again, as the robot does.
      rolling = true;
      roll_over.begin(data);
      bar = lain ? 80 : 0;
      return kStatusNormal;
    }
    if (lie_after && stand_up_motion.ready()) {  // 12/17, 12/18: the short stand done, it lies on that side
      lying_down = true;
      lie_side.begin(data, gait == kGaitLieLeft);
    }
    // The short stand before lying reports no progress; after lying on its
    // side the robot reads 80 until it stands.
    bar = lie_after ? 0 : stand_up_motion.bar();
    if (lain && bar < 80) bar = 80;
    return kStatusNormal;
  }

  Eigen::Vector4d pose_target() const {
    return {std::clamp<double>(order.rpy_des[0], -kMaxPoseRoll, kMaxPoseRoll),
            std::clamp<double>(order.rpy_des[1], kMinPosePitch, kMaxPosePitch),
            std::clamp<double>(order.rpy_des[2], -kMaxPoseYaw, kMaxPoseYaw),
            std::clamp<double>(order.pos_des[2], kMinPoseHeight, kMaxPoseHeight)};
  }

  double pose_distance() const {
    const Eigen::Vector4d target = pose_target();
    const double shift = pose_shifts ? (pose_shift_target - pose_shift).cwiseAbs().maxCoeff() / kPoseClimbRate : 0.0;
    return std::max({(target.head<3>() - pose_rpy).cwiseAbs().maxCoeff() / kPoseTurnRate,
                     std::abs(target[3] - pose_height) / kPoseClimbRate, shift});
  }

  // A preset motion's torctrlposture step (mode 3, gait 3): the robot's QP
  // stand reads its body values as moves from the pose the trunk holds when
  // the step starts (rpy, then x, y, z), not as a pose.
  void pose_step_from_here() {
    for (int axis = 0; axis < 3; ++axis) order.rpy_des[axis] = static_cast<float>(pose_rpy[axis] + order.rpy_des[axis]);
    order.pos_des[2] = static_cast<float>(pose_height + order.pos_des[2]);
    pose_shifts = true;
    pose_shift_target = pose_shift + Eigen::Vector2d(order.pos_des[0], order.pos_des[1]);
  }

  // QP stand: the trunk turns and rises over feet that stay put (leg IK),
  // joint PD plus each foot's share of the weight.
  int8_t hold_pose(const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
    const Eigen::Vector4d target = pose_target();
    for (int axis = 0; axis < 3; ++axis) pose_rpy[axis] = toward(target[axis], pose_rpy[axis], kPoseTurnRate * dt);
    pose_height = toward(target[3], pose_height, kPoseClimbRate * dt);
    for (int axis = 0; axis < 2; ++axis)
      pose_shift[axis] = toward(pose_shift_target[axis], pose_shift[axis], kPoseClimbRate * dt);
    const Eigen::Matrix3d rotation = rpy_matrix(pose_rpy.x(), pose_rpy.y(), pose_rpy.z());
    const Eigen::Matrix3d measured = rotation_of(data);
    const double weight_share = RigidBody{}.mass * 9.81 / kLegs;
    for (int leg = 0; leg < kLegs; ++leg) {
      const Eigen::Vector3d trunk = pose_shifts ? Eigen::Vector3d(pose_shift.x(), pose_shift.y(), pose_height)
                                                : Eigen::Vector3d(0, 0, pose_height);
      const Eigen::Vector3d foot = rotation.transpose() * (ground_feet[leg] - trunk);
      const trot::JointAngles q = trot::inverse_kinematics(geometry, leg, trot::clamp_to_workspace(geometry, leg, foot))
                                      .value_or(leg_angles(data, leg));
      const Eigen::Matrix3d jacobian = trot::foot_jacobian(geometry, leg, leg_angles(data, leg));
      const Eigen::Vector3d tau = -jacobian.transpose() * (measured.transpose() * Eigen::Vector3d(0, 0, weight_share));
      for (int j = 0; j < 3; ++j) set_joint(cmd, 3 * leg + j, q[j], kPoseKp, kPoseKd, tau[j]);
    }
    const double left = pose_distance();
    bar = left <= 1e-9 ? 100
                       : static_cast<int8_t>(std::lround(
                             100.0 * std::clamp(1.0 - left / std::max(pose_distance_at_start, 1e-9), 0.0, 0.99)));
    return kStatusNormal;
  }

  int8_t walk(const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
    if (gait == kUserGaitId || is_robot_user_gait(gait)) return walk_user_gait(data, cmd);
    if (!motion_gait_now || motion_gait_now->id != gait) {
      motion_gait_now = motion_gait(gait);
      if (motion_gait_now) motion_lift_base = walker->lift_offs();
    }
    if (motion_gait_now) return walk_motion_gait(*motion_gait_now, data, cmd);
    const HighLevelGait g = *high_level_gait(gait);
    const PlanarVelocity wanted{order.vel_des[0], order.vel_des[1], order.vel_des[2]};
    const PlanarVelocity& v = velocity.step(g, wanted);
    LocomotionCommand command;
    command.gait = g.walker_gait;
    command.forward_speed = v.forward;
    command.lateral_speed = v.lateral;
    command.yaw_rate = v.yaw_rate;
    command.body_height = loco_body_height(g, v.forward, order.value);
    command.step_height = step_height_for(g, order.step_height[0]);
    walker->step(data, command, dt, cmd);
    bar = walking_bar();
    // A new gait takes over when the cycle wraps: until then it is a transition.
    const GaitTiming wanted_timing = timing_of(g.walker_gait), now = walker->gait().timing();
    const bool changing = wanted_timing.stepping != now.stepping || wanted_timing.period != now.period ||
                          walker->gait().playing_user();  // the user gait ends at the first four feet down
    gait_changing = changing;
    return changing ? kStatusTransitioning : kStatusNormal;
  }

  // Gaits 50-75: the motion gait's pattern, its steps' landing offsets,
  // step heights, trunk pitch and height; vel_des clamped, not ramped.
  int8_t walk_motion_gait(const MotionGait& g, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
    std::array<int, kLegs> steps = walker->lift_offs();
    for (int leg = 0; leg < kLegs; ++leg) steps[leg] -= motion_lift_base[leg];
    const MotionGaitAim aim = motion_gait_aim(g, steps);
    // The robot blends a share of the way each 2 ms period; the same per second at any control period.
    const double blend = 1.0 - std::pow(1.0 - g.body_filter, dt / 0.002);
    motion_pitch += blend * (aim.body.pitch - motion_pitch);
    motion_height += blend * (kMotionGaitHeight + aim.body.height - motion_height);
    LocomotionCommand command;
    command.gait = GaitId::kSlowTrot;  // not used: the motion gait sets the steps
    command.motion_timing = &g.timing;
    command.forward_speed = std::clamp<double>(order.vel_des[0], -g.max_forward, g.max_forward);
    command.lateral_speed = std::clamp<double>(order.vel_des[1], -g.max_lateral, g.max_lateral);
    command.yaw_rate = std::clamp<double>(order.vel_des[2], -g.max_yaw_rate, g.max_yaw_rate);
    command.body_height = motion_height;
    command.body_pitch = motion_pitch;
    for (int leg = 0; leg < kLegs; ++leg) {
      command.leg_step_height[leg] = aim.feet[leg].step_height;
      command.landing_offset[leg] = {aim.feet[leg].x, aim.feet[leg].y};
      command.swing_bulge[leg] = aim.bulge[leg];
    }
    walker->step(data, command, dt, cmd);
    velocity.reset();  // another gait after this one ramps from rest
    bar = walking_bar();
    // The pattern takes over when the cycle wraps: until then it is a transition.
    const GaitTiming& now = walker->gait().timing();
    gait_changing = now.legs != g.timing.legs || now.period != g.timing.period || walker->gait().playing_user();
    return gait_changing ? kStatusTransitioning : kStatusNormal;
  }

  // A walking order's bar: the share of its duration run, 100 for an order
  // that runs until replaced.
  int8_t walking_bar() const {
    const Order& running = queue.order();
    return running.periods > 0
               ? static_cast<int8_t>(std::min<int64_t>(100, 100 * queue.periods_run() / running.periods))
               : 100;
  }

  // The schedule of the user gait walking now: gait 110's the one received
  // last, 80-100 the robot's own; the robot runs one it cannot read as one
  // MPC step with four feet down.
  const UserGait* user_gait_now() const {
    if (gait != kUserGaitId) {
      const UserGait* robot_gait = robot_user_gaits.find(gait);
      return robot_gait ? robot_gait : &unreadable_gait;
    }
    return user_gait ? &*user_gait : &unreadable_gait;  // none: entered from the lifted state
  }

  // Gaits 110 and 80-100: the schedule, the frame's fields as the robot reads them.
  int8_t walk_user_gait(const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
    const UserGaitOrder o = user_gait_order(order);
    LocomotionCommand command;
    command.gait = GaitId::kSlowTrot;  // not used: the schedule sets the steps
    command.forward_speed = o.forward;
    command.lateral_speed = o.lateral;
    command.yaw_rate = o.yaw_rate;
    command.body_height = o.body_height;
    command.user_gait = user_gait_now();
    command.user_gait_id = gait;
    command.leg_step_height = o.step_height;
    command.landing_offset = o.landing_offset;
    walker->step(data, command, dt, cmd);
    velocity.reset();  // another gait after this one ramps from rest, as from a stand
    bar = walking_bar();
    // Until the current trot cycle ends the schedule has not started: a transition.
    gait_changing = !walker->gait().playing_user();
    return gait_changing ? kStatusTransitioning : kStatusNormal;
  }

  // Foot contact: the ground force each foot feels, from the measured joint
  // torques (static balance, tau = -J^T f), above 5 N upward; while walking
  // only feet the gait has down count (a swinging leg's torques accelerate
  // the leg, not the trunk).
  int8_t contact(const SimarenaRobotData& data) const {
    const Eigen::Matrix3d rotation = rotation_of(data);
    int8_t bits = 0;
    for (int leg = 0; leg < kLegs; ++leg) {
      const Eigen::Matrix3d jt = trot::foot_jacobian(geometry, leg, leg_angles(data, leg)).transpose();
      if (std::abs(jt.determinant()) < 1e-6) continue;  // straight leg: no estimate
      const Eigen::Vector3d tau(data.tau[3 * leg], data.tau[3 * leg + 1], data.tau[3 * leg + 2]);
      const Eigen::Vector3d force = rotation * (-jt.partialPivLu().solve(tau));
      bool down = force.z() > kContactForce;
      if (mode == kModeLocomotion && walker) down = down && walker->gait().phase(leg).stance;
      if (down) bits = static_cast<int8_t>(bits | (1 << leg));
    }
    return bits;
  }

  // footpos_error as the robot computes it in QP stand (3) and locomotion
  // (11), from the measured feet relative to their abad axes: leg k sets bit
  // 8k when |x| passes leg length × sin 60° (45° in the bound), bit 8k+1
  // when y leaves the abad range (with the hip offset on the leg's side),
  // bit 8k+2 when the foot is higher than leg length / 6 (/ 12 in QP stand
  // and the bound) below the hip or farther than the straight leg. The robot
  // keeps these in an int32 and sends them in the int16 field, so only FR
  // (bits 0-2) and FL (bits 8-10) ever reach the response; so here.
  int16_t footpos_error(const SimarenaRobotData& data) const {
    if (mode != kModeQpStand && mode != kModeLocomotion) return 0;
    const bool bound = mode == kModeLocomotion && gait == kGaitBound;
    const double length = geometry.thigh + geometry.shank;
    const double reach_x = length * std::sin(bound ? kBoundPitch : kWorkspacePitch);
    const double highest = -length / (mode == kModeQpStand || bound ? kQpStandLegShare : kWorkspaceLegShare);
    const double lowest = -std::hypot(length, geometry.hip_offset);
    uint32_t flags = 0;
    for (int leg = 0; leg < kLegs; ++leg) {
      const Eigen::Vector3d p = trot::foot_position(geometry, leg, leg_angles(data, leg)) - geometry.abad_origin(leg);
      const double side = trot::LegGeometry::side(leg);
      const double outward = length * std::sin(kWorkspaceRoll), offset = geometry.hip_offset * std::cos(kWorkspaceRoll);
      if (std::abs(p.x()) > reach_x) flags |= 1u << (8 * leg);
      if (p.y() > outward + side * offset || p.y() < -(outward - side * offset)) flags |= 1u << (8 * leg + 1);
      if (p.z() > highest || p.z() < lowest) flags |= 1u << (8 * leg + 2);
    }
    return static_cast<int16_t>(flags & 0xFFFFu);
  }

  void fill_response(const SimarenaRobotData& data, int8_t status) {
    const SimarenaHighLevelResponse before = response;
    response.mode = static_cast<int8_t>(mode);
    response.gait_id = static_cast<int8_t>(gait);
    response.contact = contact(data);
    response.order_process_bar = bar;
    response.switch_status = status;
    response.ori_error = std::abs(data.rpy[0]) >= kSafeTilt || std::abs(data.rpy[1]) >= kSafeTilt ? 1 : 0;
    response.footpos_error = footpos_error(data);
    const Order& running = queue.order();
    if (running.motion >= 0 && mode != kModeOff && mode != kModeDamper) {
      // A preset motion plays: the robot reports mode 62, the motion id, the
      // share of its steps done (100 in the last tenth of the last step),
      // and never "transitioning".
      response.mode = kModeMotion;
      response.gait_id = static_cast<int8_t>(running.motion);
      int done = static_cast<int>(running.motion_step * 100.0 / running.motion_steps) + 1;
      if (running.motion_step == running.motion_steps - 1 &&
          static_cast<double>(queue.periods_run() + 1) > 0.9 * static_cast<double>(running.periods))
        done = 100;
      response.order_process_bar = static_cast<int8_t>(std::min(done, 100));
      if (response.switch_status == kStatusTransitioning) response.switch_status = kStatusNormal;
    }
    for (int i = 0; i < SIMARENA_MAX_JOINTS; ++i) {
      // Bits 30-31 are the motor's mode (healthy: 0x80000000 = INT32_MIN); any other bit is an error.
      const uint32_t flags = data.motor_flags[i];
      response.motor_error[i] = (flags & ~kMotorModeBits) ? static_cast<int32_t>(flags) : INT32_MIN;
    }
    due = periods % kResponseEvery == 0 || response.switch_status != before.switch_status ||
          (response.order_process_bar >= 95 && before.order_process_bar < 100);
  }
};

MotionFirmware::MotionFirmware(const SimarenaRobotInfo& robot) {
  if (!is_cyberdog2(robot))
    throw std::invalid_argument(
        "the motion firmware knows only the CyberDog 2 (robot 'cyberdog2', its 12 joints in API order FR_abad .. "
        "RL_knee): its legs, masses and gaits are that robot's");
  if (!(robot.control_period > 0.0 && robot.control_period < 0.1))
    throw std::invalid_argument("the motion firmware needs a control period between 0 and 0.1 s, got " +
                                std::to_string(robot.control_period));
  state_ = std::make_unique<State>(robot.control_period);
  state_->response.mode = kModeOff;
  state_->response.order_process_bar = 100;
  for (int32_t& error : state_->response.motor_error) error = INT32_MIN;
}

MotionFirmware::~MotionFirmware() = default;

void MotionFirmware::receive(const SimarenaHighLevelCmd& frame) { state_->receive(frame); }

MotionFirmware::GaitFileReceipt MotionFirmware::receive_gait_file(std::string_view text) {
  switch (gait_text_kind(text)) {
    case GaitTextKind::definition:
      try {
        state_->user_gait = parse_user_gait(text);
        return {0, {}};
      } catch (const UserGaitError& e) {
        return {1, e.what()};
      }
    case GaitTextKind::parameters:
      // The robot keeps the text and reads it when motion 110 starts; an
      // unreadable one then plays nothing. simarena reads it now and
      // refuses motion 110 (BAN_TRANS) until a readable one comes.
      try {
        state_->user_motion = parse_user_motion(text);
        return {0, {}};
      } catch (const UserGaitError& e) {
        state_->user_motion.reset();
        return {0, e.what()};
      }
    case GaitTextKind::unknown:
      break;
  }
  return {1, "a user gait text starts with \"# Gait Def\" or \"# Gait Params\""};
}

void MotionFirmware::step(const SimarenaRobotData& data, SimarenaMotorCmd& cmd) { state_->step(data, cmd); }

void MotionFirmware::carried() {
  State& s = *state_;
  // The robot checks for a lift only while walking or in QP stand.
  if (s.mode == kModeLocomotion || s.mode == kModeQpStand) s.enter_lifted();
}

const SimarenaHighLevelResponse& MotionFirmware::response() const { return state_->response; }

bool MotionFirmware::response_due() const { return state_->due; }

const SimarenaLocalization& MotionFirmware::odometry() const { return state_->odometry; }

}  // namespace locomotion
