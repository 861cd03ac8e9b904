// The line-based data texts built into the library (preset_motions.txt,
// user_gaits.txt): '#' starts a comment, blank lines are skipped.
#pragma once

#include <sstream>
#include <string>
#include <string_view>

namespace locomotion {

// Calls visit(line_number, first_word, rest_of_line) for every line with a
// word on it; returns the text's last line number (where an unterminated
// block is reported).
template <typename Visit>
int for_each_data_line(std::string_view text, Visit&& visit) {
  int line_number = 0;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    ++line_number;
    if (const size_t hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    std::string first;
    if (words >> first) visit(line_number, first, words);
  }
  return line_number;
}

}  // namespace locomotion
