// The viewer under LANG=zh_CN.UTF-8 (generated on the machine or not): the
// overlay's messages are Chinese and drawn with Debian's CJK font merged into
// the overlay's fonts. Without the font the same text falls back to '?'
// boxes and the viewer says which package to install: the two pictures of
// the overlay differ, and nothing else does.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "rgb_image.h"
#include "test_helpers.h"

namespace {

using simarena::test::shell;

constexpr const char* kCjkFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

}  // namespace

TEST_CASE("viewer in Chinese: the overlay's glyphs come from the CJK font, and its absence is reported", "[viewer]") {
  simarena::test::gl_children_skip_leak_check();
  if (!std::filesystem::exists(kCjkFont)) {
    WARN("SKIPPED: fonts-wqy-microhei not installed (scripts/setup installs it)");
    return;
  }
  simarena::test::TempFolder tmp;
  const std::string dir = tmp.path.string();
  const std::string view = "env -u DISPLAY -u WAYLAND_DISPLAY -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=zh_CN.UTF-8 ";
  const std::string args = std::string(" ") + SIMARENA_EXECUTABLE + " view --controller " + STAND_PLUGIN +
                           " --duration 1 --size 1280x720 --gl egl --screenshot ";
  const int status = shell(view + args + dir + "/font.png >" + dir + "/font.log 2>&1");
  if (status != 0 && shell("grep -q 'EGL offscreen rendering unavailable' " + dir + "/font.log") == 0) {
    WARN("SKIPPED: no EGL/Mesa on this machine; see " + dir + "/font.log");
    return;
  }
  REQUIRE(status == 0);
  REQUIRE(shell(view + "SIMARENA_CJK_FONT=" + dir + "/none.ttc" + args + dir + "/none.png >" + dir +
                "/none.log 2>&1") == 0);
  const std::string font_log = simarena::test::file_bytes(dir + "/font.log");
  const std::string none_log = simarena::test::file_bytes(dir + "/none.log");
  INFO(font_log << none_log);
  CHECK_THAT(font_log, Catch::Matchers::Contains("截图        "));  // the terminal summary is Chinese too
  CHECK_THAT(font_log, !Catch::Matchers::Contains("fonts-wqy-microhei"));
  CHECK_THAT(none_log, Catch::Matchers::Contains("none.ttc 未找到") && Catch::Matchers::Contains("fonts-wqy-microhei"));

  const simarena::test::RgbImage with_font(dir + "/font.png"), without(dir + "/none.png");
  REQUIRE(with_font.width == 1280);
  // The robot panel (top right: err_flag bits in Chinese) is drawn differently...
  CHECK(with_font.difference(without, 0.62, 0.02, 0.99, 0.40) > 3);
  // ...and the middle of the view, where the robot stands, is the same scene.
  CHECK(with_font.difference(without, 0.35, 0.40, 0.62, 0.70) < 1.0);
}
