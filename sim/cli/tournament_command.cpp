#include <unistd.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "commands.h"
#include "option_checks.h"
#include "sandbox_options.h"
#include "simarena/base/input_error.h"
#include "simarena/base/messages.h"
#include "simarena/base/untrusted_text.h"
#include "simarena/tournament/tournament_job.h"
#include "simarena/tournament/tournament_plan.h"
#include "simarena/tournament/tournament_run_log.h"
#include "simarena/tournament/tournament_workers.h"
#include "usage_errors.h"

namespace simarena::cli {
namespace {

namespace fs = std::filesystem;

struct TournamentOptions {
  std::string entries;
  std::vector<std::string> tracks;
  int seeds = 1;
  const CLI::Option* seeds_option = nullptr;
  std::string seed_file;
  std::string passphrase_file;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string out = "results";
  TournamentSettings settings;
  bool no_sandbox = false;
  bool plan_only = false;
  std::optional<size_t> job;
  bool quiet = false;
};

TournamentSeeds choose_seeds(const TournamentOptions& opt) {
  if (!opt.seed_file.empty() && !opt.passphrase_file.empty())
    throw InputError(opt.seed_file, tr_noop("give --seed-file or --seed-passphrase-file, not both"));
  if (!opt.seed_file.empty()) return seeds_from_file(opt.seed_file, opt.seeds_option->count() ? opt.seeds : 0);
  if (!opt.passphrase_file.empty()) return seeds_from_passphrase_file(opt.passphrase_file, opt.seeds);
  return published_seeds(opt.seeds);
}

std::set<std::string> recorded_ids(const fs::path& log_file) {
  std::set<std::string> ids;
  for (const nlohmann::json& line : read_run_log(log_file).lines) ids.insert(line["id"].get<std::string>());
  return ids;
}

std::optional<nlohmann::json> recorded_line(const fs::path& log_file, const std::string& id) {
  for (const nlohmann::json& line : read_run_log(log_file).lines)
    if (line["id"] == id) return line;
  return std::nullopt;
}

std::string text_field(const nlohmann::json& line, const char* key) {
  return line.contains(key) && line[key].is_string() ? line[key].get<std::string>() : std::string("?");
}
double number_field(const nlohmann::json& line, const char* key) {
  return line.contains(key) && line[key].is_number() ? line[key].get<double>() : std::nan("");
}

// One line about a recorded run, for people: made plain for the terminal, whatever the line holds.
std::string run_summary(const nlohmann::json& line) {
  std::string text = text_field(line, "id") + ": ";
  if (text_field(line, "status") != "scored")
    text += tr("not run: ") + text_field(line, "reason");
  else {
    char numbers[96];
    if (text_field(line, "result") == "finished")
      std::snprintf(numbers, sizeof(numbers), tr(" in %.3f s (%.1f s of penalties)"),
                    number_field(line, "total_time_s"), number_field(line, "penalty_s"));
    else
      std::snprintf(numbers, sizeof(numbers), tr(" at %.2f m"), number_field(line, "progress_m"));
    text += text_field(line, "result") + numbers;
    if (line.contains("fault") && line["fault"].is_string()) text += tr("; fault: ") + line["fault"].get<std::string>();
  }
  return untrusted_text(text, 2000);
}

// The last non-empty line a run's process wrote, to explain its death: the controller may have written it, so it
// is untrusted bytes, made plain and short.
std::string last_output_line(const fs::path& log) {
  std::ifstream in(log, std::ios::binary);
  std::string line, last;
  while (std::getline(in, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = std::move(line);
  return untrusted_text(last, 300);
}

// True when the tournament itself was sent `signal` (Ctrl-C reaches the whole process group): the pool keeps these
// blocked, so they wait as pending.
bool tournament_received(int signal) {
  sigset_t pending;
  sigemptyset(&pending);
  return sigpending(&pending) == 0 && sigismember(&pending, signal) == 1;
}

std::string death_reason(const WorkerExit& exit, const fs::path& log) {
  std::string reason = exit.signaled ? std::string("the run's process was killed by SIG") + sigabbrev_np(exit.code) +
                                           " (" + sigdescr_np(exit.code) + ")"
                                     : "the run's process ended with exit status " + std::to_string(exit.code) +
                                           " without recording a result";
  if (exit.signaled && exit.code == SIGKILL) reason += ", e.g. by the kernel when out of memory";
  const std::string last = last_output_line(log);
  return last.empty() ? reason : reason + ": " + last;
}

std::string clock_text(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  char text[32];
  if (s >= 3600)
    std::snprintf(text, sizeof(text), "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(text, sizeof(text), "%ld:%02ld", s / 60, s % 60);
  return text;
}

// The progress bar and ETA on stderr: redrawn in place on a terminal, one line per finished run otherwise.
class Progress {
 public:
  Progress(size_t total, size_t already, bool quiet)
      : total_(total), done_(already), start_done_(already), quiet_(quiet), tty_(isatty(fileno(stderr))) {}

  void finished(const std::string& summary, bool fault) {
    ++done_;
    faults_ += fault ? 1 : 0;
    if (quiet_) return;
    if (tty_)
      std::fprintf(stderr, "\r\033[K  %s\n", summary.c_str());
    else
      std::fprintf(stderr, "  [%zu/%zu] %s  (ETA %s)\n", done_, total_, summary.c_str(), eta().c_str());
    draw();
  }
  void draw() const {
    if (quiet_ || !tty_) return;
    constexpr int kWidth = 30;
    const int filled = total_ ? static_cast<int>(kWidth * done_ / total_) : kWidth;
    std::fprintf(stderr, "\r\033[K  [%s%s] %zu/%zu runs, %zu with faults, %s elapsed, ETA %s",
                 std::string(static_cast<size_t>(filled), '#').c_str(),
                 std::string(static_cast<size_t>(kWidth - filled), '.').c_str(), done_, total_, faults_,
                 clock_text(elapsed()).c_str(), eta().c_str());
    std::fflush(stderr);
  }
  void close() const {
    if (!quiet_ && tty_) std::fprintf(stderr, "\n");
  }

 private:
  double elapsed() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }
  // From this session's pace: runs finished per second, all workers together.
  std::string eta() const {
    const size_t finished_here = done_ - start_done_;
    if (finished_here == 0) return "--:--";
    return clock_text(elapsed() / static_cast<double>(finished_here) * static_cast<double>(total_ - done_));
  }
  size_t total_, done_, start_done_, faults_ = 0;
  bool quiet_, tty_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

int run_one_job(const TournamentOptions& opt) {
  const fs::path out = opt.out, plan_file = out / "plan.jsonl", log_file = out / "runs.jsonl";
  const std::vector<TournamentJob> plan = read_plan(plan_file);
  if (*opt.job >= plan.size())
    throw InputError(plan_file.string(), tr_noop("holds %s jobs (0 to %s); there is no job %s"), plan.size(),
                     plan.size() - 1, *opt.job);
  const TournamentJob& job = plan[*opt.job];
  if (recorded_line(log_file, job.id)) {
    std::printf("%s: already recorded\n", job.id.c_str());
    return 0;
  }
  const auto start = std::chrono::steady_clock::now();
  nlohmann::json line = run_tournament_job(job, out, default_search_paths());
  line["wall_s"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const bool appended = append_run_line(log_file, line);
  std::printf("%s%s\n", run_summary(line).c_str(), appended ? "" : " (already recorded by another job)");
  return 0;
}

std::vector<TournamentJob> plan_or_resume(const TournamentOptions& opt, const fs::path& out) {
  const fs::path plan_file = out / "plan.jsonl";
  const std::vector<TournamentJob> jobs =
      plan_tournament(find_entries(opt.entries), opt.tracks, choose_seeds(opt), opt.settings);
  fs::create_directories(out);
  if (fs::exists(plan_file)) {
    const std::vector<TournamentJob> existing = read_plan(plan_file);
    bool same = existing.size() == jobs.size();
    for (size_t i = 0; same && i < jobs.size(); ++i) same = job_json(existing[i]) == job_json(jobs[i]);
    if (!same)
      throw InputError(plan_file.string(),
                       tr_noop("holds another tournament's plan (other entries, tracks, seeds or settings); to resume, "
                               "give the same command; to start a new tournament, use another --out folder"));
  } else {
    write_plan(jobs, plan_file);
  }
  return jobs;
}

int run_tournament(TournamentOptions opt) {
  if (opt.entries.empty() || opt.tracks.empty())
    throw UsageError(formatted(tr("%s: give the entries folder and --tracks, e.g. 'simarena tournament entries/ "
                                  "--tracks sprint,slope' (or --job K --out DIR to run one job of a plan)"),
                               opt.entries.empty() ? tr("no entries folder") : tr("no --tracks")));
  opt.settings.sandbox = !opt.no_sandbox;
  const fs::path out = fs::absolute(opt.out), log_file = out / "runs.jsonl";
  const std::vector<TournamentJob> jobs = plan_or_resume(opt, out);
  if (opt.plan_only) {
    std::printf("plan        %zu runs: %s (one JSON line per run, numbered from 0)\n", jobs.size(),
                (out / "plan.jsonl").c_str());
    std::printf(
        "on Slurm    sbatch --array=0-%zu --output=%s/slurm-%%A_%%a.out --export=ALL,SIMARENA=%s "
        "scripts/slurm-tournament.sh %s\n",
        jobs.size() - 1, out.c_str(), fs::read_symlink("/proc/self/exe").c_str(), out.c_str());
    std::printf("one job     simarena tournament --out %s --job K\n", out.c_str());
    std::printf("then        simarena leaderboard %s\n", out.c_str());
    return 0;
  }

  const std::set<std::string> done = recorded_ids(log_file);
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  std::vector<WorkerTask> tasks;
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (done.contains(jobs[i].id)) continue;
    const RunFiles files = run_files(jobs[i]);
    fs::create_directories(out / files.log.parent_path());
    tasks.push_back({i, {self, "tournament", "--out", out.string(), "--job", std::to_string(i)}, out / files.log});
  }
  if (!opt.quiet)
    std::fprintf(stderr,
                 tr("simarena tournament: %zu runs planned, %zu already recorded, %zu to run, %d at a time%s\n"),
                 jobs.size(), jobs.size() - tasks.size(), tasks.size(), opt.jobs,
                 opt.settings.sandbox ? tr(", sandboxed") : tr(", NOT sandboxed (--no-sandbox)"));

  Progress progress(jobs.size(), jobs.size() - tasks.size(), opt.quiet);
  progress.draw();
  const PoolEnd end = run_worker_processes(
      tasks, opt.jobs,
      [&](const WorkerTask& task, const WorkerExit& exit) {
        const TournamentJob& job = jobs[task.job];
        std::optional<nlohmann::json> line = recorded_line(log_file, job.id);
        // Ended together with the tournament itself (Ctrl-C): left pending, run again on resume. A run whose process
        // ended by such a signal alone (an in-process plugin can raise it) is that run's fault, like any other death.
        if (!line && exit.signaled && (exit.code == SIGINT || exit.code == SIGTERM || exit.code == SIGHUP) &&
            tournament_received(exit.code))
          return;
        if (!line) {
          line = not_run_line(job, death_reason(exit, task.output));
          append_run_line(log_file, *line);
        }
        progress.finished(run_summary(*line), (*line)["fault"].is_string());
      },
      [&] { progress.draw(); });
  progress.close();
  if (end == PoolEnd::interrupted) {
    std::fprintf(stderr,
                 tr("simarena tournament: interrupted; %zu of %zu runs recorded in %s. Give the same command again to "
                    "resume.\n"),
                 recorded_ids(log_file).size(), jobs.size(), log_file.c_str());
    return 130;
  }
  return publish_leaderboard(out, "tournament");
}

}  // namespace

std::function<int()> add_tournament_command(CLI::App& app) {
  auto opt = std::make_shared<TournamentOptions>();
  CLI::App* cmd = app.add_subcommand(
      "tournament", "Run every entry on every track and seed, sandboxed and in parallel; resumable; leaderboards");
  cmd->add_option("entries", opt->entries,
                  "folder of entries: <name>.so or <name>.py, or <name>/ holding one .so (or one .py, or "
                  "controller.py) and an optional 'params' file");
  cmd->add_option("-t,--tracks", opt->tracks, "tracks: names (see 'simarena tracks') or paths of track .yaml files")
      ->delimiter(',');
  opt->seeds_option =
      cmd->add_option("-s,--seeds", opt->seeds,
                      "seeds per randomized track (published seeds 0..N-1, or the first N hidden seeds)")
          ->check(unsigned_integer(1, 1000000))
          ->capture_default_str();
  cmd->add_option("--seed-file", opt->seed_file,
                  "hidden seeds: a file with one seed per line, kept out of the repository until the event");
  cmd->add_option("--seed-passphrase-file", opt->passphrase_file,
                  "hidden seeds derived from the secret passphrase on the file's first line (docs/judging.md)");
  cmd->add_option("-j,--jobs", opt->jobs, "runs at a time, each its own process")
      ->check(unsigned_integer(1, 4096))
      ->capture_default_str();
  cmd->add_option("-o,--out", opt->out, "results folder: plan, runs.jsonl, runs/, leaderboards")->capture_default_str();
  cmd->add_option("-r,--robot", opt->settings.robot, "robot every entry runs")->capture_default_str();
  cmd->add_flag("--no-sandbox", opt->no_sandbox,
                "run plugins in-process, unconfined (only for code you trust: a crash then ends its run's process)");
  add_sandbox_options(cmd, opt->settings.limits);
  cmd->add_flag("!--no-html-pages", opt->settings.html_pages,
                "no HTML replay and score sheet page per run (saves one re-simulation per run, 60-80 % of its time)");
  cmd->add_flag("--plan", opt->plan_only,
                "write the job list (<out>/plan.jsonl, one run per line) and stop: for a cluster "
                "(scripts/slurm-tournament.sh)");
  cmd->add_option("--job", opt->job,
                  "run job K (from 0) of <out>/plan.jsonl and record it in <out>/runs.jsonl; "
                  "nothing else is needed with it but --out")
      ->check(unsigned_integer());
  cmd->add_flag("-q,--quiet", opt->quiet, "no progress output");
  cmd->footer(
      "Every run is appended to <out>/runs.jsonl when it ends; killed and started again with the same\n"
      "command, the tournament runs only what is missing. At the end: <out>/leaderboard.{html,json,csv}.\n"
      "Event how-to, the sandbox's limits and hidden seeds: docs/judging.md.");
  return [opt] { return opt->job ? run_one_job(*opt) : run_tournament(*opt); };
}

}  // namespace simarena::cli
