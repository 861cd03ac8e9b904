// Judges what a controller says it recognised on a field course with
// 'announcements:' (docs/rules.md, "Announcements"): each recognition
// against the announceable object nearest ahead of the body, and, when the
// body leaves the search segment, the objects it passed without a right
// announcement. Pure: positions come in, verdicts go out; the referee turns
// them into events.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "simarena/match/recognised_object.h"
#include "simarena/track/field_course.h"
#include "simarena/track/referee_event.h"

namespace simarena {

// An object a controller may announce: the objects of the tunnel's items,
// except goals (the football is the target there).
struct AnnounceableObject {
  RecognisedObject kind = RecognisedObject::bottle;
  std::string name;      // as in the track file
  int layout_index = 0;  // into FieldLayout::objects: field_object_<k> / obstacle_<k>_* in the MJCF
};

// The course's announceable objects, in layout order (the same for every
// seed: only their places change). Observations give their places in this order.
std::vector<AnnounceableObject> announceable_objects(const FieldCourse& course);

struct AnnouncementVerdict {
  double time = 0;
  RefereeEventType type = RefereeEventType::announcement_right;
  int object = -1;  // into the announceable objects; -1: none
  std::string detail;
};

class AnnouncementJudge {
 public:
  // `course.announcements.judged` must hold.
  explicit AnnouncementJudge(const FieldCourse& course);

  // The recognition of `said` (with `words`, already cleaned) at `time`, the
  // body's centre at `at` heading `yaw` (rad); `places`: where each
  // announceable object is now (empty or short: nothing is judged against).
  AnnouncementVerdict judge(double time, Vec2 at, double yaw, const std::vector<Vec2>& places, RecognisedObject said,
                            std::string_view words);

  // The body moved from `from` (at time t0) to `to` (at t1): notes the objects
  // it came within range of; the first time it crosses the search segment's
  // end line, one announcement_missing per object passed and not announced.
  std::vector<AnnouncementVerdict> moved(double t0, Vec2 from, double t1, Vec2 to, const std::vector<Vec2>& places);

  const std::vector<AnnounceableObject>& objects() const { return objects_; }

 private:
  Announcements rule_;
  std::array<Vec2, 2> end_line_{};
  std::vector<AnnounceableObject> objects_;
  std::vector<bool> passed_, announced_;
  bool segment_over_ = false;
};

}  // namespace simarena
