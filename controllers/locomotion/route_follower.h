// Guided and assisted events: turning the user's command into one that
// follows the course information's gates (SimarenaCourseInfo). On a straight
// track the gates are checkpoints: steer toward the next one. On a field
// course they are the corners of the route (width 0): hold the line of the
// leg leading to the next corner, turn on the spot where the route turns
// sharply, step around what stands in the way in the height map, slow down
// where it steps down, and duck under a low bar the course reports.
#pragma once

#include <simarena/controller.h>

#include <optional>
#include <vector>

#include "local_height_map.h"
#include "locomotion_command.h"
#include "locomotion_params.h"

namespace locomotion {

class RouteFollower {
 public:
  explicit RouteFollower(const LocomotionParams& params) : params_(params) {}

  // Whether `info` gives gates to follow now.
  static bool guided(const SimarenaCourseInfo& info) { return info.available && info.next_gate_index >= 0; }
  // Whether the course information says every gate is passed (a field
  // course's route walked to its end).
  static bool route_done(const SimarenaCourseInfo& info) {
    return info.available && info.gate_count > 0 && info.next_gate_index < 0;
  }

  // `wanted` steered along the gates of `info` (guided(info) must hold).
  LocomotionCommand follow(const SimarenaCourseInfo& info, LocomotionCommand wanted);

  // After follow(): how far ahead of the trunk (m) the ground steps down
  // across the whole way, as off the end of a deck, when the body faces along
  // the route there; none otherwise. Too deep to walk down: jump.
  std::optional<double> step_down_ahead() const { return step_down_; }
  double step_down_depth() const { return step_depth_; }  // m the ground there is lower

 private:
  LocomotionCommand follow_route(const SimarenaCourseInfo& info, LocomotionCommand wanted);
  // Sideways shift (m, + left) that clears the way ahead of things standing
  // in it (height map), or 0 when the way is clear; `line_y`: where the
  // route's line is, sideways from the body.
  struct Detour {
    bool active = false;         // something stands on the route's line ahead
    double shift = 0;            // m the body still has to move sideways to pass it
    bool close = false;          // it is close ahead in the body's own way
    std::optional<double> edge;  // m ahead where the ground steps down across the way
    double depth = 0;            // m it steps down there
  };
  Detour detour(double line_y, double corner_ahead);

  const LocomotionParams& params_;
  LocalHeightMap map_;
  std::optional<double> step_down_;
  double step_depth_ = 0;
  std::vector<Eigen::Vector2d> standing_;  // this period's cells with something standing (heading frame), reused
  int side_ = 0;  // the side chosen to pass an obstacle on (+1 left, -1 right), kept until it is passed
};

}  // namespace locomotion
