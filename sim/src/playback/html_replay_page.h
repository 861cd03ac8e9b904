// Puts an HTML replay together: the page template, the player, three.js and
// the run's data, each where it cannot end the <script> element holding it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace simarena {

// Throws InputError (naming `file`, the replay being exported) when this
// simarena was built without three.js, saying how to get it.
void require_html_replay_assets(const std::string& file);

// `data` as JSON safe inside a <script> element: ASCII only, with every <, >
// and & written as a \u escape (so neither "</script" nor "<!--" can occur),
// and / as \/ (so no URL from a name appears in the file as one).
std::string script_safe_json(const nlohmann::json& data);

std::string assemble_html_replay_page(const nlohmann::json& data);

}  // namespace simarena
