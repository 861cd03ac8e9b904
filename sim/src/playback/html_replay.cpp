#include "simarena/playback/html_replay.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "binary_text.h"
#include "html_replay_page.h"
#include "html_replay_scene.h"
#include "html_replay_text.h"
#include "simarena/base/content_hash.h"
#include "simarena/base/input_error.h"
#include "simarena/base/json_file.h"
#include "simarena/base/untrusted_text.h"
#include "simarena/track/score.h"
#include "simarena/track/score_sheet.h"

namespace simarena {
namespace {

// Watches a re-simulated run: the scene at the start, every body pose each
// `stride` ticks (and at the last tick), and the match's and the referee's
// events as they happen.
class FrameSampler {
 public:
  FrameSampler(uint64_t stride, uint64_t last_tick) : stride_(stride), last_tick_(last_tick) {}

  void see(const Run& run) {
    const Match& match = run.match();
    const uint64_t tick = match.ticks();
    if (tick == 0) {
      const mjModel* m = run.world().model();
      bodies_ = moving_bodies(m);
      const auto base = std::find(bodies_.begin(), bodies_.end(), run.world().base_body());
      base_ = base == bodies_.end() ? 0 : static_cast<int>(base - bodies_.begin());
      scene_ = html_replay_scene(m, match.data(), bodies_);
      control_period_ = run.world().robot().control_period;
      if (run.course()) rules_ = run.course()->rules;
    }
    ticks_seen_ = tick + 1;
    if (tick % stride_ == 0 || tick == last_tick_) {
      const mjData* d = match.data();
      for (int b : bodies_) {
        for (int i = 0; i < 3; ++i) poses_.push_back(d->xpos[3 * b + i]);
        for (int i = 0; i < 4; ++i) poses_.push_back(d->xquat[4 * b + i]);
      }
      frame_ticks_.push_back(tick);
      // The referee's best progress at this frame, in mm, so the page's progress moves with the robot rather
      // than only at the gates.
      const TrackReferee* referee = run.referee();
      frame_progress_mm_.push_back(referee ? std::llround(referee->referee().progress() * 1000) : 0);
    }
    match_events_.insert(match_events_.end(), match.events().begin() + match_events_.size(), match.events().end());
    if (const TrackReferee* referee = run.referee()) {
      const auto& events = referee->referee().events();
      referee_events_.insert(referee_events_.end(), events.begin() + referee_events_.size(), events.end());
    }
  }

  // Every tick from 0 to the last was seen (verification stops at a divergence).
  bool saw_all() const { return ticks_seen_ == last_tick_ + 1; }

  // The event that ended a run stopped from outside (its duration, not the referee) comes when the referee is
  // stopped after the last tick, where the sampler no longer looks: it is added from the score.
  void add_run_end(const Score& score) {
    if (std::any_of(referee_events_.begin(), referee_events_.end(),
                    [](const RefereeEvent& e) { return ends_run(e.type); }))
      return;
    RefereeEvent end;
    end.time = static_cast<double>(last_tick_) * control_period_;
    end.type = score.result == Score::Result::timeout        ? RefereeEventType::timeout
               : score.result == Score::Result::disqualified ? RefereeEventType::disqualified
                                                             : RefereeEventType::stopped;
    end.progress = score.progress;
    end.detail = score.reason;
    referee_events_.push_back(end);
  }
  uint64_t frames() const { return frame_ticks_.size(); }
  const std::optional<RuleSet>& rules() const { return rules_; }
  const std::vector<RefereeEvent>& referee_events() const { return referee_events_; }

  // The page's "run" part: scene, frames, poses and events.
  nlohmann::json json() const {
    // Positions as int16 in steps of `scale` metres (1 mm while everything stays within 32 m of the origin),
    // quaternion components as int16 / 32767.
    double extent = 0;
    for (size_t i = 0; i < poses_.size(); i += 7)
      for (int k = 0; k < 3; ++k) extent = std::max(extent, std::abs(poses_[i + k]));
    const double scale = std::max(0.001, extent / 32000);
    std::string packed;
    packed.reserve(poses_.size() * 2);
    for (size_t i = 0; i < poses_.size(); ++i) {
      const double v = i % 7 < 3 ? poses_[i] / scale : std::clamp(poses_[i], -1.0, 1.0) * 32767;
      append_little_endian(packed, static_cast<int16_t>(std::lround(v)));
    }
    nlohmann::json events = nlohmann::json::array();
    for (const MatchEvent& e : match_events_)
      events.push_back({{"t", e.time},
                        {"source", "match"},
                        {"name", match_event_name(e.type)},
                        {"detail", untrusted_text(e.detail)}});
    for (const RefereeEvent& e : referee_events_)
      events.push_back({{"t", e.time},
                        {"source", "referee"},
                        {"name", event_name(e.type)},
                        {"index", e.index},
                        {"progress", e.progress},
                        {"detail", untrusted_text(e.detail)}});
    std::stable_sort(events.begin(), events.end(),
                     [](const nlohmann::json& a, const nlohmann::json& b) { return a["t"] < b["t"]; });
    return {{"control_period_s", control_period_},
            {"frame_ticks", frame_ticks_},
            {"frame_progress_mm", frame_progress_mm_},
            {"bodies", bodies_.size()},
            {"base_body", base_},
            {"position_scale_m", scale},
            {"poses", base64_encoded(packed)},
            {"scene", scene_},
            {"events", events}};
  }

 private:
  uint64_t stride_, last_tick_;
  uint64_t ticks_seen_ = 0;
  std::vector<int> bodies_;
  int base_ = 0;
  nlohmann::json scene_;
  double control_period_ = 0;
  std::optional<RuleSet> rules_;
  std::vector<double> poses_;  // per frame, per moving body: x y z qw qx qy qz
  std::vector<uint64_t> frame_ticks_;
  std::vector<long long> frame_progress_mm_;
  std::vector<MatchEvent> match_events_;
  std::vector<RefereeEvent> referee_events_;
};

// The score as the score sheet has it, its guest text made safe to show.
nlohmann::json page_score_json(const Score& score) {
  nlohmann::json json = score_json(score);
  json["reason"] = untrusted_text(score.reason);
  for (nlohmann::json& p : json["penalties"]) p["detail"] = untrusted_text(p["detail"].get<std::string>());
  if (json.contains("point_items"))
    for (nlohmann::json& p : json["point_items"]) p["detail"] = untrusted_text(p["detail"].get<std::string>());
  return json;
}

const char* status_name(VerifyOutcome::Status status) {
  switch (status) {
    case VerifyOutcome::Status::verified:
      return "verified";
    case VerifyOutcome::Status::incomplete:
      return "incomplete";
    case VerifyOutcome::Status::failed:
      return "failed";
  }
  return "failed";
}

// A header field as published text ("" when absent).
std::string header_text(const nlohmann::json& header, const char* object, const char* field) {
  const auto o = header.find(object);
  if (o == header.end() || !o->is_object()) return "";
  const auto f = o->find(field);
  return f != o->end() && f->is_string() ? untrusted_text(f->get<std::string>()) : "";
}

// The replay named by its file name only: the page names no folder of the machine it was exported on.
std::string published_message(std::string message, const std::filesystem::path& replay) {
  const std::string full = replay.string(), name = replay.filename().string();
  for (size_t at = 0; !full.empty() && (at = message.find(full, at)) != std::string::npos; at += name.size())
    message.replace(at, full.size(), name);
  return message;
}

}  // namespace

HtmlReplayPage html_replay_page(const Replay& replay, const SearchPaths& paths, const HtmlReplayOptions& options) {
  require_html_replay_assets(replay.path.string());
  HtmlReplayPage page;
  const uint64_t last_tick = replay.ticks.size();
  const auto stride_for = [&](double period) {
    return std::max<uint64_t>(1, std::llround(1.0 / (std::max(1, options.frames_per_second) * period)));
  };
  // The stride needs the robot's control period: the sampler is made on the first look at the run.
  std::optional<FrameSampler> sampler;
  const auto see = [&](const Run& run) {
    if (!sampler) sampler.emplace(stride_for(run.world().robot().control_period), last_tick);
    sampler->see(run);
  };
  page.verification = verify_replay(replay, paths, see);
  std::optional<Score> score = page.verification.score;
  if (!sampler || !sampler->saw_all()) {
    // Verification stopped early (damaged file, divergence): show the whole recording, marked not verified.
    sampler.reset();
    ReplaySimulation sim = replay_simulation(replay, paths);  // throws InputError naming a file that differs
    see(*sim.run);
    for (const replay::TickRecord& record : replay.ticks) {
      sim.tick(record);
      see(*sim.run);
    }
    if (replay.end) sim.referee_summary();  // stops the referee as the recorded run's was
    if (const TrackReferee* referee = sim.run->referee())
      score = score_run(referee->referee().events(), referee->referee().rules());
  } else if (!score && sampler->rules()) {
    score = score_run(sampler->referee_events(), *sampler->rules());
  }

  if (score && replay.end && score->result != Score::Result::finished) sampler->add_run_end(*score);

  const nlohmann::json& h = replay.header;
  nlohmann::json data = sampler->json();
  data["format"] = "simarena html replay";
  data["format_version"] = 1;
  data["robot"] = header_text(h, "robot", "name");
  data["arena"] = header_text(h, "arena", "name");
  data["controller"] = header_text(h, "controller", "name");
  data["replay_file"] = untrusted_text(replay.path.filename().string());
  data["complete"] = replay.end.has_value();
  data["exported_by"] = build_id();
  data["verification"] = {{"status", status_name(page.verification.status)},
                          {"message", untrusted_text(published_message(page.verification.message, replay.path))},
                          {"ticks", page.verification.ticks_checked},
                          {"final_state_hash", page.verification.status == VerifyOutcome::Status::verified && replay.end
                                                   ? replay.end->value("final_state_hash", "")
                                                   : ""}};
  data["score"] = score ? page_score_json(*score) : nlohmann::json(nullptr);
  data["text"] = html_replay_text();
  page.frames = sampler->frames();
  page.html = assemble_html_replay_page(data);
  return page;
}

HtmlReplayPage write_html_replay(const Replay& replay, const SearchPaths& paths, const std::filesystem::path& out,
                                 const HtmlReplayOptions& options) {
  HtmlReplayPage page = html_replay_page(replay, paths, options);
  write_text_atomically(page.html, out);
  return page;
}

}  // namespace simarena
