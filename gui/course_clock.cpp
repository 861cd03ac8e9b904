#include "course_clock.h"

#include <cmath>
#include <cstdio>

namespace simarena::gui {

std::string hundredths_text(double seconds) {
  const long long centis = std::llround(seconds * 100.0);
  const long long whole = std::llabs(centis);
  char text[40];
  std::snprintf(text, sizeof(text), "%s%lld.%02lld", centis < 0 ? "-" : "", whole / 100, whole % 100);
  return text;
}

std::string clock_text(double seconds) {
  const long long centis = std::llround(seconds * 100.0);
  char text[40];
  std::snprintf(text, sizeof(text), "%lld:%02lld.%02lld", centis / 6000, (centis / 100) % 60, centis % 100);
  return text;
}

}  // namespace simarena::gui
