#include "simarena/track/track_run.h"

#include <fstream>
#include <stdexcept>

#include "simarena/base/json_file.h"
#include "simarena/track/score_sheet.h"

namespace simarena {
namespace {

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw std::runtime_error(path.string() + ": cannot write (does the folder exist and is it writable?)");
}

}  // namespace

std::string track_arena_name(const std::string& track_argument, const Track& track) {
  const bool is_name = track_argument.find('/') == std::string::npos && !track_argument.ends_with(".yaml");
  return is_name ? track_argument : std::filesystem::absolute(track.file).string();
}

std::filesystem::path events_log_path(const std::filesystem::path& score_sheet_path) {
  return std::filesystem::path(score_sheet_path).replace_extension("").replace_extension(".events.log");
}

TrackRunScore write_track_score(const TrackWithRules& course, const Referee& referee, const ScoreSheetInfo& info,
                                const std::filesystem::path& sheet_path, nlohmann::json& result) {
  TrackRunScore out;
  out.score = score_run(referee.events(), course.rules);
  out.sheet = score_sheet(course.track, course.rules, referee.events(), out.score, info);
  out.events_log = events_log(referee.events(), course.rules);
  write_json_atomically(out.sheet, sheet_path);
  write_text(events_log_path(sheet_path), out.events_log);
  result["score_sheet"] = sheet_path.string();
  result["score"] = {{"result", out.sheet["result"]},
                     {"total_time_s", out.sheet["total_time_s"]},
                     {"progress_m", out.sheet["progress_m"]},
                     {"rank_key", out.sheet["rank_key"]}};
  if (out.sheet.contains("points")) result["score"]["points"] = out.sheet["points"];  // ranking: points
  return out;
}

}  // namespace simarena
