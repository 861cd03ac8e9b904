// HTML replays (simarena export --html): one self-contained page within its
// size bound, guest text escaped, the verified mark only for a replay that
// verified, and a damaged replay still shown, marked not verified. The page
// in a browser: tests/browser/html_replay_in_chromium.sh.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

#include "simarena/base/untrusted_text.h"
#include "simarena/playback/html_replay.h"
#include "simarena/run/run_session.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

// True when a tag (`<name ...>`) has a src= or href= attribute.
bool has_tag_loading_something(const std::string& html) {
  for (size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    if (at + 1 >= html.size() || !std::isalpha(static_cast<unsigned char>(html[at + 1]))) continue;
    const size_t end = html.find('>', at);
    std::string tag = html.substr(at, end == std::string::npos ? std::string::npos : end - at);
    std::transform(tag.begin(), tag.end(), tag.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char* attribute : {"src", "href"})
      for (size_t a = tag.find(attribute); a != std::string::npos; a = tag.find(attribute, a + 1)) {
        size_t after = a + std::strlen(attribute);
        while (after < tag.size() && std::isspace(static_cast<unsigned char>(tag[after]))) ++after;
        if (a > 0 && std::isspace(static_cast<unsigned char>(tag[a - 1])) && after < tag.size() && tag[after] == '=')
          return true;
      }
  }
  return false;
}

// Every URL (http, https, ws, wss, ftp) the text holds.
std::set<std::string> urls_in(const std::string& text) {
  std::set<std::string> urls;
  for (size_t at = text.find("://"); at != std::string::npos; at = text.find("://", at + 3)) {
    size_t begin = at;
    while (begin > 0 && std::isalpha(static_cast<unsigned char>(text[begin - 1]))) --begin;
    const std::string scheme = text.substr(begin, at - begin);
    if (scheme != "http" && scheme != "https" && scheme != "ws" && scheme != "wss" && scheme != "ftp") continue;
    size_t end = at + 3;
    while (end < text.size() && text[end] != '"' && text[end] != '\'' && text[end] != ' ' && text[end] != ')') ++end;
    urls.insert(text.substr(begin, end - begin));
  }
  return urls;
}

SearchPaths test_paths() {
  SearchPaths paths = default_search_paths();
  paths.controller_dirs.insert(paths.controller_dirs.begin(), TEST_PLUGIN_DIR);
  return paths;
}

fs::path record(const fs::path& dir, const std::string& controller, const std::string& track, double seconds) {
  RunRequest request;
  request.controller = controller;
  request.track = track;
  request.duration = seconds;
  request.replay = dir / (controller + "-" + track + "-" + std::to_string(seconds) + ".replay");
  run_match(request, test_paths(), {});
  return request.replay;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The page's data, parsed back from its <script type="application/json"> element.
nlohmann::json page_data(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"replay-data\">";
  const size_t begin = html.find(open);
  REQUIRE(begin != std::string::npos);
  const size_t end = html.find("</script>", begin);
  return nlohmann::json::parse(html.substr(begin + open.size(), end - begin - open.size()));
}

}  // namespace

TEST_CASE("an HTML replay is one self-contained page that stays within 5 MB for a 45 s run", "[html_replay]") {
  test::TempFolder dir;
  const Replay short_run = read_replay(record(dir.path, "stand", "hurdles", 1.0));
  const Replay long_run = read_replay(record(dir.path, "stand", "hurdles", 3.0));
  const HtmlReplayPage page = html_replay_page(long_run, test_paths());
  const std::string& html = page.html;

  CHECK(page.verification.status == VerifyOutcome::Status::verified);
  CHECK(page.frames == 90);  // 30 per simulated second: tick 0, every 17th of the 1500 ticks, and the last
  // Nothing fetched: three scripts, all inline; no src or href; the only URL is the XHTML namespace name three.js
  // creates its canvas with (never fetched).
  CHECK(count(html, "<script") == 3);
  CHECK(count(html, "</script>") == 3);
  // Scanned by hand: std::regex recurses per character and overflows the
  // stack on a megabyte page (as it does under ASan).
  CHECK_FALSE(has_tag_loading_something(html));
  CHECK(urls_in(html) == std::set<std::string>{"http://www.w3.org/1999/xhtml"});

  const nlohmann::json data = page_data(html);
  CHECK(data["verification"]["status"] == "verified");
  CHECK(data["verification"]["final_state_hash"] == long_run.end->at("final_state_hash"));
  CHECK(data["frame_ticks"].size() == page.frames);
  CHECK(data["frame_ticks"].back() == 1500);
  CHECK(data["arena"] == "hurdles");
  CHECK(data["score"]["result"] == "stopped");
  CHECK(data["events"].back()["name"] == "stopped");  // on the timeline where the run was stopped
  CHECK(data["events"].back()["t"] == 3.0);
  // The course's geoms and the robot's: the hurdle bars move (free bodies), so they are posed each frame too.
  CHECK(data["scene"]["geoms"].size() > 30);
  CHECK(data["bodies"].get<int>() > 13);

  // Size grows with the frames: extrapolated from 1 s and 3 s to 45 s, under 5 MB.
  const size_t short_size = html_replay_page(short_run, test_paths()).html.size();
  const double per_second = (html.size() - short_size) / 2.0;
  INFO("1 s: " << short_size << " bytes, 3 s: " << html.size() << " bytes");
  CHECK(short_size + 44 * per_second < 5e6);
}

TEST_CASE("guest text in an HTML replay cannot end its script or markup", "[html_replay]") {
  test::TempFolder dir;
  const Replay replay = read_replay(record(dir.path, test::plugin_path("hostile_text"), "flat", 0.2));
  const std::string html = html_replay_page(replay, test_paths()).html;
  // The name holds "<script>alert(1)</script>", quotes, & and a URL: none of it arrives as markup or as a URL.
  CHECK(count(html, "<script") == 3);
  CHECK(count(html, "</script>") == 3);
  CHECK(html.find("alert(1)</") == std::string::npos);
  CHECK(html.find("http://x") == std::string::npos);
  CHECK_THAT(html, Contains("&lt;script&gt;alert(1)&lt;&#47;script&gt;"));  // in <title>, escaped
  const nlohmann::json data = page_data(html);
  const std::string name = data["controller"];
  CHECK_THAT(name, Contains("<script>alert(1)</script>"));  // the page shows it as text
  CHECK(name.find('\x1b') == std::string::npos);            // cleaned by untrusted_text on the way
  CHECK(name.size() <= kUntrustedTextMaxBytes);
}

TEST_CASE("a damaged replay is exported whole up to the damage, marked not verified", "[html_replay]") {
  test::TempFolder dir;
  const fs::path good = record(dir.path, "stand", "flat", 1.0);
  std::string bytes = test::file_bytes(good);
  bytes[bytes.size() / 2] ^= 0x01;
  const fs::path damaged = dir.path / "damaged.replay";
  std::ofstream(damaged, std::ios::binary) << bytes;
  const Replay replay = read_replay(damaged);
  REQUIRE(replay.damage);

  const fs::path out = dir.path / "damaged.html";
  const HtmlReplayPage page = write_html_replay(replay, test_paths(), out);
  CHECK(page.verification.status == VerifyOutcome::Status::failed);
  CHECK(test::file_bytes(out) == page.html);
  const nlohmann::json data = page_data(page.html);
  CHECK(data["verification"]["status"] == "failed");
  CHECK_THAT(data["verification"]["message"].get<std::string>(), Contains("checksum mismatch"));
  CHECK(data["verification"]["final_state_hash"] == "");
  CHECK(data["frame_ticks"].back() == replay.ticks.size());  // every tick read before the damage is shown
  CHECK(data["score"].is_null());                            // the flat floor has no referee
}

TEST_CASE("an HTML replay's progress follows the robot between the gates", "[html_replay]") {
  test::TempFolder dir;
  // The locomotion controller crosses the sprint's start line at about 6 s and is 2.5 m in at 8 s, with no gate
  // between: the page learns the progress from the frames, not from the referee's events alone.
  const Replay replay = read_replay(record(dir.path, "locomotion", "sprint", 8.0));
  const nlohmann::json data = page_data(html_replay_page(replay, test_paths()).html);
  const std::vector<long long> progress = data["frame_progress_mm"];
  REQUIRE(progress.size() == data["frame_ticks"].size());
  CHECK(std::is_sorted(progress.begin(), progress.end()));  // the best progress so far never falls
  CHECK(progress.front() == 0);
  CHECK(std::llround(data["score"]["progress_m"].get<double>() * 1000) == progress.back());
  const std::set<long long> distinct(progress.begin(), progress.end());
  CHECK(distinct.size() > 10);  // it moves with the robot, frame by frame
}
