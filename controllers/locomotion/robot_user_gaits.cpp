#include "robot_user_gaits.h"

#include <charconv>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "data_lines.h"

namespace locomotion {

std::string_view user_gaits_text();  // user_gaits_text.cpp, generated from user_gaits.txt

namespace {

[[noreturn]] void fail(std::string_view source, int line, const std::string& what) {
  std::ostringstream message;
  message << source << ':' << line << ": " << what;
  throw std::invalid_argument(message.str());
}

// A whole number in [low, high], or nothing.
std::optional<int> whole(std::string_view text, int low, int high) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high) return std::nullopt;
  return value;
}

}  // namespace

RobotUserGaits RobotUserGaits::builtin() { return parse(user_gaits_text(), "user_gaits.txt"); }

RobotUserGaits RobotUserGaits::parse(std::string_view text, std::string_view source) {
  RobotUserGaits result;
  Entry* open = nullptr;
  const int last_line = for_each_data_line(text, [&](int line_number, std::string word, std::istringstream& words) {
    if (word == "gait") {
      if (open) fail(source, line_number, "gait " + std::to_string(open->id) + " has no 'end' before the next gait");
      std::string id_text;
      words >> id_text;
      const std::optional<int> id = whole(id_text, kFirstRobotUserGait, kLastRobotUserGait);
      if (!id) fail(source, line_number, "a user gait id is a whole 80..100");
      if (result.find(*id)) fail(source, line_number, "gait " + id_text + " is defined twice");
      result.gaits_.push_back({*id, {}});
      open = &result.gaits_.back();
    } else if (word == "end") {
      if (!open) fail(source, line_number, "'end' without a gait");
      if (open->gait.sections.empty())
        fail(source, line_number, "gait " + std::to_string(open->id) + " has no sections");
      // As the robot's NonPeriodicGait: the schedule ends four feet down.
      open->gait.sections.back().contact = {true, true, true, true};
      open = nullptr;
    } else {
      if (!open) fail(source, line_number, "a section outside a gait: start one with 'gait <id> <name>'");
      do {  // pairs: contact bits, then steps
        std::string steps_text;
        if (word.size() != 4 || word.find_first_not_of("01") != std::string::npos)
          fail(source, line_number, "'" + word + "' is not four 0/1 contact bits, FR FL RR RL (1: on the ground)");
        if (!(words >> steps_text)) fail(source, line_number, "contact " + word + " needs its duration in 30 ms steps");
        const std::optional<int> steps = whole(steps_text, 1, kMaxSectionSteps);
        if (!steps) fail(source, line_number, "'" + steps_text + "' is not a duration of 1 or more 30 ms steps");
        GaitSection section;
        for (int leg = 0; leg < 4; ++leg) section.contact[leg] = word[leg] == '1';
        section.steps = *steps;
        open->gait.sections.push_back(section);
      } while (words >> word);
    }
  });
  if (open) fail(source, last_line, "gait " + std::to_string(open->id) + " has no 'end'");
  return result;
}

const UserGait* RobotUserGaits::find(int gait_id) const {
  for (const Entry& entry : gaits_)
    if (entry.id == gait_id) return &entry.gait;
  return nullptr;
}

}  // namespace locomotion
