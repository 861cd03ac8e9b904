#include "simarena/tournament/leaderboard_html.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "simarena/base/formatted.h"
#include "simarena/base/messages.h"
#include "simarena/base/untrusted_text.h"
#include "simarena/base/xml_escape.h"

namespace simarena {
namespace {

constexpr const char* kStyle =
    R"(body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{margin-top:2em;font-size:1.25em}
table{border-collapse:collapse;margin:.5em 0}th,td{padding:.3em .7em;border-bottom:1px solid #ddd;text-align:left}
th{cursor:pointer;background:#f3f3f3;user-select:none}th:after{content:" \2195";color:#aaa}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.p1 td{background:#fff8d6}
.finished{color:#176b1c}.disqualified,.notrun{color:#a11}.missing{color:#888}.small{font-size:.85em;color:#555}
a{color:#1a55a5})";

// Sorts a table by the clicked column. A cell's data-g (numbers separated by spaces, "0" when absent) is its
// group, compared first and always ascending: non-finishers stay after finishers (in rank key order), runs that
// did not run after those, whichever way the column is sorted. Within a group, data-v when set (a number), else
// the cell's text, ascending or descending by the click.
constexpr const char* kScript = R"(document.querySelectorAll("table.board th").forEach(function(th){
th.addEventListener("click",function(){var table=th.closest("table"),body=table.tBodies[0],col=th.cellIndex;
var down=th.dataset.dir!=="asc";th.dataset.dir=down?"asc":"desc";var rows=Array.from(body.rows);
function value(c){var v=c.dataset.v!==undefined?c.dataset.v:c.textContent;var n=parseFloat(v);
return isNaN(n)?v.toLowerCase():n;}
function group(c){return (c.dataset.g||"0").split(" ").map(Number);}
function cmp(x,y){return x<y?-1:x>y?1:0;}
rows.sort(function(a,b){var ca=a.cells[col],cb=b.cells[col],ga=group(ca),gb=group(cb);
for(var i=0;i<Math.max(ga.length,gb.length);++i){var r=cmp(ga[i]||0,gb[i]||0);if(r)return r;}
var r=cmp(value(ca),value(cb));return down?r:-r;});
rows.forEach(function(r){body.appendChild(r);});});});)";

// Sort groups (data-g) of a run's number cells.
constexpr const char* kFinishedGroup = "0";
constexpr const char* kNotRunGroup = "2";
constexpr const char* kMissingGroup = "3";

// Text and attribute values: plain UTF-8, with every character that means something in HTML escaped.

// Messages are in the judge's language (base/messages.h), escaped like any text.
// A run's result as the score sheets write it, shown in the judge's language.
std::string result_text(const std::string& result) {
  for (const char* word : {tr_noop("finished"), tr_noop("timeout"), tr_noop("disqualified"), tr_noop("stopped"),
                           tr_noop("not run"), tr_noop("missing")})
    if (result == word) return xml_escaped_untrusted(tr(word));
  return xml_escaped_untrusted(result);
}

// `text` is HTML already (escaped by the caller); the attributes are escaped here.
std::string cell(const std::string& text, const std::string& sort_value = "", const std::string& css = "",
                 const std::string& sort_group = "") {
  std::string out = "<td";
  if (!css.empty()) out += " class=\"" + xml_escaped_untrusted(css) + "\"";
  if (!sort_group.empty()) out += " data-g=\"" + xml_escaped_untrusted(sort_group) + "\"";
  if (!sort_value.empty()) out += " data-v=\"" + xml_escaped_untrusted(sort_value) + "\"";
  return out + ">" + text + "</td>";
}

// Where a run sorts in its number columns whatever the direction: finishers, then the other scored runs by their
// rank key (the total time of a run that did not finish ranks nothing), then runs that did not run, then missing.
std::string time_group(const LeaderboardRun& run) {
  if (!run.scored) return run.recorded ? kNotRunGroup : kMissingGroup;
  if (run.result == "finished") return kFinishedGroup;
  return "1 " + number_text(run.rank_key[0], "%.17g") + " " + number_text(run.rank_key[1], "%.17g") + " " +
         number_text(run.rank_key[2], "%.17g");
}

std::string link(const std::string& path, const char* label) {
  return path.empty() ? ""
                      : "<a href=\"" + xml_escaped_untrusted(path) + "\">" + xml_escaped_untrusted(tr(label)) + "</a>";
}

// `by_points`: the track is scored by points, whose column comes first.
std::string run_cells(const LeaderboardRun& run, bool by_points) {
  const std::string css = run.scored ? run.result : run.recorded ? "notrun" : "missing";
  std::string result =
      "<span title=\"" + xml_escaped_untrusted(run.reason) + "\">" + result_text(run.result) + "</span>";
  if (!run.fault.empty()) result += "<br><span class=\"small\">" + xml_escaped_untrusted(run.fault) + "</span>";
  std::string out = cell(result, std::to_string(run.place), css);
  const std::string group = time_group(run);
  const std::string others = run.scored ? kFinishedGroup : group;  // penalties and progress: every scored run
  if (by_points)
    out += run.course_points ? cell(number_text(*run.course_points, "%g"), number_text(*run.course_points), "n", others)
                             : cell("", "", "", others);
  out += run.scored ? cell(number_text(run.total_time), run.result == "finished" ? number_text(run.total_time) : "",
                           "n", group) +
                          cell(number_text(run.penalty, "%.1f"), number_text(run.penalty), "n", others) +
                          cell(number_text(run.progress, "%.2f"), number_text(run.progress), "n", others)
                    : cell("", "", "", group) + cell("", "", "", others) + cell("", "", "", others);
  return out + cell(link(run.html_replay, tr_noop("watch")) + " " + link(run.score_page, tr_noop("score sheet")) + " " +
                    link(run.replay, tr_noop("replay")) + " " + link(run.score_sheet, tr_noop("json")) + " " +
                    link(run.events_log, tr_noop("events")));
}

std::string track_table(const TrackBoard& track) {
  std::string out = "<h2 id=\"track-" + xml_escaped_untrusted(track.track) + "\">" +
                    xml_escaped_untrusted(tr("Track")) + " " + xml_escaped_untrusted(track.track) + "</h2>\n";
  out += "<table class=\"board\"><thead><tr><th>" + xml_escaped_untrusted(tr("Place")) + "</th><th>" +
         xml_escaped_untrusted(tr("Entry")) + "</th><th>" + xml_escaped_untrusted(tr("Points")) + "</th>";
  // A course scored by points (a run's sheet had them): the contest's points beside each result.
  const bool by_points = std::any_of(track.rows.begin(), track.rows.end(), [](const LeaderboardRow& row) {
    return std::any_of(row.runs.begin(), row.runs.end(), [](const LeaderboardRun& r) { return r.course_points; });
  });
  for (uint64_t seed : track.seeds) {
    const std::string s = " (" + xml_escaped_untrusted(tr("seed")) + " " + std::to_string(seed) + ")";
    out += "<th>" + xml_escaped_untrusted(tr("Result")) + s + "</th>";
    if (by_points) out += "<th>" + xml_escaped_untrusted(tr("Course points")) + s + "</th>";
    out += "<th>" + xml_escaped_untrusted(tr("Total s")) + s + "</th><th>" + xml_escaped_untrusted(tr("Penalties s")) +
           s + "</th><th>" + xml_escaped_untrusted(tr("Progress m")) + s + "</th><th>" +
           xml_escaped_untrusted(tr("Files")) + s + "</th>";
  }
  out += "</tr></thead><tbody>\n";
  for (const LeaderboardRow& row : track.rows) {
    out += std::string("<tr") + (row.place == 1 ? " class=\"p1\"" : "") + ">" +
           cell(std::to_string(row.place), "", "n") + cell(xml_escaped_untrusted(row.entry)) +
           cell(std::to_string(row.points), "", "n");
    for (const LeaderboardRun& run : row.runs) out += run_cells(run, by_points);
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string overall_table(const Leaderboard& board) {
  std::string out = "<h2>" + xml_escaped_untrusted(tr("Overall")) + "</h2>\n<table class=\"board\"><thead><tr><th>" +
                    xml_escaped_untrusted(tr("Place")) + "</th><th>" + xml_escaped_untrusted(tr("Entry")) +
                    "</th><th>" + xml_escaped_untrusted(tr("Points")) + "</th>";
  for (const TrackBoard& track : board.tracks) out += "<th>" + xml_escaped_untrusted(track.track) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (const LeaderboardRow& row : board.overall) {
    out += std::string("<tr") + (row.place == 1 ? " class=\"p1\"" : "") + ">" +
           cell(std::to_string(row.place), "", "n") + cell(xml_escaped_untrusted(row.entry)) +
           cell(std::to_string(row.points), "", "n");
    for (int p : row.track_places) out += cell(std::to_string(p), "", "n");
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string failed_list(const Leaderboard& board) {
  const std::string heading = "<h2>" + xml_escaped_untrusted(tr("Failed entries")) + "</h2>\n";
  if (board.failed.empty())
    return heading + "<p>" + xml_escaped_untrusted(tr("None: every controller ran without a fault.")) + "</p>\n";
  std::string out = heading + "<ul>\n";
  for (const FailedEntry& entry : board.failed) {
    out += "<li><b>" + xml_escaped_untrusted(entry.entry) + "</b><ul>";
    for (const EntryFault& f : entry.faults)
      out += "<li>" + xml_escaped_untrusted(f.track) + ", " + xml_escaped_untrusted(tr("seed")) + " " +
             std::to_string(f.seed) + ": " + xml_escaped_untrusted(f.reason) + "</li>";
    out += "</ul></li>\n";
  }
  return out + "</ul>\n";
}

std::string seeds_note(const Leaderboard& board) {
  std::string out = "<p class=\"small\">" + xml_escaped_untrusted(tr("Seeds:")) + " " +
                    xml_escaped_untrusted(board.seed_source.empty() ? "-" : board.seed_source);
  if (!board.seed_commitment.empty())
    out += "; " + xml_escaped_untrusted(tr("commitment (SHA-256)")) + " <code>" +
           xml_escaped_untrusted(board.seed_commitment) + "</code>";
  out += ". " + xml_escaped_untrusted(tr("Tracks without randomized parts run once, with seed 0.")) + "</p>\n";
  return out;
}

}  // namespace

std::string leaderboard_html(const Leaderboard& board) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + xml_escaped_untrusted(html_language()) +
                    "\"><head><meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
                    "<title>" +
                    xml_escaped_untrusted(tr("simarena leaderboard")) + "</title>\n<style>";
  out += kStyle;
  out += "</style></head><body>\n<h1>" + xml_escaped_untrusted(tr("Leaderboard")) + "</h1>\n";
  char recorded[160];
  std::snprintf(recorded, sizeof(recorded), tr("%d of %d runs recorded"), board.recorded, board.planned);
  out += "<p>" + xml_escaped_untrusted(recorded);
  if (!board.missing.empty()) {
    char missing[160];
    std::snprintf(missing, sizeof(missing), tr("%zu missing"), board.missing.size());
    out += " &mdash; <b>" + xml_escaped_untrusted(tr("incomplete")) + "</b>: " + xml_escaped_untrusted(missing);
  }
  out += ". " +
         xml_escaped_untrusted(
             tr("Places per track and seed follow the track's rule set; points add places (fewer is better).")) +
         " " + xml_escaped_untrusted(tr("Every run can be re-checked from its replay with")) +
         " <code>simarena verify</code>.</p>\n";
  out += seeds_note(board);
  out += overall_table(board);
  for (const TrackBoard& track : board.tracks) out += track_table(track);
  out += failed_list(board);
  out += "<script>";
  out += kScript;
  out += "</script>\n</body></html>\n";
  return out;
}

}  // namespace simarena
