// simarena view as CI meets it: under Xvfb the viewer opens a window, runs
// a few frames of a stand run with the scoreboard and writes a screenshot;
// with no display at all it renders through EGL. The images must show
// something, and the scoreboard must change only the corner it sits in.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "rgb_image.h"
#include "test_helpers.h"

// stb_image's implementation, once for the whole test binary.
#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

namespace {

using Image = simarena::test::RgbImage;

using simarena::test::shell;

const std::string kView = std::string(SIMARENA_EXECUTABLE) + " view --controller " + STAND_PLUGIN +
                          " --duration 1 --size 1280x720 --screenshot ";

}  // namespace

TEST_CASE("viewer under Xvfb: opens, renders a run with the scoreboard, writes a screenshot", "[viewer]") {
  simarena::test::gl_children_skip_leak_check();
  if (shell("command -v xvfb-run >/dev/null 2>&1") != 0) {
    WARN("SKIPPED: xvfb-run not installed (Debian package xvfb); the viewer was not tested");
    return;
  }
  simarena::test::TempFolder tmp;
  const std::string dir = tmp.path.string();
  const std::string xvfb = "xvfb-run -a -s '-screen 0 1920x1080x24' ";
  const std::string with = dir + "/with_overlay.png", bare = dir + "/bare.png";
  std::filesystem::remove(with);
  std::filesystem::remove(bare);
  REQUIRE(shell(xvfb + kView + with + " --gl window >" + dir + "/with.log 2>&1") == 0);
  REQUIRE(shell(xvfb + kView + bare + " --gl window --no-overlay >" + dir + "/bare.log 2>&1") == 0);

  const Image overlay(with), scene(bare);
  REQUIRE(overlay.width == 1280);
  REQUIRE(overlay.height == 720);
  CHECK(scene.brightness_spread() > 10);  // a floor and a robot, not one flat colour
  CHECK(overlay.brightness_spread() > 10);
  // The scoreboard (top left, with the timer) is there...
  CHECK(overlay.difference(scene, 0.02, 0.03, 0.27, 0.27) > 20);
  // ...and the middle of the view, where the robot is, is the same scene.
  CHECK(overlay.difference(scene, 0.35, 0.40, 0.62, 0.70) < 1.0);
}

TEST_CASE("viewer with no display renders offscreen through EGL", "[viewer]") {
  simarena::test::gl_children_skip_leak_check();
  simarena::test::TempFolder tmp;
  const std::string dir = tmp.path.string();
  const std::string out = dir + "/egl.png";
  std::filesystem::remove(out);
  const int status = shell("env -u DISPLAY -u WAYLAND_DISPLAY " + kView + out + " --gl egl >" + dir + "/egl.log 2>&1");
  if (status != 0 && shell("grep -q 'EGL offscreen rendering unavailable' " + dir + "/egl.log") == 0) {
    WARN("SKIPPED: no EGL/Mesa on this machine; see " + dir + "/egl.log");
    return;
  }
  REQUIRE(status == 0);
  const Image image(out);
  CHECK(image.width == 1280);
  CHECK(image.brightness_spread() > 10);
}
