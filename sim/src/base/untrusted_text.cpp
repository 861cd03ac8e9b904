#include "simarena/base/untrusted_text.h"

#include <cstdint>

namespace simarena {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // U+2026

// Length of the valid UTF-8 sequence starting at `s[i]`, or 0 when it is
// not one (overlong forms, surrogates and code points past U+10FFFF count
// as invalid, as RFC 3629 says).
size_t valid_sequence_length(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const uint8_t b0 = byte(i);
  if (b0 < 0x80) return 1;
  size_t n = 0;
  uint32_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return n;
}

bool is_control(std::string_view s, size_t i, size_t length) {
  const auto b0 = static_cast<uint8_t>(s[i]);
  if (length == 1) return (b0 < 0x20 && b0 != '\t') || b0 == 0x7F;
  return length == 2 && b0 == 0xC2 && static_cast<uint8_t>(s[i + 1]) < 0xA0;  // C1: U+0080..U+009F
}

}  // namespace

std::string untrusted_text(std::string_view bytes, size_t max_bytes) {
  std::string out;
  out.reserve(bytes.size() < max_bytes ? bytes.size() : max_bytes);
  for (size_t i = 0; i < bytes.size();) {
    const size_t length = valid_sequence_length(bytes, i);
    std::string_view piece = length == 0 ? kReplacement : bytes.substr(i, length);
    if (length > 0 && is_control(bytes, i, length)) piece = " ";
    if (out.size() + piece.size() > max_bytes) {
      while (out.size() + kEllipsis.size() > max_bytes && !out.empty()) {
        // Drop whole characters until the ellipsis fits.
        size_t cut = out.size() - 1;
        while (cut > 0 && (static_cast<uint8_t>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
      }
      if (out.size() + kEllipsis.size() <= max_bytes) out += kEllipsis;
      return out;
    }
    out += piece;
    i += length == 0 ? 1 : length;
  }
  return out;
}

}  // namespace simarena
