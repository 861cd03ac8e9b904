// Where a field course's seeded parts stand for one run: the ball grid's
// targets (one per row and per column, never in an always-plain cell) and
// the tunnel's items (shuffled over the channels, slid along them). Seed 0
// gives the published layout (the official simulator world's); any other
// seed a layout drawn from it with SeededRandom, the same on every machine.
// The referee of a later phase places the same layout from the same seed.
#pragma once

#include <cstdint>
#include <vector>

#include "simarena/track/field_course.h"

namespace simarena {

struct TunnelPlacement {
  std::vector<int> target_channel, obstacle_channel;  // per item (as listed), 0-based channel
  std::vector<double> target_y, obstacle_y;           // per item, the anchor's y
};

struct FieldLayout {
  // Every object at its place: the fixed ones, then each grid's balls row by
  // row (R1C1, R1C2, ...), then each tunnel's target items' objects and its
  // obstacle items' objects. MJCF names follow this order (field_mjcf.h).
  std::vector<FieldObject> objects;
  std::vector<std::vector<int>> target_columns;  // per grid: the target's column (1-based) in each row
  std::vector<TunnelPlacement> tunnels;
};

FieldLayout place_field(const FieldCourse& course, uint64_t run_seed);

// Every arrangement a grid allows (columns per row, 1-based), in lexicographic order.
std::vector<std::vector<int>> grid_arrangements(const BallGrid& grid);

}  // namespace simarena
