// A leaderboard as one self-contained HTML page (inline CSS and JavaScript,
// nothing fetched): the overall board, one board per track with links to
// each run's pages (its HTML replay to watch, its score sheet page, when
// run_pages.h wrote them) and files (replay, score sheet JSON, events log),
// relative to the results folder where the page is written; the failed entries with the reason,
// and the seeds used. Click a column heading to sort by it.
#pragma once

#include <string>

#include "simarena/tournament/leaderboard.h"

namespace simarena {

std::string leaderboard_html(const Leaderboard& board);

}  // namespace simarena
