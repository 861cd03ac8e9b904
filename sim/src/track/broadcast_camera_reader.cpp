#include "broadcast_camera_reader.h"

#include <cstdio>

#include "simarena/base/formatted.h"

namespace simarena {
namespace {

// The value of `key` (or `fallback` when absent) within lo..hi, else an error saying the range.
double ranged(const YamlFile& f, const YAML::Node& node, const char* key, double lo, double hi, double fallback) {
  if (!node[key].IsDefined() || node[key].IsNull()) return fallback;
  const double value = f.number(node, key);
  if (value < lo || value > hi)
    f.fail(node[key], Message(tr_noop("'%s' is %s; allowed: %s to %s"), key, shown_number(value), shown_number(lo),
                              shown_number(hi)));
  return value;
}

}  // namespace

BroadcastCamera read_broadcast_camera(const YamlFile& f, const YAML::Node& block) {
  f.expect_map(block, tr_noop("'broadcast_camera' (style, distance, azimuth_deg, elevation_deg, lookat)"));
  f.only_keys(block, {"style", "distance", "azimuth_deg", "elevation_deg", "lookat"});
  BroadcastCamera c;
  c.line = block.Mark().line + 1;
  const std::string style = f.choice(block, "style", {"trackside", "follow", "fixed"});
  c.style = style == "follow"  ? BroadcastStyle::follow
            : style == "fixed" ? BroadcastStyle::fixed
                               : BroadcastStyle::trackside;
  if (c.style == BroadcastStyle::trackside && block["azimuth_deg"].IsDefined())
    f.fail(block["azimuth_deg"], tr_noop("a trackside camera stands beside the lane; azimuth_deg applies to the "
                                         "follow and fixed styles"));
  if (c.style == BroadcastStyle::fixed) {
    const std::vector<double> at = f.numbers(block, "lookat", 3);
    c.lookat = {at[0], at[1], at[2]};
  } else if (block["lookat"].IsDefined()) {
    f.fail(block["lookat"], tr_noop("the trackside and follow cameras look at the robot; lookat applies to the "
                                    "fixed style"));
  }
  c.distance = ranged(f, block, "distance", 0.5, 100, c.distance);
  c.azimuth_deg = ranged(f, block, "azimuth_deg", -360, 360, c.azimuth_deg);
  c.elevation_deg = ranged(f, block, "elevation_deg", -89, 0, c.elevation_deg);
  return c;
}

}  // namespace simarena
