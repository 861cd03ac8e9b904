// Errors in the user's language at the terminal, English in files: an
// InputError keeps its English format and arguments, and shows them
// translated (base/message.h, issue 19).
#include <catch2/catch.hpp>
#include <functional>

#include "simarena/base/input_error.h"
#include "simarena/base/messages.h"
#include "simarena/track/track_spec.h"
#include "test_helpers.h"

using namespace simarena;

namespace {

// Chinese messages for one test, English again after it (the runner pins English).
struct InChinese {
  InChinese() { choose_language("zh"); }
  ~InChinese() { choose_language("en"); }
  InChinese(const InChinese&) = delete;
  InChinese& operator=(const InChinese&) = delete;
};

InputError error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& e) {
    return e;
  }
  FAIL("no InputError");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("Message fills %s in order, %N$s by position, and keeps arguments as written") {
  CHECK(Message("%s then %s", "a", "b").english() == "a then b");
  CHECK(Message("%2$s before %1$s, %2$s again", "a", "b").english() == "b before a, b again");
  CHECK(Message("100%% of %s", std::string("x%sy")).english() == "100% of x%sy");  // an argument's % is text
  CHECK(Message("%s bytes", size_t{42}).english() == "42 bytes");
  CHECK(Message(std::string("verbatim %s")).english() == "verbatim %s");
  CHECK(Message("outer: %s", Message("inner %s", "z")).english() == "outer: inner z");
}

TEST_CASE("An input error is shown in Chinese under --lang zh, names its file, and its what() stays English") {
  test::TempFolder folder;
  const std::filesystem::path missing = folder.path / "我的赛道.yaml";
  InChinese chinese;
  REQUIRE(language_in_use() == "zh_CN");
  const InputError e = error_of([&] { load_track(missing); });
  CHECK(std::string(e.what()) == missing.string() + ": cannot open file (check the path and that it is readable)");
  CHECK(e.shown() == missing.string() + ": " + tr("cannot open file (check the path and that it is readable)"));
  CHECK(e.shown().find("无法打开文件") != std::string::npos);
}

TEST_CASE("A located YAML error keeps its line and column and the user's words in Chinese") {
  test::TempFolder folder;
  const std::filesystem::path track = folder.path / "t.yaml";
  std::ofstream(track) << "format_version: 1\nname: t\nrules: standard\ntime_limit: 30\nlane: {width: 1.0}\n"
                          "start: {x: -0.5, y: 0}\ncourse:\n  - ramp: {length: 2}\n";
  InChinese chinese;
  const InputError e = error_of([&] { load_track(track); });
  CHECK(e.line() == 8);
  CHECK(std::string(e.what()).find(":8:5: unknown course element 'ramp'; allowed:") != std::string::npos);
  const std::string shown = e.shown();
  CHECK(shown.rfind(track.string() + ":8:5: ", 0) == 0);
  CHECK(shown.find("'ramp'") != std::string::npos);
  CHECK(shown.find("unknown course element") == std::string::npos);
}
