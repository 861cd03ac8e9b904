// The robot's camera as a picture-in-picture inset in the viewer's window
// (key I), under Xvfb with keys sent by xdotool: the inset appears under
// the scoreboard with the RGB camera's picture, I again shows the depth camera
// in grey, and after the robot's last camera it is gone; on a replay the
// camera views are re-rendered from the re-simulated state. The scene
// elsewhere is untouched.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "rgb_image.h"
#include "test_helpers.h"

namespace {

namespace fs = std::filesystem;
using Picture = simarena::test::RgbImage;
using simarena::test::file_bytes;
using simarena::test::shell;

bool have_xvfb_and_xdotool() {
  if (shell("command -v xvfb-run >/dev/null 2>&1 && command -v xdotool >/dev/null 2>&1 && command -v ffmpeg "
            ">/dev/null 2>&1") == 0)
    return true;
  WARN("SKIPPED: xvfb-run, xdotool or ffmpeg not installed; the camera inset was not tested");
  return false;
}

// Opens `simarena view <arguments>` paused in a window on a 1366x768 Xvfb
// screen and, for each of `keys` ("" for none), sends it and grabs the
// window into <dir>/<index>.png. The first camera shown makes its GL
// context and renderer while the frame waits (seconds with software GL on
// a loaded machine): more time before that grab.
void grab_after_keys(const fs::path& dir, const std::string& arguments, const std::vector<std::string>& keys) {
  const std::string d = dir.string();
  std::string script = std::string(SIMARENA_EXECUTABLE) + " view " + arguments + " --paused >" + d +
                       "/view.log 2>&1 & pid=$!\n"
                       "for i in $(seq 1 120); do w=$(xdotool search --name 'simarena view' 2>/dev/null | head -1); "
                       "[ -n \"$w\" ] && break; sleep 0.5; done\n"
                       "sleep 4\n"
                       "eval $(xdotool getwindowgeometry --shell $w)\n";
  bool first_key = true;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!keys[i].empty()) script += "xdotool key --window $w " + keys[i] + "\n";
    script += std::string(!keys[i].empty() && first_key ? "sleep 12\n" : "sleep 3\n") +
              "ffmpeg -loglevel error -y -f x11grab -video_size ${WIDTH}x${HEIGHT} -i $DISPLAY+$X,$Y "
              "-frames:v 1 " +
              d + "/" + std::to_string(i) + ".png\n";
    first_key = first_key && keys[i].empty();
  }
  script += "xdotool key --window $w q\nwait $pid\necho $? >" + d + "/status.txt\n";
  { std::ofstream(d + "/keys.sh") << script; }
  REQUIRE(shell("timeout 150 xvfb-run -a -s '-screen 0 1366x768x24' sh " + d + "/keys.sh >" + d + "/xvfb.log 2>&1") ==
          0);
  INFO(file_bytes(dir / "view.log") + file_bytes(dir / "xvfb.log"));
  REQUIRE(file_bytes(dir / "status.txt") == "0\n");  // Q closed it
}

// Mean over a rectangle (fractions of the picture) of how far a pixel's
// channels are from their mean: 0 for grey.
double colourfulness(const Picture& p, double x0, double y0, double x1, double y1) {
  double sum = 0;
  long count = 0;
  for (int y = static_cast<int>(y0 * p.height); y < static_cast<int>(y1 * p.height); ++y)
    for (int x = static_cast<int>(x0 * p.width); x < static_cast<int>(x1 * p.width); ++x, ++count) {
      const unsigned char* c = &p.rgb[3 * (static_cast<size_t>(y) * p.width + x)];
      const double mean = (c[0] + c[1] + c[2]) / 3.0;
      sum += std::abs(c[0] - mean) + std::abs(c[1] - mean) + std::abs(c[2] - mean);
    }
  return sum / static_cast<double>(count);
}

// Mean of all channels over a rectangle (fractions of the picture).
double mean(const Picture& p, double x0, double y0, double x1, double y1) {
  double sum = 0;
  long count = 0;
  for (int y = static_cast<int>(y0 * p.height); y < static_cast<int>(y1 * p.height); ++y)
    for (int x = static_cast<int>(x0 * p.width); x < static_cast<int>(x1 * p.width); ++x)
      for (int c = 0; c < 3; ++c, ++count) sum += p.rgb[3 * (static_cast<size_t>(y) * p.width + x) + c];
  return sum / static_cast<double>(count);
}

// Inside the inset's picture in the 1160x652 window: left, under the
// scoreboard, 30 % of the height (camera_inset.cpp), and its top and bottom bands.
constexpr double kX0 = 0.04, kY0 = 0.35, kX1 = 0.22, kY1 = 0.62;
constexpr double kTopY0 = 0.35, kTopY1 = 0.39, kBottomY0 = 0.56, kBottomY1 = 0.62;

}  // namespace

TEST_CASE("key I shows the robot's cameras in turn as an inset, then none", "[viewer]") {
  simarena::test::gl_children_skip_leak_check();
  if (!have_xvfb_and_xdotool()) return;
  simarena::test::TempFolder tmp;
  // The CyberDog 2's cameras: rgb, depth, ai; after the third I the inset is off.
  grab_after_keys(tmp.path, std::string("--controller ") + STAND_PLUGIN, {"", "i", "i", "i i"});
  const Picture none((tmp.path / "0.png").string()), rgb((tmp.path / "1.png").string()),
      depth((tmp.path / "2.png").string()), off((tmp.path / "3.png").string());
  INFO("window " << none.width << "x" << none.height);
  CHECK(rgb.difference(none, kX0, kY0, kX1, kY1) > 10);   // the inset is there...
  CHECK(rgb.difference(none, 0.35, 0.45, 0.6, 0.7) < 1);  // ... and the robot is drawn as before
  CHECK(depth.difference(rgb, kX0, kY0, kX1, kY1) > 10);  // another camera
  CHECK(colourfulness(depth, kX0, kY0, kX1, kY1) < 3);    // depth is grey
  CHECK(off.difference(none, kX0, kY0, kX1, kY1) < 1);    // after the last camera: gone
  CHECK(file_bytes(tmp.path / "view.log").find("no image") == std::string::npos);

  // What the robot's own camera sees at t = 0 (`--camera robot:rgb`, the
  // renderer a controller gets): its top and bottom quarters' brightness
  // is the inset's, where the scene behind differs.
  const std::string shot = (tmp.path / "camera.png").string();
  REQUIRE(shell(std::string(SIMARENA_EXECUTABLE) + " view --controller " + STAND_PLUGIN +
                " --camera robot:rgb --at 0 --screenshot " + shot + " >/dev/null 2>&1") == 0);
  const Picture camera(shot);
  const double camera_top = mean(camera, 0, 0, 1, 0.25), camera_bottom = mean(camera, 0, 0.75, 1, 1);
  const double inset_top = mean(rgb, kX0, kTopY0, kX1, kTopY1),
               inset_bottom = mean(rgb, kX0, kBottomY0, kX1, kBottomY1);
  INFO("camera top " << camera_top << " bottom " << camera_bottom << "; inset top " << inset_top << " bottom "
                     << inset_bottom << "; window there " << mean(none, kX0, kTopY0, kX1, kTopY1) << ", "
                     << mean(none, kX0, kBottomY0, kX1, kBottomY1));
  CHECK(std::abs(inset_top - camera_top) < 15);
  CHECK(std::abs(inset_bottom - camera_bottom) < 15);
  CHECK(std::abs(camera_top - camera_bottom) > 30);  // the bands tell the camera's picture apart
}

TEST_CASE("a replay re-renders the robot's camera in the inset", "[viewer]") {
  simarena::test::gl_children_skip_leak_check();
  if (!have_xvfb_and_xdotool()) return;
  simarena::test::TempFolder tmp;
  const fs::path replay = tmp.path / "stand.replay";
  REQUIRE(shell(std::string(SIMARENA_EXECUTABLE) + " run --controller stand --duration 1 --quiet --out " +
                (tmp.path / "stand.json").string() + " >/dev/null 2>&1") == 0);
  REQUIRE(fs::exists(replay));
  grab_after_keys(tmp.path, "--replay " + replay.string(), {"", "i"});
  const Picture none((tmp.path / "0.png").string()), rgb((tmp.path / "1.png").string());
  CHECK(rgb.difference(none, kX0, kY0, kX1, kY1) > 10);
  CHECK(rgb.difference(none, 0.35, 0.45, 0.6, 0.7) < 1);
}
