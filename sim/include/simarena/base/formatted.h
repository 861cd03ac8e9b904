// printf-style formatting into a std::string, for translated messages: the
// translation (tr) is a format whose arguments a language may reorder with
// %1$s, %2$s, which concatenated fragments would not allow.
#pragma once

#include <cstdarg>
#include <cstdio>
#include <string>

namespace simarena {

[[gnu::format(printf, 1, 2)]] inline std::string formatted(const char* format, ...) {
  va_list args;
  va_start(args, format);
  va_list again;
  va_copy(again, args);
  const int length = std::vsnprintf(nullptr, 0, format, args);
  va_end(args);
  std::string out(length > 0 ? static_cast<size_t>(length) : 0, '\0');
  if (length > 0) std::vsnprintf(out.data(), out.size() + 1, format, again);
  va_end(again);
  return out;
}

// A number as messages show it (%g).
inline std::string shown_number(double value) { return formatted("%g", value); }

// A number in a printf `format` (three decimals unless told), as tables and pages print it.
inline std::string number_text(double value, const char* format = "%.3f") {
  char text[40];
  std::snprintf(text, sizeof(text), format, value);
  return text;
}

// A number as the generated MJCF writes it: 6 significant digits, |v| < 1e-12 as 0.
inline std::string mjcf_number(double value) {
  return formatted("%.6g", value > -1e-12 && value < 1e-12 ? 0.0 : value);
}
inline std::string mjcf_vector(double a, double b, double c) {
  return mjcf_number(a) + " " + mjcf_number(b) + " " + mjcf_number(c);
}

}  // namespace simarena
