#include "simarena/base/messages.h"

#include <libintl.h>

#include <algorithm>
#include <clocale>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

#include "simarena/base/search_paths.h"

namespace simarena {
namespace {

constexpr const char* kDomain = "simarena";

bool is_c_locale(const char* name) {
  return name == nullptr || std::strcmp(name, "C") == 0 || std::strcmp(name, "POSIX") == 0;
}

// The locale gettext would read LC_MESSAGES from: LC_ALL, LC_MESSAGES, then LANG.
std::string locale_from_environment() {
  for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* value = std::getenv(variable); value != nullptr && *value != '\0') return value;
  return "";
}

// "zh_CN.UTF-8@variant" -> "zh_CN"
std::string language_of(const std::string& locale) { return locale.substr(0, locale.find_first_of(".@")); }

}  // namespace

const char* tr(const char* english) {
  if (english == nullptr || *english == '\0') return english;  // "" would return the catalogue's header
  return dgettext(kDomain, english);
}

void choose_language(const std::string& lang) {
  if (std::setlocale(LC_MESSAGES, "") == nullptr) {
    // The locale is not generated here. gettext ignores LANGUAGE under the C locale but not under C.UTF-8,
    // which glibc always has: the language the environment asked for is named there.
    std::setlocale(LC_MESSAGES, "C.UTF-8");
    const std::string wanted = language_of(locale_from_environment());
    const char* language = std::getenv("LANGUAGE");
    if (!wanted.empty() && (language == nullptr || *language == '\0')) setenv("LANGUAGE", wanted.c_str(), 1);
  }
  if (!lang.empty()) {
    if (is_c_locale(std::setlocale(LC_MESSAGES, nullptr))) std::setlocale(LC_MESSAGES, "C.UTF-8");
    setenv("LANGUAGE", lang == "zh" ? "zh_CN" : lang.c_str(), 1);
  }
  const std::string folder = find_locale_dir().string();
  bindtextdomain(kDomain, folder.c_str());
  bind_textdomain_codeset(kDomain, "UTF-8");  // whatever the locale's character set, the terminal gets UTF-8
}

std::string language_in_use() {
  // A found catalogue translates "" into its header, which names its language.
  constexpr const char* kHeaderKey = "";
  const std::string header = dgettext(kDomain, kHeaderKey);
  const size_t at = header.find("Language: ");
  if (at == std::string::npos) return "en";
  const size_t start = at + std::strlen("Language: ");
  const std::string language = header.substr(start, header.find('\n', start) - start);
  return language.empty() ? "en" : language;
}

std::string all_translations() {
  const std::string language = language_in_use();
  if (language == "en") return "";
  // A .mo file (GNU gettext's manual, "The Format of GNU MO Files"): a magic number, the number of strings N, and
  // the offset of a table of N (length, offset) pairs locating the translations; in msgfmt's byte order.
  std::ifstream in(find_locale_dir() / language / "LC_MESSAGES" / (std::string(kDomain) + ".mo"), std::ios::binary);
  const std::string mo{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  bool big_endian = false;
  auto word = [&](size_t at) -> uint32_t {
    if (at + 4 > mo.size()) return 0;
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) value = value << 8 | static_cast<uint8_t>(mo[at + (big_endian ? i : 3 - i)]);
    return value;
  };
  if (word(0) != 0x950412de) {
    big_endian = true;
    if (word(0) != 0x950412de) return "";
  }
  const uint32_t count = word(8), table = word(16);
  std::string out;
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t length = word(table + 8 * i), offset = word(table + 8 * i + 4);
    if (static_cast<size_t>(offset) + length <= mo.size()) out.append(mo, offset, length).push_back('\n');
  }
  return out;
}

std::string html_language() {
  std::string language = language_in_use();
  std::replace(language.begin(), language.end(), '_', '-');
  return language;
}

}  // namespace simarena
