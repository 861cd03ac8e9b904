#include "simarena/tournament/tournament_plan.h"

#include <fstream>
#include <set>

#include "simarena/base/input_error.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_run.h"

namespace simarena {
namespace {

// A track's name (any printable UTF-8, Chinese included) names files of the results: runs/<entry>/<track>-<seed>.*
// and leaderboard-<track>.csv, and is a part of each run's id (<entry>/<track>/<seed>).
void check_track_name_names_files(const Track& track) {
  const std::string& name = track.name;
  if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos || name.front() == '.')
    throw InputError(track.file.string(), "track name '" + name +
                                              "' names the tournament's result files: it must not hold '/' or '\\' "
                                              "or start with '.'; rename the track");
}

}  // namespace

std::vector<TournamentJob> plan_tournament(const std::vector<TournamentEntry>& entries,
                                           const std::vector<std::string>& tracks, const TournamentSeeds& seeds,
                                           const TournamentSettings& settings) {
  const SearchPaths paths = default_search_paths();
  struct PlannedTrack {
    std::string argument, name;
    std::vector<uint64_t> seeds;
  };
  std::vector<PlannedTrack> planned;
  std::set<std::string> names;
  for (const std::string& argument : tracks) {
    const TrackWithRules course = load_track_with_rules(argument, paths);
    check_track_name_names_files(course.track);
    if (!names.insert(course.track.name).second)
      throw InputError(course.track.file.string(), "two tracks are named '" + course.track.name + "'");
    planned.push_back({track_arena_name(argument, course.track), course.track.name,
                       track_is_randomized(course.track) ? seeds.seeds : std::vector<uint64_t>{0}});
  }
  std::vector<TournamentJob> jobs;
  for (const TournamentEntry& entry : entries)
    for (const PlannedTrack& track : planned)
      for (uint64_t seed : track.seeds) {
        TournamentJob job;
        job.id = entry.name + "/" + track.name + "/" + std::to_string(seed);
        job.entry = entry.name;
        job.controller = entry.plugin.string();
        job.params = entry.params;
        job.entry_problem = entry.problem;
        job.entry_folder = entry.folder.string();
        job.track = track.argument;
        job.track_name = track.name;
        job.seed = seed;
        job.seed_source = seeds.source;
        job.seed_commitment = seeds.commitment;
        job.settings = settings;
        jobs.push_back(std::move(job));
      }
  return jobs;
}

nlohmann::json job_json(const TournamentJob& job) {
  return {{"id", job.id},
          {"entry", job.entry},
          {"controller", job.controller},
          {"params", job.params},
          {"entry_problem", job.entry_problem},
          {"entry_folder", job.entry_folder},
          {"track", job.track},
          {"track_name", job.track_name},
          {"seed", job.seed},
          {"seed_source", job.seed_source},
          {"seed_commitment", job.seed_commitment},
          {"robot", job.settings.robot},
          {"sandbox", job.settings.sandbox},
          {"html_pages", job.settings.html_pages},
          {"memory_cap_mib", job.settings.limits.memory_cap_mib},
          {"cpu_budget_ms", job.settings.limits.cpu_budget_ms},
          {"cpu_overruns_per_second", job.settings.limits.cpu_overruns_per_second},
          {"wall_per_call_s", job.settings.limits.wall_per_call_s},
          {"wall_per_run_s", job.settings.limits.wall_per_run_s},
          {"threads", job.settings.limits.threads},
          {"scratch_mib", job.settings.limits.scratch_mib},
          {"open_files", job.settings.limits.open_files},
          {"create_time_s", job.settings.limits.create_time_s},
          {"create_cpu_s", job.settings.limits.create_cpu_s}};
}

TournamentJob job_from_json(const nlohmann::json& line) {
  TournamentJob job;
  job.id = line.at("id");
  job.entry = line.at("entry");
  job.controller = line.at("controller");
  job.params = line.at("params");
  job.entry_problem = line.at("entry_problem");
  job.track = line.at("track");
  job.track_name = line.at("track_name");
  job.seed = line.at("seed");
  job.seed_source = line.at("seed_source");
  job.seed_commitment = line.at("seed_commitment");
  job.settings.robot = line.at("robot");
  job.settings.sandbox = line.at("sandbox");
  SandboxSettings& l = job.settings.limits;
  l.memory_cap_mib = line.at("memory_cap_mib");
  l.cpu_budget_ms = line.at("cpu_budget_ms");
  // Plans written before these limits existed ran with the defaults.
  job.entry_folder = line.value("entry_folder", std::string());
  job.settings.html_pages = line.value("html_pages", true);  // plans from before the pages: a page per run
  l.wall_per_call_s = line.value("wall_per_call_s", l.wall_per_call_s);
  l.wall_per_run_s = line.value("wall_per_run_s", l.wall_per_run_s);
  l.threads = line.value("threads", l.threads);
  l.scratch_mib = line.value("scratch_mib", l.scratch_mib);
  l.open_files = line.value("open_files", l.open_files);
  l.create_time_s = line.value("create_time_s", l.create_time_s);
  l.create_cpu_s = line.value("create_cpu_s", l.create_cpu_s);
  l.cpu_overruns_per_second = line.value("cpu_overruns_per_second", 0u);  // before: the first overrun stopped
  return job;
}

void write_plan(const std::vector<TournamentJob>& jobs, const std::filesystem::path& file) {
  const std::filesystem::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp);
    for (const TournamentJob& job : jobs)
      out << job_json(job).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    out.flush();
    if (!out) throw std::runtime_error(tmp.string() + ": cannot write the plan");
  }
  std::filesystem::rename(tmp, file);
}

std::vector<TournamentJob> read_plan(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), "no plan here: run 'simarena tournament ... --plan' first");
  std::vector<TournamentJob> jobs;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    try {
      jobs.push_back(job_from_json(nlohmann::json::parse(line)));
    } catch (const nlohmann::json::exception& e) {
      throw InputError(file.string(), number, 1, std::string("damaged plan line: ") + e.what());
    }
  }
  return jobs;
}

RunFiles run_files(const TournamentJob& job) {
  const std::filesystem::path stem =
      std::filesystem::path("runs") / job.entry / (job.track_name + "-" + std::to_string(job.seed));
  auto with = [&](const char* suffix) { return std::filesystem::path(stem.string() + suffix); };
  return {with(".replay"), with(".score.json"), with(".events.log"), with(".json"), with(".log")};
}

}  // namespace simarena
