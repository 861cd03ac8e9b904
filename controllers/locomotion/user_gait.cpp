#include "user_gait.h"

// Header-only: the parser is compiled into this file alone, so nothing that
// links the locomotion core (plugins, the sandboxed host) needs a shared library.
#define TOML_HEADER_ONLY 1
#define TOML_ENABLE_FORMATTERS 0
#include <toml++/toml.h>

#include <numeric>

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
  if (text.size() > kMaxGaitTextBytes)
    throw UserGaitError("the gait definition has " + std::to_string(text.size()) + " bytes, more than " +
                        std::to_string(kMaxGaitTextBytes));
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error& e) {
    fail(e.source(), std::string(e.description()));
  }
  for (const auto& [key, value] : root)
    if (key != "section")
      fail(value.source(), "unknown key `" + std::string(key.str()) + "` (the definition has [[section]] tables)");
  const toml::array* list = root["section"].as_array();
  if (list == nullptr || list->empty()) {
    const toml::node* node = root.get("section");
    if (node != nullptr) fail(node->source(), "`section` must be [[section]] tables");
    throw UserGaitError("line 1: no [[section]] in the gait definition");
  }
  if (list->size() > static_cast<size_t>(kMaxGaitSections))
    throw UserGaitError("the gait definition has " + std::to_string(list->size()) + " sections, more than " +
                        std::to_string(kMaxGaitSections));
  UserGait gait;
  for (size_t i = 0; i < list->size(); ++i) {
    const toml::table* table = (*list)[i].as_table();
    if (table == nullptr) fail((*list)[i].source(), "`section` must be [[section]] tables");
    gait.sections.push_back(section_of(*table, static_cast<int>(i)));
  }
  // The robot ends every schedule with four feet down (its last section's contact is overwritten).
  gait.sections.back().contact = {true, true, true, true};
  return gait;
}

}  // namespace locomotion
