#include "preset_motions.h"

#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "data_lines.h"
#include "mode_transitions.h"
#include "robot_user_gaits.h"

namespace locomotion {

std::string_view preset_motions_text();  // preset_motions_text.cpp, generated from preset_motions.txt

namespace {

constexpr int kPoseGait = 1, kSwingLegGait = 2, kHeightGait = 5, kTorqueStandGait = 3;
constexpr float kLocomotionStepHeight = 0.06f;  // the robot's reader sets it on every locomotion step

// Errors name the file and line. (Messages are built with a stream: GCC 12
// warns falsely about "literal" + std::string.)
class LineError {
 public:
  LineError(std::string_view source, int line) : source_(source), line_(line) {}
  template <typename... Parts>
  [[noreturn]] void fail(const Parts&... parts) const {
    std::ostringstream message;
    message << source_ << ':' << line_ << ": ";
    (message << ... << parts);
    throw std::invalid_argument(message.str());
  }

 private:
  std::string source_;
  int line_;
};

double number(std::string_view text, const LineError& error) {
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    error.fail("'", text, "' is not a number");
  return value;
}

// "a,b,c" into exactly `n` numbers.
template <typename Number>
void numbers(std::string_view text, Number* out, int n, std::string_view key, const LineError& error) {
  int count = 0;
  while (true) {
    const size_t comma = text.find(',');
    if (count == n) error.fail(key, " takes ", std::to_string(n), " numbers separated by commas");
    out[count++] = static_cast<Number>(number(text.substr(0, comma), error));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  if (count != n) error.fail(key, " takes ", std::to_string(n), " numbers separated by commas");
}

// A usergait step's fields, which the robot's reader packs into
// robot_control_cmd (CommandInterface::MotionListCppTomlRead) for its user
// gaits to read back (ConvexMpcMotionGaits::SetUserGait).
struct UserGaitStep {
  float vel[3]{}, body[6]{}, land[12]{}, weight[6]{};
  double height[4]{};  // m, kept as read: the robot rounds the text's double
  float mu = 0.0f, gain = 0.0f;
  int mpc = 0;
  bool has_vel = false, has_body = false, has_land = false, has_height = false, has_weight = false, has_mu = false,
       has_gain = false, has_mpc = false;

  void write_into(SimarenaHighLevelCmd& step, const LineError& error) const {
    if (!(has_vel && has_body && has_land && has_height && has_weight && has_mu && has_gain && has_mpc))
      error.fail("a usergait step needs vel, body, land, height, weight, mpc, mu and gain");
    for (int i = 0; i < 3; ++i) {
      step.vel_des[i] = vel[i];
      step.rpy_des[i] = body[i];
      step.pos_des[i] = body[3 + i];
    }
    // Landing x, y of FR, FL, RR in foot_pose, RL in ctrl_point (each foot's z unused).
    for (int i = 0; i < 2; ++i) {
      step.foot_pose[i] = land[i];
      step.foot_pose[2 + i] = land[3 + i];
      step.foot_pose[4 + i] = land[6 + i];
      step.ctrl_point[i] = land[9 + i];
    }
    // Step heights in whole mm, two legs a field (FR + 1000 FL, RR + 1000 RL), rounded up as the robot rounds.
    const auto mm = [](double metres) { return std::ceil(metres * 1e3); };
    step.step_height[0] = static_cast<float>(mm(height[0]) + mm(height[1]) * 1e3);
    step.step_height[1] = static_cast<float>(mm(height[2]) + mm(height[3]) * 1e3);
    for (int i = 0; i < 6; ++i) step.acc_des[i] = weight[i];                           // the WBC's trunk weights
    step.value = static_cast<int8_t>(mpc);                                             // use_mpc_traj
    step.ctrl_point[2] = mu;                                                           // the WBC's friction
    step.contact = static_cast<int8_t>(std::floor(static_cast<double>(gain) * 10.0));  // landing gain × 10
  }
};

// A key of a usergait step: true when it was one (read into `user`).
bool read_user_gait_field(const std::string& key, std::string_view value, UserGaitStep& user, const LineError& error) {
  if (key == "vel") {
    numbers(value, user.vel, 3, key, error);
    user.has_vel = true;
  } else if (key == "body") {
    numbers(value, user.body, 6, key, error);
    user.has_body = true;
  } else if (key == "land") {
    numbers(value, user.land, 12, key, error);
    user.has_land = true;
  } else if (key == "height") {
    numbers(value, user.height, 4, key, error);
    for (const double h : user.height)
      if (!(h >= 0.0 && h < 1.0)) error.fail("height takes four step heights of 0 to 0.999 m");
    user.has_height = true;
  } else if (key == "weight") {
    numbers(value, user.weight, 6, key, error);
    user.has_weight = true;
  } else if (key == "mu") {
    user.mu = static_cast<float>(number(value, error));
    user.has_mu = true;
  } else if (key == "gain") {
    user.gain = static_cast<float>(number(value, error));
    if (!(user.gain >= 0.0f && user.gain <= 12.0f)) error.fail("gain takes a landing gain of 0 to 12");
    user.has_gain = true;
  } else if (key == "mpc") {
    if (value != "0" && value != "1") error.fail("mpc takes 0 or 1 (use_mpc_traj)");
    user.mpc = value == "1" ? 1 : 0;
    user.has_mpc = true;
  } else {
    return false;
  }
  return true;
}

SimarenaHighLevelCmd parse_step(std::istringstream& words, const std::string& kind, const LineError& error) {
  SimarenaHighLevelCmd step{};
  step.contact = 0x0F;
  if (kind == "pose" || kind == "swingleg") {
    step.mode = kModePoseCtrl;
    step.gait_id = kind == "pose" ? kPoseGait : kSwingLegGait;
  } else if (kind == "height") {
    step.mode = kModePoseCtrl;
    step.gait_id = kHeightGait;
  } else if (kind == "stand") {
    step.mode = kModeRecoveryStand;
  } else if (kind == "jump") {
    step.mode = kModeJump;
  } else if (kind == "torctrlposture") {
    step.mode = kModeQpStand;
    step.gait_id = kTorqueStandGait;
  } else if (kind == "locomotion") {
    step.mode = kModeLocomotion;
    step.step_height[0] = step.step_height[1] = kLocomotionStepHeight;
  } else if (kind == "usergait") {
    step.mode = kModeLocomotion;
  } else {
    error.fail("unknown step '", kind,
               "': use pose, swingleg, height, stand, jump, torctrlposture, locomotion, usergait or end");
  }
  const bool user_gait = kind == "usergait";
  UserGaitStep user;
  bool has_gait = false;
  bool has_duration = false;
  for (std::string word; words >> word;) {
    const size_t equals = word.find('=');
    if (equals == std::string::npos) error.fail("'", word, "' is not key=value");
    const std::string key = word.substr(0, equals);
    const std::string_view value = std::string_view(word).substr(equals + 1);
    const bool pose = step.mode == kModePoseCtrl && step.gait_id != kHeightGait;
    const bool torque_stand = step.mode == kModeQpStand;
    if (user_gait && read_user_gait_field(key, value, user, error)) continue;
    if (key == "ms") {
      const double ms = number(value, error);
      if (!(ms >= 1.0 && ms <= 600000.0) || ms != std::floor(ms)) error.fail("ms must be a whole 1..600000");
      step.duration = static_cast<int32_t>(ms);
      has_duration = true;
    } else if (key == "legs" && pose) {
      if (value.size() != 4 || value.find_first_not_of("01") != std::string_view::npos)
        error.fail("legs takes four 0/1 digits, FR FL RR RL (1: on the ground)");
      step.contact = 0;
      for (int leg = 0; leg < 4; ++leg)
        if (value[leg] == '1') step.contact = static_cast<int8_t>(step.contact | (1 << leg));
    } else if (key == "body" && (pose || torque_stand)) {
      float body[6];
      numbers(value, body, 6, key, error);
      for (int i = 0; i < 3; ++i) {
        step.rpy_des[i] = body[i];
        step.pos_des[i] = body[3 + i];
      }
    } else if (key == "foot" && pose) {
      numbers(value, step.foot_pose, 3, key, error);
    } else if (key == "ctrl" && pose) {
      numbers(value, step.ctrl_point, 3, key, error);
    } else if (key == "to" && step.gait_id == kHeightGait && step.mode == kModePoseCtrl) {
      step.pos_des[2] = static_cast<float>(number(value, error));
    } else if (key == "gait" && (step.mode == kModeJump || step.mode == kModeLocomotion)) {
      const double gait = number(value, error);
      if (!(gait >= 0 && gait <= 127) || gait != std::floor(gait)) error.fail("gait must be a whole 0..127");
      if (user_gait && !is_robot_user_gait(static_cast<int>(gait)))
        error.fail("a usergait step's gait is one of the robot's user gaits, 80..100");
      step.gait_id = static_cast<int8_t>(gait);
      has_gait = true;
    } else if (key == "vel" && step.mode == kModeLocomotion) {
      numbers(value, step.vel_des, 3, key, error);
    } else {
      error.fail("a ", kind, " step takes no '", key, "'");
    }
  }
  if (!has_duration) error.fail("a step needs ms=<duration>");
  if (step.mode == kModeLocomotion && !has_gait) error.fail("a ", kind, " step needs gait=<id>");
  if (user_gait) user.write_into(step, error);
  return step;
}

}  // namespace

PresetMotions PresetMotions::builtin() {
  PresetMotions motions = parse(preset_motions_text(), "preset_motions.txt");
  // Motion 0, all in one (the robot's cyberdog2_motion.toml), is short dance
  // 1 without its closing height move, then short dance 2, step for step.
  const PresetMotion* first = motions.find(kShortDance1);
  const PresetMotion* second = motions.find(kShortDance2);
  if (first == nullptr || second == nullptr || first->steps.back().gait_id != kHeightGait)
    throw std::logic_error("preset_motions.txt: short dances 1 and 2 (111, 112) make motion 0 up");
  PresetMotion all_in_one{kAllInOneMotion, "all in one", first->steps};
  all_in_one.steps.pop_back();
  all_in_one.steps.insert(all_in_one.steps.end(), second->steps.begin(), second->steps.end());
  motions.motions_.push_back(std::move(all_in_one));
  return motions;
}

PresetMotions PresetMotions::parse(std::string_view text, std::string_view source) {
  PresetMotions result;
  PresetMotion* open = nullptr;
  const int last_line =
      for_each_data_line(text, [&](int line_number, const std::string& kind, std::istringstream& words) {
        const LineError error(source, line_number);
        if (kind == "motion") {
          if (open) error.fail("motion ", std::to_string(open->id), " has no 'end' before the next motion");
          std::string id_text, name;
          words >> id_text;
          const double id = number(id_text, error);
          if (!(id >= 0 && id <= 127) || id != std::floor(id)) error.fail("a motion id is a whole 0..127");
          std::getline(words >> std::ws, name);
          if (result.find(static_cast<int>(id))) error.fail("motion ", id_text, " is defined twice");
          result.motions_.push_back({static_cast<int>(id), name, {}});
          open = &result.motions_.back();
        } else if (kind == "end") {
          if (!open) error.fail("'end' without a motion");
          if (open->steps.empty()) error.fail("motion ", std::to_string(open->id), " has no steps");
          open = nullptr;
        } else {
          if (!open) error.fail("a step outside a motion: start one with 'motion <id> <name>'");
          open->steps.push_back(parse_step(words, kind, error));
        }
      });
  if (open) LineError(source, last_line).fail("motion ", std::to_string(open->id), " has no 'end'");
  return result;
}

const PresetMotion* PresetMotions::find(int id) const {
  for (const PresetMotion& motion : motions_)
    if (motion.id == id) return &motion;
  return nullptr;
}

bool is_sitting_motion(int id) { return id == 3 || (id >= 8 && id <= 10); }

SimarenaHighLevelCmd rise_from_sitting() {
  SimarenaHighLevelCmd step{};
  step.mode = kModePoseCtrl;
  step.gait_id = kHeightGait;
  step.contact = 0x0F;
  step.pos_des[2] = 0.225f;
  step.duration = 800;  // the robot's 400 periods of 2 ms
  return step;
}

}  // namespace locomotion
