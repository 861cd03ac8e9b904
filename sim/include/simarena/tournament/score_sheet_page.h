// A run's score sheet (track/score_sheet.h, JSON) as a page people read:
// result and times, the penalties and every referee event on simulated time,
// the track and rules by file name and content hash. Published in a results
// folder beside the sheet; it names no path of the judge's machine (files by
// name only) and escapes every text.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace simarena {

// `entry` names the run's entry; `links` are the run's other files, relative
// to the page (label, file name), e.g. {"watch the run", "sprint-0.html"}.
std::string score_sheet_page(const nlohmann::json& sheet, const std::string& entry,
                             const std::vector<std::pair<std::string, std::string>>& links);

}  // namespace simarena
