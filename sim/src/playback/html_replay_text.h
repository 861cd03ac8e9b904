// Every text an HTML replay page shows of its own, in the language of the
// messages (base/messages.h): the exporter embeds it with the run's data,
// so a page exported under `--lang zh` reads in Chinese and the player
// (sim/web/replay_page.js) holds no words.
#pragma once

#include <nlohmann/json.hpp>

namespace simarena {

// Keys as replay_page.js reads them; `heading` holds {controller} and {arena}.
nlohmann::json html_replay_text();

}  // namespace simarena
