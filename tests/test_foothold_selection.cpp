// The locomotion controller's foothold selection on a height map built by
// hand: a Raibert point over a gap or at an edge moves to the nearest safe
// cell, one on level ground stays, and without a map nothing moves.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <limits>

#include "foothold_selection.h"

using locomotion::Foothold;
using locomotion::FootholdParams;
using locomotion::FootholdSelector;
using locomotion::LocalHeightMap;

namespace {

constexpr double kGround = -0.25;  // the walkway, relative to the trunk
constexpr double kPit = -0.40;

// A walkway with a gap from x = gap_from to gap_to (heading frame, m).
SimarenaCourseInfo walkway_with_gap(double gap_from, double gap_to) {
  SimarenaCourseInfo info{};
  info.struct_size = sizeof(info);
  info.available = 1;
  info.height_map_available = 1;
  for (int i = 0; i < LocalHeightMap::kRows; ++i)
    for (int j = 0; j < LocalHeightMap::kCols; ++j) {
      const double x = (i - (LocalHeightMap::kRows - 1) / 2.0) * LocalHeightMap::kCell;
      info.height_map[i * LocalHeightMap::kCols + j] = static_cast<float>(x > gap_from && x < gap_to ? kPit : kGround);
    }
  return info;
}

Foothold select(const SimarenaCourseInfo& info, Eigen::Vector2d raibert,
                Eigen::Vector2d travel = Eigen::Vector2d::Zero(),
                locomotion::FootholdSide keep = locomotion::FootholdSide::kNone) {
  FootholdSelector selector{FootholdParams{}};
  selector.update(info);
  selector.classify(kGround);
  return selector.select(raibert, travel, keep);
}

}  // namespace

TEST_CASE("footholds: level ground keeps the Raibert point and gives its height") {
  const Foothold f = select(walkway_with_gap(0.30, 0.45), {0.10, 0.05});
  CHECK(f.known);
  CHECK_FALSE(f.moved);
  CHECK(f.xy == Eigen::Vector2d(0.10, 0.05));
  CHECK(f.ground == Approx(kGround));
}

TEST_CASE("footholds: a point over a gap moves to the nearer side, clear of the edge") {
  const FootholdParams params;
  const SimarenaCourseInfo info = walkway_with_gap(0.30, 0.45);
  SECTION("near the gap's start: back before it") {
    const Foothold f = select(info, {0.33, 0.0});
    CHECK(f.known);
    CHECK(f.moved);
    CHECK(f.xy.x() < 0.30 - params.edge_margin + 1e-9);
    CHECK(f.xy.x() > 0.30 - params.edge_margin - LocalHeightMap::kCell - 1e-9);  // the nearest safe cell
    CHECK(f.ground == Approx(kGround));
  }
  SECTION("near the gap's end: on beyond it") {
    const Foothold f = select(info, {0.43, 0.0});
    CHECK(f.moved);
    CHECK(f.xy.x() > 0.45 + params.edge_margin - 1e-9);
    CHECK(f.ground == Approx(kGround));
  }
  SECTION("the map is of now: a foot landing after the trunk moved 0.2 m is looked up 0.2 m further") {
    // Relative to the trunk at touchdown, 0.13 m ahead is the gap's start now (0.33 m).
    const Foothold f = select(info, {0.13, 0.0}, {0.20, 0.0});
    CHECK(f.moved);
    CHECK(f.xy.x() + 0.20 < 0.30 - params.edge_margin + 1e-9);
  }
}

TEST_CASE("footholds: a swing keeps the side of the gap its foothold moved to") {
  using locomotion::FootholdSide;
  const FootholdParams params;
  const SimarenaCourseInfo info = walkway_with_gap(0.30, 0.45);
  // The Raibert point drifted from the gap's start (0.33 m: back before it)
  // to its end half (0.41 m), where the nearest safe cell is beyond it.
  const Foothold fresh = select(info, {0.41, 0.0});
  CHECK(fresh.side == FootholdSide::kLong);
  CHECK(fresh.xy.x() > 0.45 + params.edge_margin - 1e-9);
  const Foothold kept = select(info, {0.41, 0.0}, {0.0, 0.0}, FootholdSide::kShort);
  CHECK(kept.moved);
  CHECK(kept.side == FootholdSide::kShort);
  CHECK(kept.xy.x() < 0.30 - params.edge_margin + 1e-9);
  // No safe cell on the kept side within reach: the nearest one, either side.
  const Foothold far = select(walkway_with_gap(0.10, 0.45), {0.40, 0.0}, {0.0, 0.0}, FootholdSide::kShort);
  CHECK(far.moved);
  CHECK(far.side == FootholdSide::kLong);
  CHECK(far.xy.x() > 0.45 + params.edge_margin - 1e-9);
}

TEST_CASE("footholds: a pit wider than the search leaves the point (blind), no map, no change") {
  const Foothold wide = select(walkway_with_gap(-0.30, 0.60), {0.15, 0.0});
  CHECK_FALSE(wide.known);
  CHECK(wide.xy == Eigen::Vector2d(0.15, 0.0));

  SimarenaCourseInfo blind{};
  blind.struct_size = sizeof(blind);
  blind.available = 1;  // a guided event: the next gate, no map
  FootholdSelector selector{FootholdParams{}};
  selector.update(blind);
  CHECK_FALSE(selector.available());
  CHECK_FALSE(selector.select({0.1, 0.0}, {0.0, 0.0}).known);

  // A host older than the map: its struct ends before it.
  SimarenaCourseInfo old = walkway_with_gap(0.30, 0.45);
  old.struct_size = offsetof(SimarenaCourseInfo, height_map_available);
  selector.update(old);
  CHECK_FALSE(selector.available());
}

TEST_CASE("footholds: a pit ahead within the lookahead is reported, one behind is not") {
  FootholdSelector selector{FootholdParams{}};
  selector.update(walkway_with_gap(0.30, 0.45));
  selector.classify(kGround);
  CHECK(selector.pit_ahead());
  selector.update(walkway_with_gap(-0.50, -0.35));
  selector.classify(kGround);
  CHECK_FALSE(selector.pit_ahead());
  SimarenaCourseInfo none = walkway_with_gap(2.0, 3.0);
  none.height_map[5] = std::numeric_limits<float>::quiet_NaN();  // no ground, but far behind
  selector.update(none);
  selector.classify(kGround);
  CHECK_FALSE(selector.pit_ahead());
}
