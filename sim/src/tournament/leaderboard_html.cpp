#include "simarena/tournament/leaderboard_html.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

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
std::string escape(const std::string& raw) { return xml_escaped(untrusted_text(raw, SIZE_MAX)); }

// Messages are in the judge's language (base/messages.h), escaped like any text.
// A run's result as the score sheets write it, shown in the judge's language.
std::string result_text(const std::string& result) {
  for (const char* word : {tr_noop("finished"), tr_noop("timeout"), tr_noop("disqualified"), tr_noop("stopped"),
                           tr_noop("not run"), tr_noop("missing")})
    if (result == word) return escape(tr(word));
  return escape(result);
}

std::string number(double value, const char* format = "%.3f") {
  char text[40];
  std::snprintf(text, sizeof(text), format, value);
  return text;
}

// `text` is HTML already (escaped by the caller); the attributes are escaped here.
std::string cell(const std::string& text, const std::string& sort_value = "", const std::string& css = "",
                 const std::string& sort_group = "") {
  std::string out = "<td";
  if (!css.empty()) out += " class=\"" + escape(css) + "\"";
  if (!sort_group.empty()) out += " data-g=\"" + escape(sort_group) + "\"";
  if (!sort_value.empty()) out += " data-v=\"" + escape(sort_value) + "\"";
  return out + ">" + text + "</td>";
}

// Where a run sorts in its number columns whatever the direction: finishers, then the other scored runs by their
// rank key (the total time of a run that did not finish ranks nothing), then runs that did not run, then missing.
std::string time_group(const LeaderboardRun& run) {
  if (!run.scored) return run.recorded ? kNotRunGroup : kMissingGroup;
  if (run.result == "finished") return kFinishedGroup;
  return "1 " + number(run.rank_key[0], "%.17g") + " " + number(run.rank_key[1], "%.17g") + " " +
         number(run.rank_key[2], "%.17g");
}

std::string link(const std::string& path, const char* label) {
  return path.empty() ? "" : "<a href=\"" + escape(path) + "\">" + escape(tr(label)) + "</a>";
}

// `by_points`: the track is scored by points, whose column comes first.
std::string run_cells(const LeaderboardRun& run, bool by_points) {
  const std::string css = run.scored ? run.result : run.recorded ? "notrun" : "missing";
  std::string result = "<span title=\"" + escape(run.reason) + "\">" + result_text(run.result) + "</span>";
  if (!run.fault.empty()) result += "<br><span class=\"small\">" + escape(run.fault) + "</span>";
  std::string out = cell(result, std::to_string(run.place), css);
  const std::string group = time_group(run);
  const std::string others = run.scored ? kFinishedGroup : group;  // penalties and progress: every scored run
  if (by_points)
    out += run.course_points ? cell(number(*run.course_points, "%g"), number(*run.course_points), "n", others)
                             : cell("", "", "", others);
  out += run.scored ? cell(number(run.total_time), run.result == "finished" ? number(run.total_time) : "", "n", group) +
                          cell(number(run.penalty, "%.1f"), number(run.penalty), "n", others) +
                          cell(number(run.progress, "%.2f"), number(run.progress), "n", others)
                    : cell("", "", "", group) + cell("", "", "", others) + cell("", "", "", others);
  return out + cell(link(run.html_replay, tr_noop("watch")) + " " + link(run.score_page, tr_noop("score sheet")) + " " +
                    link(run.replay, tr_noop("replay")) + " " + link(run.score_sheet, tr_noop("json")) + " " +
                    link(run.events_log, tr_noop("events")));
}

std::string track_table(const TrackBoard& track) {
  std::string out =
      "<h2 id=\"track-" + escape(track.track) + "\">" + escape(tr("Track")) + " " + escape(track.track) + "</h2>\n";
  out += "<table class=\"board\"><thead><tr><th>" + escape(tr("Place")) + "</th><th>" + escape(tr("Entry")) +
         "</th><th>" + escape(tr("Points")) + "</th>";
  // A course scored by points (a run's sheet had them): the contest's points beside each result.
  const bool by_points = std::any_of(track.rows.begin(), track.rows.end(), [](const LeaderboardRow& row) {
    return std::any_of(row.runs.begin(), row.runs.end(), [](const LeaderboardRun& r) { return r.course_points; });
  });
  for (uint64_t seed : track.seeds) {
    const std::string s = " (" + escape(tr("seed")) + " " + std::to_string(seed) + ")";
    out += "<th>" + escape(tr("Result")) + s + "</th>";
    if (by_points) out += "<th>" + escape(tr("Course points")) + s + "</th>";
    out += "<th>" + escape(tr("Total s")) + s + "</th><th>" + escape(tr("Penalties s")) + s + "</th><th>" +
           escape(tr("Progress m")) + s + "</th><th>" + escape(tr("Files")) + s + "</th>";
  }
  out += "</tr></thead><tbody>\n";
  for (const LeaderboardRow& row : track.rows) {
    out += std::string("<tr") + (row.place == 1 ? " class=\"p1\"" : "") + ">" +
           cell(std::to_string(row.place), "", "n") + cell(escape(row.entry)) +
           cell(std::to_string(row.points), "", "n");
    for (const LeaderboardRun& run : row.runs) out += run_cells(run, by_points);
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string overall_table(const Leaderboard& board) {
  std::string out = "<h2>" + escape(tr("Overall")) + "</h2>\n<table class=\"board\"><thead><tr><th>" +
                    escape(tr("Place")) + "</th><th>" + escape(tr("Entry")) + "</th><th>" + escape(tr("Points")) +
                    "</th>";
  for (const TrackBoard& track : board.tracks) out += "<th>" + escape(track.track) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (const LeaderboardRow& row : board.overall) {
    out += std::string("<tr") + (row.place == 1 ? " class=\"p1\"" : "") + ">" +
           cell(std::to_string(row.place), "", "n") + cell(escape(row.entry)) +
           cell(std::to_string(row.points), "", "n");
    for (int p : row.track_places) out += cell(std::to_string(p), "", "n");
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string failed_list(const Leaderboard& board) {
  const std::string heading = "<h2>" + escape(tr("Failed entries")) + "</h2>\n";
  if (board.failed.empty())
    return heading + "<p>" + escape(tr("None: every controller ran without a fault.")) + "</p>\n";
  std::string out = heading + "<ul>\n";
  for (const FailedEntry& entry : board.failed) {
    out += "<li><b>" + escape(entry.entry) + "</b><ul>";
    for (const EntryFault& f : entry.faults)
      out += "<li>" + escape(f.track) + ", " + escape(tr("seed")) + " " + std::to_string(f.seed) + ": " +
             escape(f.reason) + "</li>";
    out += "</ul></li>\n";
  }
  return out + "</ul>\n";
}

std::string seeds_note(const Leaderboard& board) {
  std::string out =
      "<p class=\"small\">" + escape(tr("Seeds:")) + " " + escape(board.seed_source.empty() ? "-" : board.seed_source);
  if (!board.seed_commitment.empty())
    out += "; " + escape(tr("commitment (SHA-256)")) + " <code>" + escape(board.seed_commitment) + "</code>";
  out += ". " + escape(tr("Tracks without randomized parts run once, with seed 0.")) + "</p>\n";
  return out;
}

}  // namespace

std::string leaderboard_html(const Leaderboard& board) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + escape(html_language()) +
                    "\"><head><meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
                    "<title>" +
                    escape(tr("simarena leaderboard")) + "</title>\n<style>";
  out += kStyle;
  out += "</style></head><body>\n<h1>" + escape(tr("Leaderboard")) + "</h1>\n";
  char recorded[160];
  std::snprintf(recorded, sizeof(recorded), tr("%d of %d runs recorded"), board.recorded, board.planned);
  out += "<p>" + escape(recorded);
  if (!board.missing.empty()) {
    char missing[160];
    std::snprintf(missing, sizeof(missing), tr("%zu missing"), board.missing.size());
    out += " &mdash; <b>" + escape(tr("incomplete")) + "</b>: " + escape(missing);
  }
  out += ". " +
         escape(tr("Places per track and seed follow the track's rule set; points add places (fewer is better).")) +
         " " + escape(tr("Every run can be re-checked from its replay with")) + " <code>simarena verify</code>.</p>\n";
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
