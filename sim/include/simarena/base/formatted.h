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

}  // namespace simarena
