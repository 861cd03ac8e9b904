#include "simarena/track/track_referee.h"

#include "simarena/base/content_hash.h"
#include "simarena/track/score.h"
#include "simarena/track/score_sheet.h"

namespace simarena {

void TrackReferee::start(const Match& match) {
  // A seeded layout is judged where the world's seed placed it.
  if (match.world().arena_seed() != 0)
    referee_ = Referee(referee_.track(), referee_.rules(), match.world().arena_seed());
  probe_.emplace(match.world(), referee_.rules(), referee_.track().hurdle_bar_count(),
                 referee_.field_judge() != nullptr);
  if (referee_.rules().course_info == CourseInfoMode::height_map) height_map_.emplace(match.world());
  if (const AnnouncementJudge* judge = referee_.announcement_judge())
    object_places_.emplace(match.model(), judge->objects());
  referee_.observe(observe(match));
}

Observation TrackReferee::observe(const Match& match) {
  Observation o = probe_->observe(match);
  if (object_places_) o.object_places = object_places_->places(match.data());
  return o;
}

void TrackReferee::before_tick(Match& match) {
  // A restart decided at the last observation: the robot lies there before
  // this tick, so the recorder's state hash and a re-simulation's agree.
  if (const std::optional<RestartPlace> place = referee_.take_restart())
    match.place_robot(place->x, place->y, place->ground, place->heading);
  // The controller sees the state the last observation saw (physics does
  // not move between the end of a tick and the next controller call).
  if (referee_.rules().course_info == CourseInfoMode::none) return;
  SimarenaCourseInfo info = referee_.course_info();
  if (height_map_) height_map_->fill(match.model(), match.data(), info);
  match.set_course_info(info);
}

void TrackReferee::after_tick(const Match& match) { referee_.observe(observe(match)); }

nlohmann::json TrackReferee::describe() const {
  const Track& track = referee_.track();
  const RuleSet& rules = referee_.rules();
  return {{"track", track.name},
          {"track_hash", track_hash(track)},
          {"rules", rules.name},
          {"rules_hash", hash_file(rules.file)}};
}

nlohmann::json TrackReferee::summary() const {
  const Score score = score_run(referee_.events(), referee_.rules());
  nlohmann::json out = {{"events", events_json(referee_.events())},
                        {"result", result_name(score.result)},
                        {"course_time_s", score.course_time},
                        {"penalty_s", score.penalty_seconds},
                        {"total_time_s", score.total_time},
                        {"progress_m", score.progress},
                        {"rank_key", score.rank_key},
                        {"reason", score.reason}};
  if (score.by_points) out["points"] = score.points;
  return out;
}

}  // namespace simarena
