#include "simarena/base/xml_escape.h"

#include <cstdint>

#include "simarena/base/untrusted_text.h"

namespace simarena {

std::string xml_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string xml_escaped_untrusted(std::string_view raw) { return xml_escaped(untrusted_text(raw, SIZE_MAX)); }

}  // namespace simarena
