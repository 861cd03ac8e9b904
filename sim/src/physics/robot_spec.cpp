#include "simarena/physics/robot_spec.h"

#include <simarena/controller.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>

#include "simarena/base/input_error.h"
#include "simarena/base/yaml_fields.h"

namespace simarena {
namespace {

constexpr size_t kMaxCameraNameBytes = 64;  // the camera extension's name field

constexpr int kFormatVersion = 1;
// Bounds that no real legged robot comes near; past them the numbers are typos
// (or 1e300) that would overflow the motor law or the substep count.
constexpr double kMaxTorque = 1e4;           // N·m
constexpr double kMaxSpeed = 1e4;            // rad/s
constexpr double kMaxGain = 1e6;             // N·m/rad and N·m·s/rad
constexpr double kMinTimestep = 1e-5;        // s
constexpr double kMaxControlPeriod = 0.1;    // s
constexpr double kMaxProtectionValue = 1e6;  // s, rad, N·m/rad, N·m·s/rad
constexpr double kMaxJointAngle = 10;        // rad
constexpr double kMaxBaseOffset = 100;       // m

// `mjcf:` is a path relative to robot.yaml: check its length before the file
// system does, so the message names robot.yaml and not just "File name too long".
std::filesystem::path mjcf_path(const YamlFile& f, const YAML::Node& root, const std::filesystem::path& folder) {
  const std::string relative = f.text(root, "mjcf");
  if (relative.empty()) f.fail(root["mjcf"], tr_noop("'mjcf' must name the robot's MJCF file, like robot.xml"));
  for (const auto& part : std::filesystem::path(relative))
    if (part.string().size() > 255)
      f.fail(root["mjcf"], tr_noop("'mjcf' has a path component longer than 255 bytes, which no file system accepts"));
  const std::filesystem::path path = folder / relative;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    f.fail(root["mjcf"], Message(tr_noop("MJCF file '%s' does not exist or is not a file (path is relative to %s)"),
                                 path.string(), folder.string()));
  return path;
}

MotorSpec read_motor(const YamlFile& f, const YAML::Node& node, const MotorSpec& defaults) {
  MotorSpec m;
  m.torque_limit = f.number(node, "torque_limit", defaults.torque_limit);
  m.full_torque_speed = f.number(node, "full_torque_speed", defaults.full_torque_speed);
  m.zero_torque_speed = f.number(node, "zero_torque_speed", defaults.zero_torque_speed);
  m.kp_max = f.number(node, "kp_max", defaults.kp_max);
  m.kd_max = f.number(node, "kd_max", defaults.kd_max);
  if (m.torque_limit <= 0 || m.torque_limit > kMaxTorque)
    f.fail(node, Message(tr_noop("torque_limit must be > 0 and at most %s N·m"), std::to_string(kMaxTorque)));
  if (!(m.full_torque_speed > 0 && m.zero_torque_speed > m.full_torque_speed && m.zero_torque_speed <= kMaxSpeed))
    f.fail(node,
           Message(tr_noop("need 0 < full_torque_speed < zero_torque_speed <= %s rad/s"), std::to_string(kMaxSpeed)));
  if (m.kp_max < 0 || m.kd_max < 0 || m.kp_max > kMaxGain || m.kd_max > kMaxGain)
    f.fail(node, Message(tr_noop("kp_max and kd_max must be between 0 and %s"), std::to_string(kMaxGain)));
  return m;
}

std::vector<CameraSpec> read_cameras(const YamlFile& f, const YAML::Node& list, double control_period) {
  std::vector<CameraSpec> cameras;
  if (!list) return cameras;
  f.expect_sequence(list, "'cameras'");
  if (list.size() > SIMARENA_CAMERAS_MAX)
    f.fail(list, "at most " + std::to_string(SIMARENA_CAMERAS_MAX) + " cameras per robot");
  std::set<std::string> seen;
  for (const YAML::Node& c : list) {
    f.only_keys(c, {"name", "kind", "resolution", "rate", "range", "noise"});
    CameraSpec camera;
    camera.name = f.name(c, "name");
    camera.line = c.Mark().line + 1;
    if (camera.name.size() >= kMaxCameraNameBytes)
      f.fail(c["name"], "camera names are at most " + std::to_string(kMaxCameraNameBytes - 1) + " bytes");
    if (!seen.insert(camera.name).second) f.fail(c, "camera name '" + camera.name + "' appears twice");
    camera.kind = f.choice(c, "kind", {"rgb", "depth"}) == "rgb" ? CameraKind::rgb : CameraKind::depth;
    const std::vector<double> resolution = f.numbers(c, "resolution", 2);
    for (const double pixels : resolution)
      if (pixels != std::floor(pixels) || pixels < 8 || pixels > 4096)
        f.fail(c["resolution"], "resolution must be [width, height], whole pixels from 8 to 4096");
    camera.width = static_cast<int>(resolution[0]);
    camera.height = static_cast<int>(resolution[1]);
    camera.rate = f.number(c, "rate");
    if (!(camera.rate > 0) || camera.rate > 1.0 / control_period + 1e-9)
      f.fail(c["rate"], "rate must be above 0 Hz and at most one frame per control period (" +
                            std::to_string(std::lround(1.0 / control_period)) + " Hz)");
    const std::vector<double> range = f.numbers(c, "range", 2);
    camera.near = range[0];
    camera.far = range[1];
    if (!(camera.near >= 0.001 && camera.far > camera.near && camera.far <= 1000))
      f.fail(c["range"], "range must be [near, far] in metres with 0.001 <= near < far <= 1000");
    if (const YAML::Node noise = c["noise"]) {
      f.only_keys(noise, {"stddev", "seed"});
      camera.noise_stddev = f.number(noise, "stddev");
      const int seed = f.integer(noise, "seed", 0);
      if (!(camera.noise_stddev >= 0 && camera.noise_stddev <= 255) || seed < 0)
        f.fail(noise, "noise: stddev from 0 to 255 (RGB levels; depth: metres per metre), seed >= 0");
      camera.noise_seed = static_cast<uint64_t>(seed);
    }
    cameras.push_back(camera);
  }
  return cameras;
}

// robot.yaml `legs`: four legs of three named joints each and a foot, the
// heights the robot stands and walks at, optionally the planning body.
LegsSpec read_legs(const YamlFile& f, const YAML::Node& node, const std::vector<JointSpec>& joints) {
  LegsSpec legs;
  if (!node) return legs;
  legs.line = node.Mark().line + 1;
  f.only_keys(node, {"FR", "FL", "RR", "RL", "standing_height", "body_height_range", "rigid_body"});
  const auto joint_index = [&](const YAML::Node& leg, const char* key) {
    const std::string name = f.name(leg, key);
    for (size_t i = 0; i < joints.size(); ++i)
      if (joints[i].name == name) return static_cast<int>(i);
    f.fail(leg[key], Message(tr_noop("'%s' names joint '%s', which 'joints' does not list"), key, name));
  };
  std::set<int> used;
  for (const char* name : {"FR", "FL", "RR", "RL"}) {
    const YAML::Node leg = f.require(node, name);
    f.only_keys(leg, {"abad", "hip", "knee", "foot"});
    LegSpec spec;
    spec.name = name;
    spec.line = leg.Mark().line + 1;
    spec.joints = {joint_index(leg, "abad"), joint_index(leg, "hip"), joint_index(leg, "knee")};
    for (const int j : spec.joints)
      if (!used.insert(j).second)
        f.fail(leg, Message(tr_noop("joint '%s' belongs to more than one leg"), joints[j].name));
    spec.foot = f.name(leg, "foot");
    legs.legs.push_back(spec);
  }
  legs.standing_height = f.number(node, "standing_height");
  const std::vector<double> range = f.numbers(node, "body_height_range", 2);
  legs.body_height_range = {range[0], range[1]};
  if (!(range[0] > 0 && range[0] <= legs.standing_height && legs.standing_height <= range[1] && range[1] < 10))
    f.fail(node, tr_noop("need 0 < body_height_range[0] <= standing_height <= body_height_range[1] < 10 (m)"));
  if (const YAML::Node body = node["rigid_body"]) {
    f.only_keys(body, {"mass", "centre_of_mass", "inertia"});
    RigidBodySpec rigid;
    rigid.mass = f.number(body, "mass");
    const std::vector<double> com = f.numbers(body, "centre_of_mass", 3);
    const std::vector<double> inertia = f.numbers(body, "inertia", 3);
    std::copy(com.begin(), com.end(), rigid.centre_of_mass.begin());
    std::copy(inertia.begin(), inertia.end(), rigid.inertia.begin());
    if (!(rigid.mass > 0 && rigid.mass < 1e4)) f.fail(body["mass"], tr_noop("mass must be above 0 and below 1e4 kg"));
    for (const double i : inertia)
      if (!(i > 0 && i < 1e4)) f.fail(body["inertia"], tr_noop("inertia must be three numbers above 0 (kg·m²)"));
    for (const double c : com)
      if (!(std::abs(c) <= kMaxBaseOffset))
        f.fail(body["centre_of_mass"], tr_noop("centre_of_mass must be within 100 m"));
    legs.rigid_body = rigid;
  }
  return legs;
}

}  // namespace

int RobotSpec::substeps() const { return static_cast<int>(std::lround(control_period / physics_timestep)); }

RobotSpec load_robot_spec(const std::filesystem::path& yaml_file) {
  const YamlFile f(yaml_file);
  const YAML::Node& root = f.root();
  f.only_keys(root, {"format_version", "name", "description", "mjcf", "base_body", "timing", "imu", "motor",
                     "protections", "joints", "initial_pose", "cameras", "legs"});
  if (f.integer(root, "format_version") != kFormatVersion)
    f.fail(root["format_version"],
           Message(tr_noop("unsupported format_version; this simarena reads version %s"), kFormatVersion));

  RobotSpec spec;
  spec.file = std::filesystem::absolute(yaml_file);
  spec.name = f.name(root, "name");
  spec.description = f.text(root, "description", "");
  spec.mjcf_path = mjcf_path(f, root, spec.file.parent_path());
  spec.base_body = f.name(root, "base_body");
  spec.lines["base_body"] = root["base_body"].Mark().line + 1;

  const YAML::Node timing = f.require(root, "timing");
  f.only_keys(timing, {"control_period", "physics_timestep"});
  spec.control_period = f.number(timing, "control_period");
  spec.physics_timestep = f.number(timing, "physics_timestep");
  if (spec.physics_timestep < kMinTimestep || spec.control_period < spec.physics_timestep ||
      spec.control_period > kMaxControlPeriod)
    f.fail(timing, tr_noop("need 1e-5 <= physics_timestep <= control_period <= 0.1 (seconds)"));
  if (std::abs(spec.substeps() * spec.physics_timestep - spec.control_period) > 1e-9)
    f.fail(timing, tr_noop("control_period must be a whole multiple of physics_timestep"));

  const YAML::Node imu = f.require(root, "imu");
  f.only_keys(imu,
              {"site", "quat_sensor", "gyro_sensor", "accel_sensor", "quaternion_order", "acc_frame", "omega_frame"});
  spec.imu.site = f.name(imu, "site");
  spec.imu.quat_sensor = f.name(imu, "quat_sensor");
  spec.imu.gyro_sensor = f.name(imu, "gyro_sensor");
  spec.imu.accel_sensor = f.name(imu, "accel_sensor");
  for (const char* key : {"site", "quat_sensor", "gyro_sensor", "accel_sensor"})
    spec.lines[std::string("imu.") + key] = imu[key].Mark().line + 1;
  spec.imu.quaternion_order =
      f.choice(imu, "quaternion_order", {"wxyz", "xyzw"}) == "wxyz" ? QuatOrder::wxyz : QuatOrder::xyzw;
  spec.imu.acc_frame =
      f.choice(imu, "acc_frame", {"world", "body"}) == "world" ? VectorFrame::world : VectorFrame::body;
  spec.imu.omega_frame =
      f.choice(imu, "omega_frame", {"world", "body"}) == "world" ? VectorFrame::world : VectorFrame::body;

  const YAML::Node motor = f.require(root, "motor");
  f.only_keys(motor, {"torque_limit", "full_torque_speed", "zero_torque_speed", "kp_max", "kd_max"});
  const MotorSpec motor_defaults = read_motor(f, motor, MotorSpec{});

  const YAML::Node prot = f.require(root, "protections");
  f.only_keys(prot, {"command_gap_warn", "command_gap_takeover", "takeover_kd", "takeover_limp_after",
                     "joint_limit_margin", "limit_spring_zone", "limit_spring_stiffness", "motor_flags_healthy"});
  ProtectionSpec& p = spec.protections;
  p.command_gap_warn = f.number(prot, "command_gap_warn");
  p.command_gap_takeover = f.number(prot, "command_gap_takeover");
  p.takeover_kd = f.number(prot, "takeover_kd");
  p.takeover_limp_after = f.number(prot, "takeover_limp_after");
  p.joint_limit_margin = f.number(prot, "joint_limit_margin");
  p.limit_spring_zone = f.number(prot, "limit_spring_zone");
  p.limit_spring_stiffness = f.number(prot, "limit_spring_stiffness");
  {
    const std::string flags = f.text(prot, "motor_flags_healthy", "0");
    try {
      size_t used = 0;
      const unsigned long value = std::stoul(flags, &used, 0);
      if (used != flags.size() || value > 0xFFFFFFFFul) throw std::out_of_range(flags);
      p.motor_flags_healthy = static_cast<uint32_t>(value);
    } catch (const std::exception&) {
      f.fail(prot["motor_flags_healthy"],
             tr_noop("motor_flags_healthy must be a 32-bit number such as \"0x80000000\""));
    }
  }
  if (!(p.command_gap_warn > 0 && p.command_gap_takeover > p.command_gap_warn))
    f.fail(prot, tr_noop("need 0 < command_gap_warn < command_gap_takeover"));
  for (const double value : {p.command_gap_warn, p.command_gap_takeover, p.joint_limit_margin, p.limit_spring_zone,
                             p.limit_spring_stiffness, p.takeover_kd, p.takeover_limp_after})
    if (value < 0 || value > kMaxProtectionValue)
      f.fail(prot, tr_noop("protection parameters must be >= 0 (and at most 1e6)"));

  const YAML::Node joints = f.require(root, "joints");
  f.expect_sequence(joints, "'joints'");
  if (joints.size() == 0 || joints.size() > SIMARENA_MAX_JOINTS)
    f.fail(joints, Message(tr_noop("need between 1 and %s joints"), SIMARENA_MAX_JOINTS));
  std::set<std::string> seen;
  for (const YAML::Node& j : joints) {
    f.only_keys(
        j, {"name", "mjcf_joint", "actuator", "sign", "wire_sign", "range", "jump_limit_deg", "jump_err_bit",
            "limit_spring_threshold", "torque_limit", "full_torque_speed", "zero_torque_speed", "kp_max", "kd_max"});
    JointSpec js;
    js.name = f.name(j, "name");
    js.line = j.Mark().line + 1;
    if (!seen.insert(js.name).second) f.fail(j, Message(tr_noop("joint name '%s' appears twice"), js.name));
    js.mjcf_joint = f.name(j, "mjcf_joint");
    js.actuator = f.name(j, "actuator");
    js.sign = f.integer(j, "sign");
    js.wire_sign = f.integer(j, "wire_sign", 1);
    if ((js.sign != 1 && js.sign != -1) || (js.wire_sign != 1 && js.wire_sign != -1))
      f.fail(j, tr_noop("sign and wire_sign must be 1 or -1"));
    const std::vector<double> range = f.numbers(j, "range", 2);
    js.range_min = range[0];
    js.range_max = range[1];
    if (js.range_min >= js.range_max || js.range_min < -kMaxJointAngle || js.range_max > kMaxJointAngle)
      f.fail(j["range"], tr_noop("range must be [min, max] in radians with -10 <= min < max <= 10"));
    js.jump_limit = f.number(j, "jump_limit_deg") * std::numbers::pi / 180.0;
    js.jump_err_bit = f.integer(j, "jump_err_bit");
    if (js.jump_limit <= 0 || js.jump_limit > 2 * std::numbers::pi)
      f.fail(j["jump_limit_deg"], tr_noop("jump_limit_deg must be > 0 and at most 360"));
    if (js.jump_err_bit < 2 || js.jump_err_bit > 14) f.fail(j["jump_err_bit"], tr_noop("jump_err_bit must be 2..14"));
    js.limit_spring_threshold = f.number(j, "limit_spring_threshold", 0.0);
    if (js.limit_spring_threshold < 0 || js.limit_spring_threshold > kMaxTorque)
      f.fail(j["limit_spring_threshold"], tr_noop("limit_spring_threshold must be between 0 and 1e4 N·m"));
    js.motor = read_motor(f, j, motor_defaults);
    spec.joints.push_back(js);
  }

  const YAML::Node pose = f.require(root, "initial_pose");
  f.only_keys(pose, {"base_position", "base_quat_wxyz", "joints"});
  const auto pos = f.numbers(pose, "base_position", 3);
  const auto quat = f.numbers(pose, "base_quat_wxyz", 4);
  std::copy(pos.begin(), pos.end(), spec.initial_pose.base_position.begin());
  std::copy(quat.begin(), quat.end(), spec.initial_pose.base_quat_wxyz.begin());
  if (std::any_of(pos.begin(), pos.end(), [](double v) { return std::abs(v) > kMaxBaseOffset; }))
    f.fail(pose["base_position"], tr_noop("base_position must be within 100 m of the start point"));
  if (std::hypot(quat[0], quat[1], quat[2]) + std::abs(quat[3]) < 1e-6)
    f.fail(pose["base_quat_wxyz"], tr_noop("base_quat_wxyz must be a rotation, like [1, 0, 0, 0], not all zeros"));
  spec.initial_pose.joints = f.numbers(pose, "joints", spec.joints.size());
  for (size_t i = 0; i < spec.joints.size(); ++i) {
    const JointSpec& js = spec.joints[i];
    const double q = spec.initial_pose.joints[i];
    if (q < js.range_min || q > js.range_max)
      f.fail(pose["joints"][i], Message(tr_noop("initial angle of %s lies outside its range"), js.name));
  }
  spec.cameras = read_cameras(f, root["cameras"], spec.control_period);
  spec.legs = read_legs(f, root["legs"], spec.joints);
  return spec;
}

}  // namespace simarena
