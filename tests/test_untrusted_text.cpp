#include <catch2/catch.hpp>
#include <string>

#include "simarena/base/untrusted_text.h"

using simarena::untrusted_text;

namespace {

bool valid_utf8(const std::string& s) {
  // Every byte of the result must round-trip through the sanitiser unchanged.
  return untrusted_text(s, s.size() + 1) == s;
}

}  // namespace

TEST_CASE("controller text keeps valid UTF-8, including Chinese, as it is") {
  CHECK(untrusted_text("trot v2") == "trot v2");
  CHECK(untrusted_text("机器狗队") == "机器狗队");
  CHECK(untrusted_text("tab\there") == "tab\there");
}

TEST_CASE("invalid UTF-8 bytes become U+FFFD, so every JSON writer accepts the result") {
  CHECK(untrusted_text("a\xff"
                       "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(untrusted_text("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  CHECK(untrusted_text("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(untrusted_text("\xE6\x9C") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // truncated sequence
  CHECK(valid_utf8(untrusted_text("x\xF5\x80\x80\x80y")));
}

TEST_CASE("control and terminal escape characters become spaces") {
  CHECK(untrusted_text("red\x1b[31m") == "red [31m");
  CHECK(untrusted_text("line\nbreak\r") == "line break ");
  CHECK(untrusted_text("c1\xC2\x9B") == "c1 ");
  CHECK(untrusted_text(std::string("nul\0in", 6)) == "nul in");
}

TEST_CASE("long text is cut at a character boundary with an ellipsis, within the cap") {
  const std::string chinese(300, 'x');
  const std::string cut = untrusted_text(chinese, 20);
  CHECK(cut.size() <= 20);
  CHECK(cut.substr(cut.size() - 3) == "\xE2\x80\xA6");
  std::string wide;
  for (int i = 0; i < 100; ++i) wide += "机";
  const std::string wide_cut = untrusted_text(wide, 10);
  CHECK(wide_cut.size() <= 10);
  CHECK(valid_utf8(wide_cut));
  CHECK(untrusted_text(std::string(100000, 'a')).size() <= simarena::kUntrustedTextMaxBytes);
}
