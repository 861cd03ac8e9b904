#include "simarena/run/run.h"

#include <cstdio>

namespace simarena {

Run::Run(std::shared_ptr<const World> world, std::shared_ptr<const TrackWithRules> course,
         std::unique_ptr<Controller> controller)
    : world_(std::move(world)), course_(std::move(course)) {
  auto tap = std::make_unique<RecordingController>(std::move(controller));
  tap_ = tap.get();
  match_ = std::make_unique<Match>(world_, std::move(tap));
  if (course_) {
    referee_.emplace(course_->track, course_->rules);
    referee_->start(*match_);
  }
}

void Run::record(const std::filesystem::path& path, nlohmann::json header, const std::vector<ReplayInput>& inputs) {
  if (referee_) header["referee"] = referee_->describe();
  recorder_ = std::make_unique<MatchRecorder>(path, header, *tap_, inputs);
}

TickReport Run::tick() {
  if (referee_) referee_->before_tick(*match_);
  const TickReport report = match_->tick();
  if (recorder_) recorder_->after_tick(*match_);
  if (referee_) referee_->after_tick(*match_);
  return report;
}

void Run::stop() {
  if (referee_ && !referee_->done()) referee_->stop(*match_);
}

std::string Run::finish_replay(const nlohmann::json& final) {
  if (!recorder_) return {};
  char hash[17];
  std::snprintf(hash, sizeof(hash), "%016llx", static_cast<unsigned long long>(recorder_->state_hash()));
  nlohmann::json end = {{"complete", true}, {"ticks", match_->ticks()}, {"final_state_hash", hash}, {"final", final}};
  if (referee_) end["referee"] = referee_->summary();
  recorder_->finish(end);
  return hash;
}

}  // namespace simarena
