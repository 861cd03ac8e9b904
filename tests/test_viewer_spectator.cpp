// simarena view on the big screen, rendered offscreen through EGL: the
// broadcast camera shows a sky (not a black band; the fast preset draws it
// itself), the spectator overlay replaces the developer panels and leaves
// the scene alone, a video records with the fast preset and reports its
// progress, a wrong preset is refused, the same command records the same
// video bytes, a video's frame is the screenshot of the same moment (the
// yuv420p conversion), and (under Xvfb) the window fits the screen and acts
// on keys sent to it.
#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "rgb_image.h"
#include "test_helpers.h"

namespace {

namespace fs = std::filesystem;
using Picture = simarena::test::RgbImage;

using simarena::test::file_bytes;
using simarena::test::shell;

const std::string kSpectatorView = "env -u DISPLAY -u WAYLAND_DISPLAY " + std::string(SIMARENA_EXECUTABLE) +
                                   " view --gl egl --track sprint --controller " + TROT_PLUGIN + " --camera broadcast ";

// Runs `arguments`; false (with a warning) when this machine has no EGL.
bool view(const fs::path& dir, const std::string& arguments, const std::string& name) {
  const std::string log = (dir / (name + ".log")).string();
  const int status = shell(kSpectatorView + arguments + " >" + log + " 2>&1");
  if (status != 0 && shell("grep -q 'EGL offscreen rendering unavailable' " + log) == 0) {
    WARN("SKIPPED: no EGL/Mesa on this machine; see " + log);
    return false;
  }
  INFO(file_bytes(log));
  REQUIRE(status == 0);
  return true;
}

// Mean of one channel over a band of rows (fractions of the height).
double mean(const Picture& p, int channel, double y0, double y1) {
  double sum = 0;
  long count = 0;
  for (int y = static_cast<int>(y0 * p.height); y < static_cast<int>(y1 * p.height); ++y)
    for (int x = 0; x < p.width; ++x, ++count) sum += p.rgb[3 * (static_cast<size_t>(y) * p.width + x) + channel];
  return sum / static_cast<double>(count);
}

}  // namespace

TEST_CASE("the broadcast camera shows a sky and the spectator overlay hides the developer panels", "[viewer]") {
  simarena::test::TempFolder tmp;
  simarena::test::gl_children_skip_leak_check();
  const std::string shot = " --size 1280x720 --duration 5 --screenshot ";
  if (!view(tmp.path, "--no-overlay" + shot + (tmp.path / "bare.png").string(), "bare")) return;
  REQUIRE(view(tmp.path, shot + (tmp.path / "practice.png").string(), "practice"));
  REQUIRE(view(tmp.path,
               "--spectator --title 'Spring Cup' --entry 'Team Falcon'" + shot + (tmp.path / "spectator.png").string(),
               "spectator"));
  const Picture bare((tmp.path / "bare.png").string());
  const Picture practice((tmp.path / "practice.png").string());
  const Picture spectator((tmp.path / "spectator.png").string());

  // The top rows are sky: bright and blue, not black.
  CHECK(mean(bare, 2, 0, 0.03) > 150);
  CHECK(mean(bare, 2, 0, 0.03) > mean(bare, 0, 0, 0.03) + 20);
  // Different panels top right (the robot's err_flag panel against the clock)...
  CHECK(spectator.difference(practice, 0.7, 0.0, 1.0, 0.3) > 5);
  // ... and the same scene in the middle, where the robot is.
  CHECK(spectator.difference(bare, 0.3, 0.35, 0.7, 0.65) < 1);
  CHECK(spectator.difference(practice, 0.3, 0.35, 0.7, 0.65) < 1);
}

TEST_CASE("the fast preset's own sky and finite floor look like the broadcast preset's skybox and floor", "[viewer]") {
  simarena::test::TempFolder tmp;
  simarena::test::gl_children_skip_leak_check();
  const std::string shot = " --no-overlay --size 1280x720 --duration 5 --screenshot ";
  if (!view(tmp.path, "--preset broadcast" + shot + (tmp.path / "broadcast.png").string(), "broadcast")) return;
  REQUIRE(view(tmp.path, "--preset fast" + shot + (tmp.path / "fast.png").string(), "fast"));
  const Picture broadcast((tmp.path / "broadcast.png").string()), fast((tmp.path / "fast.png").string());
  // Sky at the top (MuJoCo's cleared background there is black), the same gradient within a few levels.
  CHECK(mean(fast, 2, 0, 0.03) > 150);
  CHECK(mean(fast, 2, 0, 0.03) > mean(fast, 0, 0, 0.03) + 20);
  CHECK(fast.difference(broadcast, 0, 0, 1, 0.15) < 6);
  // The ground in front (no shadow there), an 8x8 grid of quads instead of MuJoCo's 200x200.
  CHECK(fast.difference(broadcast, 0, 0.85, 1, 1) < 2);
}

TEST_CASE("a fast-preset video records with progress on the terminal, and a wrong preset is refused", "[viewer]") {
  simarena::test::TempFolder tmp;
  simarena::test::gl_children_skip_leak_check();
  const fs::path video = tmp.path / "fast.mp4";
  if (!view(tmp.path, "--preset fast --size 640x360 --duration 1 --record " + video.string(), "fast")) return;
  CHECK(fs::file_size(video) > 1000);
  CHECK_THAT(file_bytes(tmp.path / "fast.log"), Catch::Contains("recording   frame 31 of 31"));

  CHECK(shell(kSpectatorView + "--preset slow --screenshot " + (tmp.path / "x.png").string() + " >" +
              (tmp.path / "bad.log").string() + " 2>&1") != 0);
  CHECK_THAT(file_bytes(tmp.path / "bad.log"), Catch::Contains("--preset slow"));
  CHECK_FALSE(fs::exists(tmp.path / "x.png"));
}

TEST_CASE("the same command records the same video, byte for byte, through the asynchronous readback", "[viewer]") {
  simarena::test::TempFolder tmp;
  simarena::test::gl_children_skip_leak_check();
  // The spectator overlay shows simulated figures only (the developer panel adds wall-clock ones).
  const std::string args = "--spectator --preset broadcast --size 640x360 --duration 1 --record ";
  if (!view(tmp.path, args + (tmp.path / "a.mp4").string(), "a")) return;
  REQUIRE(view(tmp.path, args + (tmp.path / "b.mp4").string(), "b"));
  const std::string a = file_bytes(tmp.path / "a.mp4");
  CHECK(a.size() > 1000);
  CHECK(a == file_bytes(tmp.path / "b.mp4"));
}

TEST_CASE("a video's last frame is the screenshot at its end: colours, rows and planes converted right", "[viewer]") {
  simarena::test::TempFolder tmp;
  simarena::test::gl_children_skip_leak_check();
  // 640x360 is converted to yuv420p in the viewer (even sides); 641x361 goes to ffmpeg as RGBA, padded there.
  for (const auto& [width, height] : {std::pair{640, 360}, std::pair{641, 361}}) {
    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    INFO(size);
    const fs::path video = tmp.path / (size + ".mp4"), shot = tmp.path / (size + ".png");
    if (!view(tmp.path,
              "--spectator --preset fast --size " + size + " --duration 1 --record " + video.string() +
                  " --screenshot " + shot.string(),
              size))
      return;
    // Every frame decoded over the same picture leaves the last one (cropped back from ffmpeg's even padding).
    const fs::path last = tmp.path / (size + "-last.png");
    REQUIRE(shell("ffmpeg -loglevel error -y -i " + video.string() + " -vf format=rgb24,crop=" + std::to_string(width) +
                  ":" + std::to_string(height) + ":0:0 -update 1 " + last.string()) == 0);
    const Picture frame(last.string()), screenshot(shot.string());
    REQUIRE(frame.width == screenshot.width);
    REQUIRE(frame.height == screenshot.height);
    // Only H.264's loss apart; a frame upside down, or with its chroma planes swapped, is far off.
    CHECK(frame.difference(screenshot, 0, 0, 1, 1) < 3);
    Picture flipped = screenshot;
    const size_t row = 3 * static_cast<size_t>(flipped.width);
    for (int y = 0; y < flipped.height; ++y)
      std::copy_n(screenshot.rgb.begin() + static_cast<long>(row * (screenshot.height - 1 - y)), row,
                  flipped.rgb.begin() + static_cast<long>(row * y));
    CHECK(frame.difference(flipped, 0, 0, 1, 1) > 20);
  }
}

TEST_CASE("the window fits a 1366x768 screen and acts on keys sent to it", "[viewer]") {
  simarena::test::gl_children_skip_leak_check();
  if (shell("command -v xvfb-run >/dev/null 2>&1 && command -v xdotool >/dev/null 2>&1") != 0) {
    WARN("SKIPPED: xvfb-run or xdotool not installed; the window's keys were not tested");
    return;
  }
  simarena::test::TempFolder tmp;
  const std::string dir = tmp.path.string();
  // Keys go to the window as X events (GLFW's key callback); the screen is grabbed before and after V.
  const std::string grab = "ffmpeg -loglevel error -y -f x11grab -video_size 1366x768 -i $DISPLAY -frames:v 1 ";
  const std::string script = std::string(SIMARENA_EXECUTABLE) + " view --track sprint --controller " + STAND_PLUGIN +
                             " --paused >" + dir + "/view.log 2>&1 & pid=$!\n" +
                             "for i in $(seq 1 120); do w=$(xdotool search --name 'simarena view' 2>/dev/null | head "
                             "-1); [ -n \"$w\" ] && break; sleep 0.5; done\n"
                             "sleep 4\n"
                             "xdotool getwindowgeometry $w >" +
                             dir + "/geometry.txt\n" + grab + dir + "/before.png\n" +
                             "xdotool key --window $w v\nsleep 3\n" + grab + dir + "/after.png\n" +
                             "xdotool key --window $w q\nwait $pid\necho $? >" + dir + "/status.txt\n";
  { std::ofstream(dir + "/keys.sh") << script; }
  REQUIRE(shell("timeout 120 xvfb-run -a -s '-screen 0 1366x768x24' sh " + dir + "/keys.sh >" + dir +
                "/xvfb.log 2>&1") == 0);
  INFO(file_bytes(tmp.path / "view.log"));
  CHECK_THAT(file_bytes(tmp.path / "geometry.txt"), Catch::Contains("Geometry: 1160x652"));  // 85 % of the screen
  CHECK(file_bytes(tmp.path / "status.txt") == "0\n");                                       // Q closed it
  const Picture before(dir + "/before.png"), after(dir + "/after.png");
  // V: the spectator overlay replaced the robot panel top right (the window spans 1160 of 1366 pixels).
  CHECK(after.difference(before, 0.55, 0.0, 0.84, 0.3) > 5);
  CHECK(after.difference(before, 0.3, 0.45, 0.55, 0.8) < 2);  // the paused scene is the same
}
