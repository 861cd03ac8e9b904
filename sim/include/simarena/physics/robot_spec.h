// Everything robot-specific, read from models/<robot>/robot.yaml. The C++
// code holds no robot constant: a new robot is a new folder of files.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace simarena {

// One motor's limits (the robot's motor-control mode applies these).
struct MotorSpec {
  double torque_limit = 0;       // N·m, symmetric
  double full_torque_speed = 0;  // rad/s: full torque available up to here
  double zero_torque_speed = 0;  // rad/s: available torque falls linearly to 0 here
  double kp_max = 0;             // N·m/rad
  double kd_max = 0;             // N·m·s/rad
};

struct JointSpec {
  std::string name;        // API name, e.g. FR_knee
  std::string mjcf_joint;  // hinge joint in the MJCF
  std::string actuator;    // affine actuator driving it
  int sign = 1;            // api angle = sign * mjcf angle
  int wire_sign = 1;       // onboard (LCM) angle = wire_sign * api angle
  double range_min = 0;    // rad, API convention
  double range_max = 0;
  double jump_limit = 0;              // rad: max |q_des - q| accepted before clamping
  int jump_err_bit = 0;               // err_flag bit raised when the jump clamp acts
  double limit_spring_threshold = 0;  // N·m the law must push outward before the limit spring acts
  MotorSpec motor;
  int line = 0;  // of this joint's entry in robot.yaml, for messages
};

enum class QuatOrder { wxyz, xyzw };
enum class VectorFrame { world, body };

struct ImuSpec {
  std::string site;
  std::string quat_sensor, gyro_sensor, accel_sensor;
  QuatOrder quaternion_order = QuatOrder::wxyz;
  VectorFrame acc_frame = VectorFrame::world;
  VectorFrame omega_frame = VectorFrame::world;
};

// Motor-control-mode protections, see docs/controller-api.md.
struct ProtectionSpec {
  double command_gap_warn = 0;      // s: err bit0 and qd_des/tau_des scaling past this gap
  double command_gap_takeover = 0;  // s: err bit1, robot takes over
  double takeover_kd = 0;           // damping the robot applies while in take-over
  double takeover_limp_after = 0;   // s after take-over starts: kp = kd = tau = 0
  double joint_limit_margin = 0;    // rad: q_des clamped this far inside each limit
  double limit_spring_zone = 0;     // rad: zone near a limit where the spring acts
  double limit_spring_stiffness = 0;
  uint32_t motor_flags_healthy = 0;  // motor_flags value of a healthy motor in this mode
};

struct InitialPose {
  std::array<double, 3> base_position{};
  std::array<double, 4> base_quat_wxyz{1, 0, 0, 0};
  std::vector<double> joints;  // API order and convention
};

// A camera the robot carries: an MJCF <camera> (its pose and vertical field
// of view, fovy) with what the MJCF cannot say. Rendered only for a
// controller that opens it (docs/cameras.md).
enum class CameraKind { rgb, depth };
struct CameraSpec {
  std::string name;  // the MJCF <camera> name, and the name controllers open
  CameraKind kind = CameraKind::rgb;
  int width = 0, height = 0;  // pixels
  double rate = 0;            // Hz of simulated time
  // m: the clip planes the image is rendered with; for a depth camera also
  // its valid range (readings outside it are 0).
  double near = 0, far = 0;
  // Optional seeded Gaussian noise, off (0) by default: RGB in 8-bit
  // levels, depth in metres per metre of depth. The same seed, the same noise.
  double noise_stddev = 0;
  uint64_t noise_seed = 0;
  int line = 0;  // in robot.yaml
};

// The legs as model-based controllers see them (robot.yaml `legs`, see
// docs/robots.md); the numbers come from the MJCF (robot_model.h).
struct LegSpec {
  std::string name;             // FR, FL, RR, RL
  std::array<int, 3> joints{};  // abad, hip, knee: indices into RobotSpec::joints
  std::string foot;             // the MJCF sphere geom at the end of the leg
  int line = 0;                 // in robot.yaml
};
// The single rigid body controllers plan with, when robot.yaml gives it
// (the vendor's numbers) instead of the MJCF's.
struct RigidBodySpec {
  double mass = 0;                         // kg
  std::array<double, 3> centre_of_mass{};  // base frame, m
  std::array<double, 3> inertia{};         // kg·m², diagonal about the centre of mass, base axes
};
struct LegsSpec {
  std::vector<LegSpec> legs;                  // FR, FL, RR, RL; empty when robot.yaml has no `legs`
  double standing_height = 0;                 // m, base origin above flat ground
  std::array<double, 2> body_height_range{};  // m
  std::optional<RigidBodySpec> rigid_body;
  int line = 0;  // of `legs:` in robot.yaml
};

struct RobotSpec {
  std::filesystem::path file;       // the robot.yaml this came from
  std::filesystem::path mjcf_path;  // absolute path of the MJCF
  std::string name;
  std::string description;
  std::string base_body;
  double control_period = 0;    // s
  double physics_timestep = 0;  // s
  ImuSpec imu;
  ProtectionSpec protections;
  std::vector<JointSpec> joints;  // API order
  InitialPose initial_pose;
  std::vector<CameraSpec> cameras;  // at most SIMARENA_CAMERAS_MAX
  LegsSpec legs;
  // Lines in robot.yaml of the names World::build looks up in the MJCF
  // ("base_body", "imu.site", "imu.quat_sensor", ...), for its messages.
  std::map<std::string, int> lines;

  int num_joints() const { return static_cast<int>(joints.size()); }
  // Physics steps per control period (validated to be a whole number).
  int substeps() const;
};

// Reads and validates a robot description. Throws InputError with
// file:line:column on any problem.
RobotSpec load_robot_spec(const std::filesystem::path& yaml_file);

}  // namespace simarena
