// The HTML replay page's own files (sim/web/replay_page.html and .js) and
// three.js (npm, installed by scripts/setup), embedded into the library at
// build time so an installed simarena needs no data files to export a page.
#pragma once

#include <string_view>

namespace simarena {

struct HtmlReplayAssets {
  std::string_view page_html;  // the page, with markers where the script and data go
  std::string_view page_js;    // the player (an ES module importing three.js)
  std::string_view three_js;   // three.module.min.js; empty when the build found none
  std::string_view three_version;
};

const HtmlReplayAssets& html_replay_assets();

}  // namespace simarena
