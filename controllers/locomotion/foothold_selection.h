// Foothold selection on the height map of assisted events: a swing foot
// whose Raibert point lies over a gap, an edge or a step's riser lands
// instead on the nearest safe cell: ground at a height the leg can reach
// (within max_drop / max_rise of the stance feet's ground), level with every
// cell within edge_margin of it. Where the map says nothing (blind events,
// or no safe cell within search_radius), the Raibert point stands.
#pragma once

#include <Eigen/Dense>
#include <array>
#include <vector>

#include "local_height_map.h"

namespace locomotion {

struct FootholdParams {
  bool enabled = true;         // use the height map when the event gives one
  double search_radius = 0.2;  // m around the Raibert point to look for a safe cell
  double edge_margin = 0.04;   // m: every cell this close must be ground within `flatness`
  double flatness = 0.02;      // m of height difference that still counts as level
  double max_drop = 0.10;      // m below the stance feet's ground still reachable (deeper: a pit)
  double max_rise = 0.10;      // m above it still reachable
  double careful_speed = 0.7;  // m/s, the most forward speed while a pit or gap lies ahead
  double lookahead = 0.6;      // m ahead of the trunk (within 0.25 m of its centre line) where one counts
};

// Which way a moved foothold went from its Raibert point, along x.
enum class FootholdSide { kNone, kShort, kLong };

struct Foothold {
  Eigen::Vector2d xy;  // heading frame, relative to the trunk, m
  double ground = 0;   // ground height there, relative to the trunk, m
  bool known = false;  // false: no safe cell found (or no map): xy is the Raibert point, ground unknown
  bool moved = false;  // the Raibert point was unsafe and xy is another cell
  FootholdSide side = FootholdSide::kNone;  // moved: short of the Raibert point or beyond it
};

class FootholdSelector {
 public:
  explicit FootholdSelector(const FootholdParams& params);

  // This step's map (none in blind events).
  void update(const SimarenaCourseInfo& info) { map_.update(info); }
  // Marks the safe cells; `stance_ground` is the ground under the stance
  // feet, relative to the trunk (m), against which drops and rises are judged.
  void classify(double stance_ground);
  bool available() const { return params_.enabled && map_.available(); }

  // A pit or gap (no ground within max_drop) within `lookahead` ahead, as of
  // the last classify().
  bool pit_ahead() const { return available() && pit_ahead_; }

  // Where a foot aimed at `raibert` (heading frame, relative to the trunk
  // at touchdown) lands, when the trunk moves by `travel` before then (m):
  // the map is looked up at raibert + travel, the answer is relative to the
  // trunk at touchdown again. `keep` is the side this swing's foothold was
  // moved to so far: while the Raibert point is unsafe and a safe cell on
  // that side is within reach the foot stays on it, so a Raibert point
  // drifting across a gap's middle late in the swing does not throw the foot
  // from one edge to the other. A safe Raibert point still stands.
  Foothold select(const Eigen::Vector2d& raibert, const Eigen::Vector2d& travel,
                  FootholdSide keep = FootholdSide::kNone) const;

 private:
  bool level_around(int row, int col, double h) const;

  FootholdParams params_;
  std::vector<std::array<int, 2>> margin_cells_;  // (row, column) offsets within edge_margin of a cell
  LocalHeightMap map_;
  std::array<bool, LocalHeightMap::kRows * LocalHeightMap::kCols> safe_{};
  bool pit_ahead_ = false;
};

}  // namespace locomotion
