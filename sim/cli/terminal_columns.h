// Names padded to a column on the terminal by how wide they show, not by
// their bytes: a Chinese character takes two columns and three bytes, so
// printf's %-20s would push the columns after a Chinese entry name apart.
#pragma once

#include <cstdint>
#include <string>

namespace simarena::cli {

// Columns a code point takes on a terminal: 2 for East Asian wide and
// full-width characters (Unicode's EastAsianWidth W and F, main blocks), else 1.
inline int columns_of(uint32_t c) {
  const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
                    (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
                    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
                    (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
  return wide ? 2 : 1;
}

// Columns `text` (valid UTF-8, as every name printed has passed untrusted_text) takes.
inline int display_columns(const std::string& text) {
  int columns = 0;
  for (size_t i = 0; i < text.size();) {
    const auto byte = static_cast<uint8_t>(text[i]);
    const size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
    uint32_t code = length == 1 ? byte : byte & (0x7F >> length);
    for (size_t k = 1; k < length && i + k < text.size(); ++k)
      code = code << 6 | (static_cast<uint8_t>(text[i + k]) & 0x3F);
    columns += columns_of(code);
    i += length;
  }
  return columns;
}

// `text` followed by spaces up to `columns` columns (as %-Ns does for ASCII).
inline std::string padded(const std::string& text, int columns) {
  const int shown = display_columns(text);
  return shown >= columns ? text : text + std::string(static_cast<size_t>(columns - shown), ' ');
}

// Spaces, then `text`, filling `columns` columns (as %Ns does for ASCII).
inline std::string right_aligned(const std::string& text, int columns) {
  const int shown = display_columns(text);
  return shown >= columns ? text : std::string(static_cast<size_t>(columns - shown), ' ') + text;
}

}  // namespace simarena::cli
