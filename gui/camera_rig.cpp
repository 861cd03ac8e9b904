#include "camera_rig.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "simarena/track/field_course.h"

namespace simarena::gui {

CameraRig::CameraRig(const mjModel* model, int trunk_body, const Track* track)
    : model_(model), trunk_body_(trunk_body), course_length_(track ? track->length() : 0.0) {
  mjv_defaultCamera(&follow_);
  follow_.type = mjCAMERA_FREE;  // aimed by update(): no smoothing, the same view at any frame rate
  follow_.distance = 1.6;
  follow_.azimuth = 135;
  follow_.elevation = -24;

  mjv_defaultCamera(&free_);
  free_.type = mjCAMERA_FREE;
  free_.lookat[2] = 0.2;
  free_.distance = 2.0;
  free_.azimuth = 135;
  free_.elevation = -24;

  mjv_defaultCamera(&overview_);
  overview_.type = mjCAMERA_FREE;
  const double span = std::max(2.0, course_length_);
  overview_.lookat[0] = 0.45 * span;
  // The whole course (the track pictures of docs/tracks.md); the viewer marks
  // the robot in it, which is a speck on a 20 m course.
  overview_.distance = 0.9 * span + 1.5;
  overview_.azimuth = 125;  // from behind the start, to the side
  overview_.elevation = -32;
  if (track && track->field) frame_field(*track->field);

  mjv_defaultCamera(&broadcast_);
  broadcast_.type = mjCAMERA_FREE;
  const int fixed = mj_name2id(model, mjOBJ_CAMERA, "broadcast");
  if (track && track->broadcast_camera) {
    shot_ = *track->broadcast_camera;
  } else if (fixed >= 0) {
    broadcast_.type = mjCAMERA_FIXED;
    broadcast_.fixedcamid = fixed;
  } else if (track && track->field) {
    // A field course has no single direction: follow from behind and above, looking from its start to its end.
    const auto& path = track->field->path;
    shot_.style = BroadcastStyle::follow;
    shot_.azimuth_deg =
        std::atan2(path.back().y - path.front().y, path.back().x - path.front().x) * 180 / std::numbers::pi;
    shot_.elevation_deg = -40;
    shot_.distance = 4.5;
  }
  broadcast_.distance = shot_.distance;
  broadcast_.azimuth = shot_.style == BroadcastStyle::trackside ? 90 : shot_.azimuth_deg;  // trackside: along +y
  broadcast_.elevation = shot_.elevation_deg;
  if (shot_.style == BroadcastStyle::fixed) mju_copy3(broadcast_.lookat, shot_.lookat.data());
}

namespace {

// 0 at `from`, 1 at `to`, smooth in between (either order).
double ease(double x, double from, double to) {
  const double t = std::clamp((x - from) / (to - from), 0.0, 1.0);
  return t * t * (3 - 2 * t);
}

}  // namespace

void CameraRig::update(const mjData* state) {
  const mjtNum* trunk = state->xpos + 3 * trunk_body_;
  mju_copy3(follow_.lookat, trunk);
  if (broadcast_.type == mjCAMERA_FIXED || shot_.style == BroadcastStyle::fixed) return;
  if (shot_.style == BroadcastStyle::follow || course_length_ <= 0) {
    // From the track's direction (the flat arena: side-on), following.
    mju_copy3(broadcast_.lookat, trunk);
    broadcast_.lookat[2] = std::max(0.15, trunk[2] - 0.1);
    return;
  }
  // A TV director's shot list, from the robot's place on the course alone (so
  // the same state gives the same picture): wide on the start area until the
  // robot is under way, a side-on dolly that follows it along the lane, wide
  // again on the finish line for the last metres and the finish.
  const double x = trunk[0];
  const double at_start = 1.0 - ease(x, 0.3, 2.0);
  const double at_finish = ease(x, course_length_ - 2.5, course_length_ - 0.8);
  const double wide = std::max(at_start, at_finish);
  const double anchor = at_start >= at_finish ? 1.0 : course_length_ - 0.4;
  broadcast_.lookat[0] = x + (anchor - x) * 0.55 * wide;
  broadcast_.lookat[1] = 0.0;
  broadcast_.lookat[2] = std::max(0.15, trunk[2] - 0.1);
  broadcast_.distance = shot_.distance + 2.2 * wide;
  // Low, as a trackside camera stands, so the sky shows; the wide shots look along the lane a little.
  broadcast_.azimuth = 90 - 30 * at_start + 30 * at_finish;
  broadcast_.elevation = shot_.elevation_deg - 5 * wide;
}

void CameraRig::set_mode(CameraMode mode) { mode_ = mode; }

void CameraRig::cycle() { mode_ = static_cast<CameraMode>((static_cast<int>(mode_) + 1) % kCameraModeCount); }

mjvCamera& CameraRig::camera() {
  switch (mode_) {
    case CameraMode::follow:
      return follow_;
    case CameraMode::broadcast:
      return broadcast_;
    case CameraMode::overview:
      return overview_;
    case CameraMode::free:
      break;
  }
  return free_;
}

void CameraRig::handle_mouse(const MouseDrag& mouse, int view_height, const mjvScene& scene) {
  const bool dragging = (mouse.left || mouse.right || mouse.middle) && (mouse.dx != 0 || mouse.dy != 0);
  if (!dragging && mouse.scroll == 0) return;
  if (camera().type == mjCAMERA_FIXED) return;  // a track's own camera stays put
  const bool pans = dragging && !mouse.left;
  if (mode_ == CameraMode::broadcast || (mode_ == CameraMode::follow && pans)) {
    free_ = camera();
    free_.type = mjCAMERA_FREE;
    mode_ = CameraMode::free;
  }
  mjvCamera& cam = camera();
  const double height = view_height > 0 ? view_height : 1;
  if (mouse.scroll != 0) mjv_moveCamera(model_, mjMOUSE_ZOOM, 0, -0.05 * mouse.scroll, &scene, &cam);
  if (!dragging) return;
  int action = mjMOUSE_ZOOM;
  if (mouse.left)
    action = mouse.shift ? mjMOUSE_ROTATE_H : mjMOUSE_ROTATE_V;
  else if (mouse.right)
    action = mouse.shift ? mjMOUSE_MOVE_H : mjMOUSE_MOVE_V;
  mjv_moveCamera(model_, action, mouse.dx / height, mouse.dy / height, &scene, &cam);
}

// A field course: the whole field from above its start end, looking along +y.
void CameraRig::frame_field(const FieldCourse& field) {
  const FieldBounds& b = field.bounds;
  overview_.lookat[0] = (b.x_min + b.x_max) / 2;
  overview_.lookat[1] = 0.6 * b.y_min + 0.4 * b.y_max;
  overview_.lookat[2] = 0;
  overview_.distance = 1.15 * std::max(b.x_max - b.x_min, b.y_max - b.y_min) + 2;
  overview_.azimuth = 75;
  overview_.elevation = -58;
}

}  // namespace simarena::gui
