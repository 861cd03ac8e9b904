#include "simarena/tournament/tournament_job.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "simarena/base/content_hash.h"
#include "simarena/base/input_error.h"
#include "simarena/base/json_file.h"
#include "simarena/base/untrusted_text.h"
#include "simarena/run/run_report.h"
#include "simarena/run/run_session.h"
#include "simarena/tournament/run_pages.h"
#include "simarena/track/track_referee.h"
#include "simarena/track/track_run.h"

namespace simarena {
namespace {

// Reasons may quote what a controller wrote: valid UTF-8, plain, and at most this long.
constexpr size_t kReasonMaxBytes = 1000;

// The fields every line has, whatever happened.
nlohmann::json line_head(const TournamentJob& job) {
  const RunFiles files = run_files(job);
  return {{"id", job.id},
          {"entry", job.entry},
          {"track", job.track_name},
          {"seed", job.seed},
          {"seed_source", job.seed_source},
          {"params", job.params},
          {"sandbox", job.settings.sandbox},
          {"files",
           {{"replay", files.replay.string()},
            {"score_sheet", files.score_sheet.string()},
            {"events_log", files.events_log.string()},
            {"result", files.result.string()},
            {"log", files.log.string()}}}};
}

std::string at_time(double t) {
  char text[48];
  std::snprintf(text, sizeof(text), " at t = %.3f s", t);
  return text;
}

std::string without_suffix(std::string text, const std::string& suffix) {
  if (text.ends_with(suffix)) text.resize(text.size() - suffix.size());
  return text;
}

SandboxLimits sandbox_limits(const TournamentJob& job) {
  SandboxLimits limits = job.settings.limits.limits();
  // A folder entry may read its own folder (data, its own libraries); a lone .so only itself.
  if (!job.entry_folder.empty()) limits.readable.emplace_back(job.entry_folder);
  return limits;
}

// A path of the judge's machine as published: its last `parts` names only.
std::string published_path(const std::filesystem::path& path, size_t parts = 1) {
  const std::vector<std::filesystem::path> names(path.begin(), path.end());
  std::filesystem::path tail;
  for (size_t i = names.size() - std::min(parts, names.size()); i < names.size(); ++i) tail /= names[i];
  return tail.string();
}

// An error message as published: the plugin named by its file name, the run's files relative to the results folder.
std::string published_text(std::string text, const TournamentJob& job, const std::filesystem::path& results_dir) {
  const std::pair<std::string, std::string> replacements[] = {{job.controller, published_path(job.controller)},
                                                              {results_dir.string() + "/", ""}};
  for (const auto& [from, to] : replacements)
    for (size_t at = 0; !from.empty() && (at = text.find(from, at)) != std::string::npos; at += to.size())
      text.replace(at, from.size(), to);
  return text;
}

// Runs the job on its track and writes its files; throws on any failure.
nlohmann::json run_and_score(const TournamentJob& job, const std::filesystem::path& results_dir,
                             const SearchPaths& paths) {
  const RunFiles files = run_files(job);
  std::filesystem::create_directories(results_dir / files.result.parent_path());

  const auto course = std::make_shared<const TrackWithRules>(load_track_with_rules(job.track, paths));
  RunRequest request;
  request.robot = job.settings.robot;
  request.controller = job.controller;
  request.params = job.params;
  request.track = job.track;
  request.course = course;
  request.seed = job.seed;
  request.duration = course->track.time_limit;
  request.replay = results_dir / files.replay;
  if (job.settings.sandbox) request.sandbox = sandbox_limits(job);

  RunResult run = run_match(request, paths);
  nlohmann::json& result = run.report;
  // Published files name no path of the judge's machine: the run's own files by name (they sit together), the
  // plugin by file name and the robot by its folder and file (content hashes identify them).
  run.controller_path = published_path(job.controller);
  result["controller"]["name"] = run.controller_name;
  result["controller"]["path"] = run.controller_path;
  result["robot_file"] = published_path(run.robot_file, 2);
  result["arena"] = job.track_name;
  result["replay"] = files.replay.filename().string();
  const TrackRunScore scored = write_track_score(*course, *run.referee, score_sheet_info(run, job.params, job.seed),
                                                 results_dir / files.score_sheet, result);
  result["score_sheet"] = files.score_sheet.filename().string();
  write_json_atomically(result, results_dir / files.result);

  nlohmann::json line = line_head(job);
  line["status"] = "scored";
  for (const char* key : {"result", "reason", "course_time_s", "penalty_s", "total_time_s", "progress_m", "rank_key"})
    line[key] = scored.sheet[key];
  if (scored.sheet.contains("points")) {  // ranking: points
    line["points"] = scored.sheet["points"];
    nlohmann::json segments = nlohmann::json::array();
    for (const nlohmann::json& segment : scored.sheet.value("segments", nlohmann::json::array()))
      segments.push_back(segment.at("total"));
    line["segment_points"] = segments;
  }
  const std::string fault = controller_fault(run);
  line["fault"] = fault.empty() ? nlohmann::json(nullptr) : nlohmann::json(fault);
  line["controller"] = {{"name", result["controller"]["name"]},
                        {"file", published_path(job.controller)},
                        {"hash", hash_file(job.controller)}};
  line["final_state_hash"] = run.final_state_hash;
  // The run's pages, here where runs go in parallel; publishing the board retries any that fail (run_pages.h).
  if (job.settings.html_pages) {
    try {
      write_run_pages(results_dir, job.entry, files.replay.string(), files.score_sheet.string(), paths);
    } catch (const std::exception&) {  // not this run's fault; publishing the board retries and names the cause
    }
  }
  return line;
}

}  // namespace

std::string controller_fault(const RunResult& run) {
  if (!run.sandbox_fault.empty()) return untrusted_text(run.sandbox_fault, kReasonMaxBytes);
  for (const MatchEventType type : {MatchEventType::controller_error, MatchEventType::command_rejected})
    for (const MatchEvent& event : run.events) {
      if (event.type != type) continue;
      std::string detail = without_suffix(event.detail, " (controller stopped; no more commands)");
      // "controller sent q_des[4] = nan at t = 2.502 s; frame dropped"
      if (detail.find(" at t = ") == std::string::npos)
        detail.insert(std::min(detail.find("; "), detail.size()), at_time(event.time));
      return untrusted_text(detail, kReasonMaxBytes);
    }
  return {};
}

nlohmann::json not_run_line(const TournamentJob& job, const std::string& reason) {
  nlohmann::json line = line_head(job);
  line["status"] = "not_run";
  line["files"] = {{"log", run_files(job).log.string()}};             // nothing else was written
  const std::string plain = untrusted_text(reason, kReasonMaxBytes);  // it may quote what the controller wrote
  line["reason"] = plain;
  line["fault"] = plain;
  return line;
}

nlohmann::json run_tournament_job(const TournamentJob& job, const std::filesystem::path& results_dir,
                                  const SearchPaths& paths) {
  if (!job.entry_problem.empty()) return not_run_line(job, job.entry_problem);
  try {
    return run_and_score(job, results_dir, paths);
  } catch (const InputError& e) {  // the plugin did not load or refused to start
    return not_run_line(job, published_text(e.what(), job, results_dir));
  } catch (const std::exception& e) {  // whatever else broke this run is this run's fault, never the tournament's
    return not_run_line(job, "the run failed: " + published_text(e.what(), job, results_dir));
  }
}

}  // namespace simarena
