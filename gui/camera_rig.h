// The viewer's cameras: a free camera the mouse moves, a follow camera
// looking at the robot's trunk from a direction the mouse sets, a broadcast
// camera (the track file's `broadcast_camera`, else the arena's camera named
// "broadcast", else on a field course a follow shot from behind and above,
// else a low trackside shot list: wide on the start, a dolly following the
// robot, wide on the finish; always from the robot's place alone), and an
// overview of the whole course.
#pragma once

#include <mujoco/mujoco.h>

#include "simarena/base/messages.h"
#include "simarena/track/track_spec.h"

namespace simarena::gui {

// overview: the whole course from above and behind, for pictures of a track.
enum class CameraMode { follow, free, broadcast, overview };
inline constexpr const char* kCameraModeNames[] = {tr_noop("follow"), tr_noop("free"), tr_noop("broadcast"),
                                                   tr_noop("overview")};
inline constexpr int kCameraModeCount = 4;

struct MouseDrag {
  double dx = 0, dy = 0;  // pixels moved this frame
  bool left = false, right = false, middle = false, shift = false;
  double scroll = 0;  // wheel notches
};

class CameraRig {
 public:
  // `track` (may be null) bounds the broadcast camera's travel.
  CameraRig(const mjModel* model, int trunk_body, const Track* track);

  // Aims the follow and broadcast cameras at the trunk in `state`.
  void update(const mjData* state);

  // How the broadcast camera frames the track (the file's block or the default chosen for it).
  const BroadcastCamera& broadcast_shot() const { return shot_; }

  void set_mode(CameraMode mode);
  CameraMode mode() const { return mode_; }
  void cycle();

  // Mouse input over the 3D view (not over the overlay): left drag orbits,
  // right drag pans (shift: in the horizontal plane), the wheel zooms. The
  // follow camera orbits and zooms around the trunk; panning it, or moving
  // the broadcast camera, switches to the free camera at the same pose.
  // `scene` is the last rendered scene (panning needs its camera frame).
  void handle_mouse(const MouseDrag& mouse, int view_height, const mjvScene& scene);

  mjvCamera& camera();

 private:
  void frame_field(const FieldCourse& field);
  const mjModel* model_;
  int trunk_body_;
  double course_length_ = 0;  // m; 0: no track
  CameraMode mode_ = CameraMode::follow;
  BroadcastCamera shot_;  // trackside by default
  mjvCamera follow_, free_, broadcast_, overview_;
};

}  // namespace simarena::gui
