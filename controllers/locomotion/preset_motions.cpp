#include "preset_motions.h"

#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "mode_transitions.h"

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

// "a,b,c" into exactly `n` floats.
void numbers(std::string_view text, float* out, int n, std::string_view key, const LineError& error) {
  int count = 0;
  while (true) {
    const size_t comma = text.find(',');
    if (count == n) error.fail(key, " takes ", std::to_string(n), " numbers separated by commas");
    out[count++] = static_cast<float>(number(text.substr(0, comma), error));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  if (count != n) error.fail(key, " takes ", std::to_string(n), " numbers separated by commas");
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
  } else {
    error.fail("unknown step '", kind, "': use pose, swingleg, height, stand, jump, torctrlposture, locomotion or end");
  }
  bool has_gait = false;
  bool has_duration = false;
  for (std::string word; words >> word;) {
    const size_t equals = word.find('=');
    if (equals == std::string::npos) error.fail("'", word, "' is not key=value");
    const std::string key = word.substr(0, equals);
    const std::string_view value = std::string_view(word).substr(equals + 1);
    const bool pose = step.mode == kModePoseCtrl && step.gait_id != kHeightGait;
    const bool torque_stand = step.mode == kModeQpStand;
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
      step.gait_id = static_cast<int8_t>(gait);
      has_gait = true;
    } else if (key == "vel" && step.mode == kModeLocomotion) {
      numbers(value, step.vel_des, 3, key, error);
    } else {
      error.fail("a ", kind, " step takes no '", key, "'");
    }
  }
  if (!has_duration) error.fail("a step needs ms=<duration>");
  if (step.mode == kModeLocomotion && !has_gait) error.fail("a locomotion step needs gait=<id>");
  return step;
}

}  // namespace

PresetMotions PresetMotions::builtin() { return parse(preset_motions_text(), "preset_motions.txt"); }

PresetMotions PresetMotions::parse(std::string_view text, std::string_view source) {
  PresetMotions result;
  PresetMotion* open = nullptr;
  int line_number = 0;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    ++line_number;
    const LineError error(source, line_number);
    if (const size_t hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    std::string kind;
    if (!(words >> kind)) continue;
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
  }
  if (open) LineError(source, line_number).fail("motion ", std::to_string(open->id), " has no 'end'");
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
