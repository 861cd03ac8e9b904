#include "simarena/physics/world.h"

#include <mujoco/mjxmacro.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include "simarena/base/bounded_file.h"
#include "simarena/base/formatted.h"
#include "simarena/base/input_error.h"
#include "simarena/base/untrusted_text.h"

namespace simarena {
namespace {

constexpr size_t kMaxMjcfBytes = 64 << 20;
constexpr const char* kWorldFile = "simarena_world.xml";
// Past these a legged robot's body is a typo (1e30) that wrecks the solver.
constexpr double kMaxBodyMass = 1e3;     // kg
constexpr double kMaxBodyInertia = 1e3;  // kg·m²
// Physics run at load, motors off, to catch a model that blows up by itself.
constexpr double kSettleSeconds = 0.1;

std::string read_mjcf(const std::filesystem::path& path) {
  std::string text = read_bounded_file(path, kMaxMjcfBytes, Message(tr_noop("is not a readable file")));
  if (text.size() > kMaxMjcfBytes) throw InputError(path.string(), tr_noop("MJCF file larger than 64 MiB"));
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError(path.string(), tr_noop("the MJCF file is empty; it must hold a <mujoco> model of the robot"));
  return text;
}

// A MuJoCo message on one printable line, with the line and column it names.
struct MujocoMessage {
  std::string text;
  int line = 0;
  int column = 0;
  std::string object;  // the compiler's "Object name = ..." when it gives one
};

MujocoMessage parse_mujoco_message(const std::string& raw) {
  MujocoMessage out;
  std::smatch match;
  // MuJoCo 2.2 says where in three ways: compiler errors, schema errors, and tinyxml2's parse errors.
  if (std::regex_search(raw, match, std::regex(R"(line = (\d+), column = (-?\d+))"))) {
    out.line = std::stoi(match[1]);
    out.column = std::max(0, std::stoi(match[2]));
  } else if (std::regex_search(raw, match, std::regex(R"(Line number=(\d+))")) ||
             std::regex_search(raw, match, std::regex(R"(line (\d+))"))) {
    out.line = std::stoi(match[1]);
  }
  if (std::regex_search(raw, match, std::regex(R"(Object name = ([^,\s]+), id)"))) out.object = match[1];
  // The line goes in front of the message; MuJoCo's "line 0" for included elements would only mislead.
  std::string text =
      std::regex_replace(raw, std::regex(R"(,? line = \d+, column = -?\d+|,? line \d+\b|\s*Line number=\d+)"), "");
  text = std::regex_replace(text, std::regex(R"(\s*\n\s*)"), "; ");
  text = std::regex_replace(text, std::regex(R"(:; )"), ": ");
  while (!text.empty() && (text.back() == ' ' || text.back() == ';')) text.pop_back();
  out.text = untrusted_text(text.empty() ? "no reason given" : text);
  return out;
}

int line_of(const std::string& text, size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// The line of `text` declaring `name="..."`, or 0.
int line_of_name(const std::string& text, const char* name) {
  if (name == nullptr || *name == '\0') return 0;
  for (const char quote : {'"', '\''}) {
    const size_t at = text.find(std::string("name=") + quote + name + quote);
    if (at != std::string::npos) return line_of(text, at);
  }
  return 0;
}

// The line of the first attribute value holding a NaN, or 0.
int line_of_nan(const std::string& text) {
  std::smatch match;
  if (!std::regex_search(text, match, std::regex(R"re("[^"<>]*\bnan\b[^"<>]*")re", std::regex::icase))) return 0;
  return line_of(text, static_cast<size_t>(match.position(0)));
}

// Warnings that mean the model cannot be simulated (the others, like a full
// contact buffer at MuJoCo's test step, are left to the run).
bool unusable_model_warning(const std::string& warning) {
  for (const char* sign : {"NaN", "Nan", "unstable", "singular", "Inf"})
    if (warning.find(sign) != std::string::npos) return true;
  return false;
}

// The object an mjModel array such as body_mass or geom_size describes.
mjtObj object_of_array(const std::string& array) {
  static const std::pair<const char*, mjtObj> prefixes[] = {
      {"body_", mjOBJ_BODY},   {"jnt_", mjOBJ_JOINT},     {"geom_", mjOBJ_GEOM},         {"site_", mjOBJ_SITE},
      {"cam_", mjOBJ_CAMERA},  {"light_", mjOBJ_LIGHT},   {"mesh_", mjOBJ_MESH},         {"mat_", mjOBJ_MATERIAL},
      {"eq_", mjOBJ_EQUALITY}, {"tendon_", mjOBJ_TENDON}, {"actuator_", mjOBJ_ACTUATOR}, {"sensor_", mjOBJ_SENSOR},
      {"key_", mjOBJ_KEY},     {"hfield_", mjOBJ_HFIELD}};
  for (const auto& [prefix, type] : prefixes)
    if (array.rfind(prefix, 0) == 0) return type;
  return mjOBJ_UNKNOWN;
}

// Rejects what compiled but cannot be simulated: NaN or infinite numbers
// anywhere in the model, absurd masses and inertias. `text` is the MJCF the
// model came from, to find the line of the named element.
void check_model_numbers(const mjModel* m, const std::string& file, const std::string& text) {
  const auto fail = [&](const std::string& array, int row, const std::string& problem, const std::string& fix) {
    const mjtObj type = object_of_array(array);
    const char* name = type == mjOBJ_UNKNOWN ? nullptr : mj_id2name(m, type, row);
    const std::string what = name ? "'" + untrusted_text(name, 64) + "'" : "number " + std::to_string(row);
    throw InputError(file, line_of_name(text, name), 0, array + " of " + what + " " + problem + "; " + fix);
  };
  const auto check_finite = [&](const char* array, const mjtNum* values, int rows, int columns) {
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < columns; ++c)
        if (!std::isfinite(values[static_cast<ptrdiff_t>(r) * columns + c]))
          fail(array, r, "is NaN or infinite", "write finite numbers in the MJCF");
  };
  const mjOption& o = m->opt;
  for (const mjtNum v : {o.gravity[0], o.gravity[1], o.gravity[2], o.wind[0], o.wind[1], o.wind[2], o.magnetic[0],
                         o.magnetic[1], o.magnetic[2], o.density, o.viscosity, o.impratio, o.tolerance, o.o_margin})
    if (!std::isfinite(v))
      throw InputError(file, tr_noop("an <option> value is NaN or infinite; write finite numbers"));
  // Masses first: a 1e30 kg body makes derived numbers (actuator_acc0, ...) NaN.
  for (int b = 1; b < m->nbody; ++b) {
    if (m->body_mass[b] > kMaxBodyMass)
      fail("body_mass", b, "is " + shown_number(m->body_mass[b]) + " kg",
           "a legged robot's bodies weigh at most 1000 kg");
    for (int k = 0; k < 3; ++k)
      if (m->body_inertia[3 * b + k] > kMaxBodyInertia)
        fail("body_inertia", b, "is " + shown_number(m->body_inertia[3 * b + k]) + " kg·m²",
             "a legged robot's bodies have inertias of at most 1000 kg·m²");
  }
  MJMODEL_POINTERS_PREAMBLE(m)
#define X(type, name, rows, columns)                                                 \
  if constexpr (std::is_same_v<type, mjtNum>) {                                      \
    check_finite(#name, reinterpret_cast<const mjtNum*>(m->name), m->rows, columns); \
  }
  MJMODEL_POINTERS
#undef X
}

// What mj_loadXML gave: the model, or null and MuJoCo's error; and the
// first warning that means the compiled model cannot be simulated.
struct Loaded {
  ModelPtr model;
  std::string error;
  std::string unusable;
};

// mj_loadXML with MuJoCo's fatal errors and warnings caught.
Loaded load_xml(const char* file, const VirtualFiles& files) {
  MujocoMessages messages;
  char error[1024] = "";
  Loaded out;
  try {
    out.model.reset(mj_loadXML(file, files.get(), error, sizeof(error)));
  } catch (const MujocoError& e) {
    out.error = std::string("MuJoCo stopped: ") + e.what();
    return out;
  }
  if (!out.model) {
    out.error = error[0] != '\0' ? error : "MuJoCo gave no reason";
    return out;
  }
  // On success MuJoCo passes back the warnings of its test step in `error`.
  std::vector<std::string> warnings = messages.warnings();
  if (error[0] != '\0') warnings.emplace_back(error);
  for (const std::string& warning : warnings)
    if (out.unusable.empty() && unusable_model_warning(warning)) out.unusable = warning;
  return out;
}

// MuJoCo's warnings say "at DOF n": the joint behind it, for the message and its line.
std::string joint_of_warning(const mjModel* m, const std::string& warning) {
  std::smatch match;
  if (!std::regex_search(warning, match, std::regex(R"(DOF (\d+))"))) return "";
  const int dof = std::stoi(match[1]);
  if (dof < 0 || dof >= m->nv) return "";
  const char* name = mj_id2name(m, mjOBJ_JOINT, m->dof_jntid[dof]);
  return name ? name : "";
}

// Compiles the robot's MJCF alone, the way World::build includes it, so its
// errors carry the robot file's own lines (MuJoCo 2.2 loses the lines of
// included elements) and are never confused with the arena's.
void check_robot_mjcf(const RobotSpec& robot, const std::string& text) {
  const std::string name = robot.mjcf_path.filename().string();
  const std::string file = robot.mjcf_path.string();
  VirtualFiles files;
  files.add(name, text);
  const Loaded loaded = load_xml(name.c_str(), files);
  if (!loaded.model) {
    const MujocoMessage message = parse_mujoco_message(loaded.error);
    // Some compiler errors (sensors, for one) carry no line: find the object's declaration instead.
    const int line = message.line > 0 ? message.line : line_of_name(text, message.object.c_str());
    throw InputError(file, line, message.line > 0 ? message.column : 0, tr_noop("MuJoCo cannot compile the robot: %s"),
                     message.text);
  }
  if (loaded.model->nbody < 2)
    throw InputError(file, tr_noop("the MJCF defines no body; it must be a <mujoco> model holding the robot"));
  check_model_numbers(loaded.model.get(), file, text);
  if (!loaded.unusable.empty()) {
    const std::string joint = joint_of_warning(loaded.model.get(), loaded.unusable);
    const int line =
        loaded.unusable.find("'NaN'") != std::string::npos ? line_of_nan(text) : line_of_name(text, joint.c_str());
    throw InputError(file, line, 0,
                     "MuJoCo warns that the robot cannot be simulated" +
                         (joint.empty() ? std::string() : " (joint '" + untrusted_text(joint, 64) + "')") + ": " +
                         parse_mujoco_message(loaded.unusable).text +
                         "; check masses, inertias, joint armature, damping and stiffness for tiny or huge values");
  }
}

// MuJoCo rejected the world although the robot compiles alone: a name
// both use, or the robot's file cannot be included, is the robot's MJCF's
// fault; anything else is in the arena's generated XML, blamed on the track
// element that produced the offending element when the message names one.
[[noreturn]] void throw_world_error(const RobotSpec& robot, const std::string& robot_text, const SceneMjcf& arena,
                                    const std::string& world_xml, const std::string& error) {
  const MujocoMessage message = parse_mujoco_message(error);
  const std::string arena_from = arena.source.empty() ? "built in" : "generated from " + arena.source;
  const std::string robot_file = robot.mjcf_path.string();
  if (message.text.find("repeated name") != std::string::npos && !message.object.empty()) {
    const int line = line_of_name(robot_text, message.object.c_str());
    if (line > 0)
      throw InputError(robot_file, line, 0,
                       "the name '" + message.object + "' is also used by arena '" + arena.name + "' (" + arena_from +
                           "); rename it here (arenas use floor, grid, sun and names starting with terrain_, pit_, "
                           "rough_, wall_, hurdle_bar_, mark_): " +
                           message.text);
  }
  if (message.text.find("include") != std::string::npos)
    throw InputError(robot_file, tr_noop("MuJoCo cannot include the robot's MJCF into the world: %s"), message.text);

  std::string element = message.object;
  if (element.empty() && message.line > 0) {
    std::istringstream lines(world_xml);
    std::string text;
    for (int i = 0; i < message.line && std::getline(lines, text); ++i) {
    }
    std::smatch match;
    if (std::regex_search(text, match, std::regex(R"re(name="([^"]*)")re"))) element = match[1];
  }
  const std::string what = std::string("MuJoCo cannot compile the arena generated from this file (") + kWorldFile +
                           std::string(message.line > 0 ? " line " + std::to_string(message.line) : "") +
                           ") with robot '" + robot.name + "': " + message.text;
  const auto at = arena.source_lines.find(element);
  if (!arena.source.empty() && at != arena.source_lines.end()) throw InputError(arena.source, at->second, 0, what);
  if (!arena.source.empty()) throw InputError(arena.source, what);
  throw InputError("arena '" + arena.name + "' (built in)", what);
}

// An error about robot.yaml at the line of `key` ("base_body", "imu.site", ...).
InputError robot_yaml_error(const RobotSpec& robot, const std::string& key, const std::string& message) {
  const auto at = robot.lines.find(key);
  return InputError(robot.file.string(), at == robot.lines.end() ? 0 : at->second, 0, message);
}

int sensor_adr(const mjModel* m, const RobotSpec& robot, const std::string& name, mjtSensor type, const char* what) {
  const int id = mj_name2id(m, mjOBJ_SENSOR, name.c_str());
  const std::string key = "imu." + std::string(what);
  if (id < 0)
    throw robot_yaml_error(
        robot, key,
        key + " names sensor '" + name + "', which " + robot.mjcf_path.filename().string() + " does not define");
  if (m->sensor_type[id] != type)
    throw robot_yaml_error(robot, key, "sensor '" + name + "' has the wrong type for " + key);
  return m->sensor_adr[id];
}

// Runs the world with the motors off from the robot's initial pose: a model
// whose numbers pass but which blows up by itself is rejected at load, not
// in the middle of a match.
void check_settles(const World& world, const std::string& robot_text) {
  const mjModel* m = world.model();
  const DataPtr data(mj_makeData(m));
  if (!data) throw std::runtime_error("MuJoCo could not allocate simulation data");
  MujocoMessages quiet;
  world.reset(data.get());
  const int steps = static_cast<int>(std::ceil(kSettleSeconds / m->opt.timestep));
  for (int i = 0; i < steps; ++i) {
    mj_step(m, data.get());
    for (const mjtWarning w : {mjWARN_BADQPOS, mjWARN_BADQVEL, mjWARN_BADQACC, mjWARN_INERTIA}) {
      if (data->warning[w].number == 0) continue;
      const std::string text = mju_warningText(w, data->warning[w].lastinfo);
      const std::string joint = joint_of_warning(m, text);
      throw InputError(world.robot().mjcf_path.string(), line_of_name(robot_text, joint.c_str()), 0,
                       "the robot's model is unstable at load (motors off, " + std::to_string(i + 1) +
                           " physics steps from its initial pose" +
                           (joint.empty() ? std::string() : ", joint '" + untrusted_text(joint, 64) + "'") +
                           "): " + text +
                           " Check masses, inertias, joint armature, damping and stiffness for tiny or huge values.");
    }
  }
}

}  // namespace

std::shared_ptr<const World> World::build(const RobotSpec& robot, const SceneMjcf& arena) {
  std::shared_ptr<World> world(new World());
  world->robot_ = robot;
  world->arena_name_ = arena.name;
  world->arena_seed_ = arena.seed;
  world->start_ = arena.start;

  const std::string robot_file = robot.mjcf_path.filename().string();
  const std::string robot_text = read_mjcf(robot.mjcf_path);
  check_robot_mjcf(robot, robot_text);

  std::ostringstream xml;
  xml << "<mujoco model=\"" << xml_escaped(robot.name) << " on " << xml_escaped(arena.name) << "\">\n"
      << "  <include file=\"" << xml_escaped(robot_file) << "\"/>\n"
      << "  <visual><headlight ambient=\"0.3 0.3 0.3\"/><map znear=\"0.01\"/>"
         "<quality shadowsize=\"4096\"/></visual>\n"
      << "  <asset>" << arena.asset << "\n  </asset>\n"
      << "  <worldbody>" << arena.worldbody << "\n  </worldbody>\n"
      << "</mujoco>\n";
  world->world_xml_ = xml.str();

  VirtualFiles files;
  files.add(robot_file, robot_text);
  files.add(kWorldFile, world->world_xml_);
  Loaded loaded = load_xml(kWorldFile, files);
  if (!loaded.model) throw_world_error(robot, robot_text, arena, world->world_xml_, loaded.error);
  if (!loaded.unusable.empty()) {
    // The robot alone passed, so its contact with the arena blew up; a joint of the robot's is its file's fault.
    const std::string joint = joint_of_warning(loaded.model.get(), loaded.unusable);
    const int line = line_of_name(robot_text, joint.c_str());
    if (line > 0)
      throw InputError(
          robot.mjcf_path.string(), line, 0,
          "the robot cannot be simulated on arena '" + arena.name + "' (joint '" + joint +
              "', MuJoCo's first step from the MJCF's own pose): " + parse_mujoco_message(loaded.unusable).text +
              "; check contact parameters (solref, solimp, margin, friction) and masses");
    throw_world_error(robot, robot_text, arena, world->world_xml_, "the world cannot be simulated: " + loaded.unusable);
  }
  world->model_ = std::move(loaded.model);

  mjModel* m = world->model_.get();
  for (const HeightFieldData& field : arena.heightfields) {
    const int id = mj_name2id(m, mjOBJ_HFIELD, field.name.c_str());
    if (id < 0 || m->hfield_nrow[id] != field.nrow || m->hfield_ncol[id] != field.ncol ||
        field.elevation.size() != static_cast<size_t>(field.nrow) * field.ncol)
      throw InputError(arena.source.empty() ? arena.name : arena.source,
                       "heightfield '" + field.name + "' does not match the arena's <hfield> declaration");
    std::copy(field.elevation.begin(), field.elevation.end(), m->hfield_data + m->hfield_adr[id]);
  }
  // Timing and integration are the simulator's contract, not the MJCF's:
  // implicit integration keeps kd up to the motor's maximum stable at 1 ms.
  m->opt.timestep = robot.physics_timestep;
  m->opt.integrator = mjINT_IMPLICIT;
  for (int i = 0; i < m->nsensor; ++i) m->sensor_noise[i] = 0;  // noise only from the match's seeded generator

  const std::string where = robot.file.string();
  const std::string mjcf_name = robot.mjcf_path.filename().string();
  for (const CameraSpec& camera : robot.cameras)
    if (mj_name2id(m, mjOBJ_CAMERA, camera.name.c_str()) < 0)
      throw InputError(robot.file.string(), camera.line, 0,
                       "camera '" + camera.name + "' is not a <camera> in " + mjcf_name + "; add <camera name=\"" +
                           camera.name + "\" pos=... xyaxes=... fovy=...> to a body there");
  world->base_body_ = mj_name2id(m, mjOBJ_BODY, robot.base_body.c_str());
  if (world->base_body_ < 0)
    throw robot_yaml_error(robot, "base_body", "base_body '" + robot.base_body + "' is not a body in " + mjcf_name);
  const int base_joint = m->body_jntadr[world->base_body_];
  if (base_joint < 0 || m->jnt_type[base_joint] != mjJNT_FREE)
    throw robot_yaml_error(robot, "base_body",
                           "base_body '" + robot.base_body + "' needs a free joint (<freejoint/>) in " + mjcf_name);
  world->base_qpos_adr_ = m->jnt_qposadr[base_joint];
  world->base_dof_adr_ = m->jnt_dofadr[base_joint];

  for (const JointSpec& js : robot.joints) {
    JointBinding b;
    const int jid = mj_name2id(m, mjOBJ_JOINT, js.mjcf_joint.c_str());
    if (jid < 0)
      throw InputError(where, js.line, 0, "joint " + js.name + ": no joint '" + js.mjcf_joint + "' in " + mjcf_name);
    if (m->jnt_type[jid] != mjJNT_HINGE)
      throw InputError(where, js.line, 0, "joint '" + js.mjcf_joint + "' must be a hinge");
    b.qpos_adr = m->jnt_qposadr[jid];
    b.dof_adr = m->jnt_dofadr[jid];
    b.actuator = mj_name2id(m, mjOBJ_ACTUATOR, js.actuator.c_str());
    if (b.actuator < 0)
      throw InputError(where, js.line, 0, "joint " + js.name + ": no actuator '" + js.actuator + "' in " + mjcf_name);
    if (m->actuator_trntype[b.actuator] != mjTRN_JOINT || m->actuator_trnid[2 * b.actuator] != jid ||
        m->actuator_biastype[b.actuator] != mjBIAS_AFFINE || m->actuator_gaintype[b.actuator] != mjGAIN_FIXED ||
        m->actuator_gear[6 * b.actuator] != 1.0)
      throw InputError(where, js.line, 0,
                       "actuator '" + js.actuator + "' must be <general joint=\"" + js.mjcf_joint +
                           "\" gaintype=\"fixed\" gainprm=\"1\" biastype=\"affine\"> with gear 1");
    // The motor model applies all limits itself.
    m->actuator_ctrllimited[b.actuator] = 0;
    m->actuator_forcelimited[b.actuator] = 0;
    m->actuator_gainprm[mjNGAIN * b.actuator] = 1;
    world->joints_.push_back(b);
  }

  world->imu_site_ = mj_name2id(m, mjOBJ_SITE, robot.imu.site.c_str());
  if (world->imu_site_ < 0)
    throw robot_yaml_error(robot, "imu.site", "imu.site '" + robot.imu.site + "' is not a site in " + mjcf_name);
  world->quat_adr_ = sensor_adr(m, robot, robot.imu.quat_sensor, mjSENS_FRAMEQUAT, "quat_sensor");
  world->gyro_adr_ = sensor_adr(m, robot, robot.imu.gyro_sensor, mjSENS_GYRO, "gyro_sensor");
  world->accel_adr_ = sensor_adr(m, robot, robot.imu.accel_sensor, mjSENS_ACCELEROMETER, "accel_sensor");
  check_settles(*world, robot_text);
  return world;
}

void World::reset(mjData* d) const {
  mj_resetData(model_.get(), d);
  // The robot's initial pose, turned by the arena's start yaw and moved to its start point.
  place_robot(d, start_.x, start_.y, start_.z, start_.yaw);
}

void World::place_robot(mjData* d, double x, double y, double ground, double yaw) const {
  const mjModel* m = model_.get();
  const InitialPose& pose = robot_.initial_pose;
  const double c = std::cos(yaw), s = std::sin(yaw);
  const double* p = pose.base_position.data();
  d->qpos[base_qpos_adr_ + 0] = x + c * p[0] - s * p[1];
  d->qpos[base_qpos_adr_ + 1] = y + s * p[0] + c * p[1];
  d->qpos[base_qpos_adr_ + 2] = ground + p[2];
  const mjtNum yaw_quat[4] = {std::cos(yaw / 2), 0, 0, std::sin(yaw / 2)};
  mjtNum quat[4];
  for (int i = 0; i < 4; ++i) quat[i] = pose.base_quat_wxyz[i];
  mju_normalize4(quat);
  mju_mulQuat(d->qpos + base_qpos_adr_ + 3, yaw_quat, quat);
  for (size_t i = 0; i < joints_.size(); ++i) d->qpos[joints_[i].qpos_adr] = robot_.joints[i].sign * pose.joints[i];
  for (int v = 0; v < m->nv; ++v)
    if (m->body_rootid[m->dof_bodyid[v]] == base_body_) d->qvel[v] = 0;
  mj_forward(m, d);
}

}  // namespace simarena
