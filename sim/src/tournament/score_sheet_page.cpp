#include "simarena/tournament/score_sheet_page.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>

#include "simarena/base/untrusted_text.h"
#include "simarena/base/xml_escape.h"

namespace simarena {
namespace {

// Every text the page shows, in one place (to translate it later).
struct ScorePageText {
  const char* title = "Score sheet";
  const char* entry = "Entry";
  const char* controller = "Controller";
  const char* track = "Track";
  const char* seed = "Seed";
  const char* robot = "Robot";
  const char* result = "Result";
  const char* reason = "Why the run ended";
  const char* course_time = "Course time";
  const char* penalties = "Penalties";
  const char* total_time = "Total time";
  const char* progress = "Progress";
  const char* rank_key = "Rank key";
  const char* events = "Referee events";
  const char* no_penalties = "No penalties.";
  const char* time = "Time (s)";
  const char* event = "Event";
  const char* detail = "Detail";
  const char* seconds = "Penalty (s)";
  const char* files = "Judged with";
  const char* rules = "Rules";
  const char* hash = "content hash";
  const char* note =
      "Times are simulated time. The replay re-creates this run: simarena verify re-simulates it and re-judges it.";
};

// A field of the sheet as text: strings as they are, numbers with `format`, anything else as JSON.
std::string text(const nlohmann::json& sheet, const char* key, const char* format = "%.3f") {
  const auto it = sheet.find(key);
  if (it == sheet.end() || it->is_null()) return "-";
  if (it->is_string()) return xml_escaped_untrusted(it->get<std::string>());
  if (it->is_number_float()) {
    char number[48];
    std::snprintf(number, sizeof(number), format, it->get<double>());
    return number;
  }
  return xml_escaped_untrusted(it->dump());
}

// A file as its name only: a sheet written elsewhere may hold a path.
std::string file_name(const nlohmann::json& object) {
  if (!object.is_object() || !object.contains("file") || !object["file"].is_string()) return "-";
  return xml_escaped_untrusted(std::filesystem::path(object["file"].get<std::string>()).filename().string());
}

std::string row(const char* label, const std::string& value) {
  return std::string("<tr><th>") + label + "</th><td>" + value + "</td></tr>\n";
}

std::string events_table(const nlohmann::json& rows, const ScorePageText& t, bool penalties) {
  std::string out = std::string("<table><thead><tr><th>") + t.time + "</th><th>" + t.event + "</th>" +
                    (penalties ? std::string("<th>") + t.seconds + "</th>" : "") + "<th>" + t.detail +
                    "</th></tr></thead><tbody>\n";
  for (const nlohmann::json& e : rows) {
    if (!e.is_object()) continue;
    out += "<tr><td class=\"n\">" + text(e, "t") + "</td><td>" + text(e, "type") + "</td>";
    if (penalties) out += "<td class=\"n\">" + text(e, "seconds", "%.1f") + "</td>";
    out += "<td>" + text(e, "detail") + "</td></tr>\n";
  }
  return out + "</tbody></table>\n";
}

}  // namespace

std::string score_sheet_page(const nlohmann::json& sheet, const std::string& entry,
                             const std::vector<std::pair<std::string, std::string>>& links) {
  const ScorePageText t;
  const nlohmann::json empty = nlohmann::json::object();
  const nlohmann::json& controller = sheet.contains("controller") ? sheet["controller"] : empty;
  const nlohmann::json& track = sheet.contains("track") ? sheet["track"] : empty;
  const nlohmann::json& rules = sheet.contains("rules") ? sheet["rules"] : empty;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>";
  out += std::string(t.title) + ": " + xml_escaped_untrusted(entry) + ", " + text(track, "name") + "</title>\n";
  out +=
      "<style>body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}"
      "table{border-collapse:collapse;margin:.5em 0}th,td{padding:.3em .7em;border-bottom:1px solid #ddd;"
      "text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}"
      ".small{font-size:.85em;color:#555}a{color:#1a55a5}</style></head><body>\n";
  out += std::string("<h1>") + t.title + ": " + xml_escaped_untrusted(entry) + "</h1>\n<p>";
  for (const auto& [label, file] : links)
    out += "<a href=\"" + xml_escaped_untrusted(file) + "\">" + xml_escaped_untrusted(label) + "</a> ";
  out += "</p>\n<table>\n";
  out += row(t.entry, xml_escaped_untrusted(entry));
  out += row(t.controller, text(controller, "name") + " <span class=\"small\">(" + file_name(controller) + ")</span>");
  out += row(t.track, text(track, "name"));
  out += row(t.seed, text(sheet, "seed"));
  out += row(t.robot, text(sheet, "robot"));
  out += row(t.result, "<b>" + text(sheet, "result") + "</b>");
  out += row(t.reason, text(sheet, "reason"));
  out += row(t.course_time, text(sheet, "course_time_s") + " s");
  out += row(t.penalties, text(sheet, "penalty_s", "%.1f") + " s");
  out += row(t.total_time, "<b>" + text(sheet, "total_time_s") + " s</b>");
  out += row(t.progress, text(sheet, "progress_m", "%.2f") + " m");
  out += row(t.rank_key, text(sheet, "rank_key"));
  out += "</table>\n";
  out += std::string("<h2>") + t.penalties + "</h2>\n";
  const auto penalties = sheet.find("penalties");
  if (penalties == sheet.end() || !penalties->is_array() || penalties->empty())
    out += std::string("<p>") + t.no_penalties + "</p>\n";
  else
    out += events_table(*penalties, t, true);
  out += std::string("<h2>") + t.events + "</h2>\n";
  out += events_table(sheet.value("events", nlohmann::json::array()), t, false);
  out += std::string("<h2>") + t.files + "</h2>\n<table>\n";
  out += row(t.track, file_name(track) + " <span class=\"small\">" + t.hash + " " + text(track, "hash") + "</span>");
  out += row(t.rules, text(rules, "name") + ", " + file_name(rules) + " <span class=\"small\">" + t.hash + " " +
                          text(rules, "hash") + "</span>");
  out += "</table>\n<p class=\"small\">" + std::string(t.note) + "</p>\n</body></html>\n";
  return out;
}

}  // namespace simarena
