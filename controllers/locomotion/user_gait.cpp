#include "user_gait.h"

// Header-only: the parser is compiled into this file alone, so nothing that
// links the locomotion core (plugins, the sandboxed host) needs a shared library.
#define TOML_HEADER_ONLY 1
#define TOML_ENABLE_FORMATTERS 0
#include <toml++/toml.h>

#include <cmath>
#include <numeric>
#include <optional>

namespace locomotion {

namespace {

constexpr std::string_view kDefinitionHeader = "# Gait Def";
constexpr std::string_view kParametersHeader = "# Gait Params";

[[noreturn]] void fail(const toml::source_region& where, const std::string& what) {
  throw UserGaitError("line " + std::to_string(where.begin.line) + ": " + what);
}

// The node's integer, or the error naming its line.
int64_t integer_at(const toml::node& node, const std::string& what) {
  const std::optional<int64_t> value = node.value_exact<int64_t>();
  if (!value) fail(node.source(), what);
  return *value;
}

// The TOML text, parsed, or the error naming its line.
toml::table parse_toml(std::string_view text, std::string_view kind) {
  if (text.size() > kMaxGaitTextBytes)
    throw UserGaitError("the " + std::string(kind) + " has " + std::to_string(text.size()) + " bytes, more than " +
                        std::to_string(kMaxGaitTextBytes));
  try {
    return toml::parse(text);
  } catch (const toml::parse_error& e) {
    fail(e.source(), std::string(e.description()));
  }
}

// The `[[key]]` tables of a text's root, which may hold nothing else: 1 to
// `most` of them, or the error naming the line.
std::vector<const toml::table*> listed_tables(const toml::table& root, const std::string& key, const std::string& what,
                                              int most) {
  const std::string tables_of_key = "[[" + key + "]] tables";
  for (const auto& [name, value] : root)
    if (name != key)
      fail(value.source(),
           "unknown key `" + std::string(name.str()) + "` (the " + what + " has " + tables_of_key + ")");
  const toml::array* list = root[key].as_array();
  if (list == nullptr || list->empty()) {
    if (const toml::node* node = root.get(key)) fail(node->source(), "`" + key + "` must be " + tables_of_key);
    throw UserGaitError("line 1: no [[" + key + "]] in the " + what);
  }
  if (list->size() > static_cast<size_t>(most))
    throw UserGaitError("the " + what + " has " + std::to_string(list->size()) + " " + key + "s, more than " +
                        std::to_string(most));
  std::vector<const toml::table*> tables;
  for (const toml::node& node : *list) {
    const toml::table* table = node.as_table();
    if (table == nullptr) fail(node.source(), "`" + key + "` must be " + tables_of_key);
    tables.push_back(table);
  }
  return tables;
}

GaitSection section_of(const toml::table& table, int index) {
  const std::string name = "section " + std::to_string(index + 1);
  GaitSection section;
  const toml::node* contact = table.get("contact");
  if (contact == nullptr) fail(table.source(), name + " has no `contact = [FR, FL, RR, RL]`");
  const toml::array* legs = contact->as_array();
  if (legs == nullptr || legs->size() != 4)
    fail(contact->source(), name + ": `contact` must be four numbers, 1 (on the ground) or 0 (swinging), FR FL RR RL");
  for (size_t leg = 0; leg < 4; ++leg) {
    const int64_t bit = integer_at((*legs)[leg], name + ": each `contact` entry must be the integer 0 or 1");
    if (bit != 0 && bit != 1)
      fail((*legs)[leg].source(), name + ": each `contact` entry must be 0 or 1, got " + std::to_string(bit));
    section.contact[leg] = bit == 1;
  }
  const toml::node* duration = table.get("duration");
  if (duration == nullptr) fail(table.source(), name + " has no `duration = N` (N steps of 30 ms)");
  const int64_t steps = integer_at(*duration, name + ": `duration` must be a whole number of 30 ms steps");
  if (steps < 1 || steps > kMaxSectionSteps)
    fail(duration->source(), name + ": `duration` must be 1 to " + std::to_string(kMaxSectionSteps) +
                                 " steps of 30 ms, got " + std::to_string(steps));
  section.steps = static_cast<int>(steps);
  for (const auto& [key, value] : table)
    if (key != "contact" && key != "duration")
      fail(value.source(),
           name + ": unknown key `" + std::string(key.str()) + "` (a section has contact and duration)");
  return section;
}

}  // namespace

int UserGait::total_steps() const {
  return std::accumulate(sections.begin(), sections.end(), 0,
                         [](int sum, const GaitSection& s) { return sum + s.steps; });
}

GaitTextKind gait_text_kind(std::string_view text) {
  if (text.substr(0, kDefinitionHeader.size()) == kDefinitionHeader) return GaitTextKind::definition;
  if (text.substr(0, kParametersHeader.size()) == kParametersHeader) return GaitTextKind::parameters;
  return GaitTextKind::unknown;
}

UserGait parse_user_gait(std::string_view text) {
  if (gait_text_kind(text) != GaitTextKind::definition)
    throw UserGaitError("line 1: a gait definition starts with \"# Gait Def\"");
  const toml::table root = parse_toml(text, "gait definition");
  UserGait gait;
  const std::vector<const toml::table*> tables = listed_tables(root, "section", "gait definition", kMaxGaitSections);
  for (size_t i = 0; i < tables.size(); ++i) gait.sections.push_back(section_of(*tables[i], static_cast<int>(i)));
  // The robot ends every schedule with four feet down (its last section's contact is overwritten).
  gait.sections.back().contact = {true, true, true, true};
  return gait;
}

namespace {

constexpr int64_t kMaxStepMs = 3'600'000;

// `count` numbers (integers or floats) into `out`.
template <typename Number>
void numbers_into(const toml::node& node, const std::string& what, Number* out, size_t count) {
  const toml::array* list = node.as_array();
  if (list == nullptr || list->size() != count)
    fail(node.source(), what + " must be a list of " + std::to_string(count) + " numbers");
  for (size_t i = 0; i < count; ++i) {
    const std::optional<double> value = (*list)[i].value<double>();
    if (!value || !std::isfinite(*value)) fail((*list)[i].source(), what + ": each entry must be a finite number");
    out[i] = static_cast<Number>(*value);
  }
}

// One [[step]] table over the step before (the robot carries every field over).
void read_step(const toml::table& table, const std::string& name, SimarenaHighLevelCmd& frame) {
  const auto small_integer = [&](const toml::node& node, const char* key, int64_t low, int64_t high) {
    const int64_t value = integer_at(node, name + ": `" + key + "` must be a whole number");
    if (value < low || value > high)
      fail(node.source(), name + ": `" + key + "` must be " + std::to_string(low) + " to " + std::to_string(high) +
                              ", got " + std::to_string(value));
    return value;
  };
  for (const auto& [key, node] : table) {
    const std::string_view k = key.str();
    if (k == "mode") {
      frame.mode = static_cast<int8_t>(small_integer(node, "mode", -128, 127));
      if (frame.mode == 62) fail(node.source(), name + ": a step cannot be a preset motion (mode 62)");
    } else if (k == "gait_id") {
      frame.gait_id = static_cast<int8_t>(small_integer(node, "gait_id", -128, 127));
    } else if (k == "contact") {
      frame.contact = static_cast<int8_t>(small_integer(node, "contact", -128, 127));
    } else if (k == "value") {
      frame.value = static_cast<int8_t>(small_integer(node, "value", -128, 127));
    } else if (k == "duration") {
      frame.duration = static_cast<int32_t>(small_integer(node, "duration", 0, kMaxStepMs));
    } else if (k == "vel_des") {
      numbers_into(node, name + ": `vel_des`", frame.vel_des, 3);
    } else if (k == "rpy_des") {
      numbers_into(node, name + ": `rpy_des`", frame.rpy_des, 3);
    } else if (k == "pos_des") {
      numbers_into(node, name + ": `pos_des`", frame.pos_des, 3);
    } else if (k == "acc_des") {
      numbers_into(node, name + ": `acc_des`", frame.acc_des, 6);
    } else if (k == "ctrl_point") {
      numbers_into(node, name + ": `ctrl_point`", frame.ctrl_point, 3);
    } else if (k == "foot_pose") {
      numbers_into(node, name + ": `foot_pose`", frame.foot_pose, 6);
    } else if (k == "step_height") {
      numbers_into(node, name + ": `step_height`", frame.step_height, 2);
    } else {
      fail(node.source(), name + ": unknown key `" + std::string(k) +
                              "` (a step has the fields of robot_control_cmd: mode, gait_id, contact, value, "
                              "duration, vel_des, rpy_des, pos_des, acc_des, ctrl_point, foot_pose, step_height)");
    }
  }
}

}  // namespace

PresetMotion parse_user_motion(std::string_view text) {
  if (gait_text_kind(text) != GaitTextKind::parameters)
    throw UserGaitError("line 1: a user motion starts with \"# Gait Params\"");
  const toml::table root = parse_toml(text, "user motion");
  PresetMotion motion{kUserMotionId, "user motion", {}};
  SimarenaHighLevelCmd frame{};
  const std::vector<const toml::table*> tables = listed_tables(root, "step", "user motion", kMaxUserMotionSteps);
  for (size_t i = 0; i < tables.size(); ++i) {
    read_step(*tables[i], "step " + std::to_string(i + 1), frame);
    motion.steps.push_back(frame);
  }
  return motion;
}

}  // namespace locomotion
