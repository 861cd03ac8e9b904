// A replay as one self-contained HTML page anyone opens in a browser: the
// run drawn in 3D with three.js (embedded, nothing fetched) from the model's
// own geoms, poses re-simulated from the recorded commands and sampled at a
// fixed frame rate, the scoreboard on a timeline, and a "verified" mark with
// the final state hash when the replay verified while exporting. The page's
// data format and controls: docs/html-replays.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "simarena/base/search_paths.h"
#include "simarena/playback/replay_verify.h"
#include "simarena/replay/replay_reader.h"

namespace simarena {

struct HtmlReplayOptions {
  int frames_per_second = 30;  // of simulated time; the page interpolates between frames
};

struct HtmlReplayPage {
  std::string html;
  uint64_t frames = 0;
  VerifyOutcome verification;  // what verifying the replay found while exporting
};

// Verifies and re-simulates `replay` (once when it verifies, twice when it
// does not: the page then shows the whole run marked "not verified").
// Throws InputError when the replay's world cannot be rebuilt or this
// simarena was built without three.js.
HtmlReplayPage html_replay_page(const Replay& replay, const SearchPaths& paths, const HtmlReplayOptions& options = {});

// html_replay_page() written whole to `out` (temporary file and rename).
HtmlReplayPage write_html_replay(const Replay& replay, const SearchPaths& paths, const std::filesystem::path& out,
                                 const HtmlReplayOptions& options = {});

}  // namespace simarena
