#include "simarena/track/height_map_scan.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace simarena {
namespace {

constexpr double kLookAbove = 1.0;  // m above the body the rays start: higher ground than that is not ground to step on
// Static geoms whose lowest point is higher than this above the floor are
// overhead (a contest's low bar): a foot cannot stand on what the robot
// passes under. Every running surface reaches down to the floor.
constexpr double kOverhead = 0.25;  // m
// Where overhead things are looked for, in the body's heading frame (m).
constexpr double kOverheadBehind = -0.3, kOverheadAhead = 1.0, kOverheadSide = 0.2;
constexpr int kOverheadSteps = 26;         // samples along the body, 5 cm apart
constexpr double kOverheadLookFrom = 0.1;  // m below the base body: under the trunk, above the feet's reach of bars
constexpr double kUnbounded = std::numeric_limits<double>::infinity();

// The xy extent of static geom `g` as placed in `data` (a box's corners; a
// sphere around anything else); planes reach everywhere.
std::array<double, 4> xy_extent(const mjModel* m, const mjData* d, int g) {
  const mjtNum* p = d->geom_xpos + 3 * g;
  if (m->geom_type[g] == mjGEOM_PLANE) return {-kUnbounded, kUnbounded, -kUnbounded, kUnbounded};
  double hx = m->geom_rbound[g], hy = m->geom_rbound[g];
  if (m->geom_type[g] == mjGEOM_BOX) {
    const mjtNum* r = d->geom_xmat + 9 * g;
    const mjtNum* s = m->geom_size + 3 * g;
    hx = std::abs(r[0]) * s[0] + std::abs(r[1]) * s[1] + std::abs(r[2]) * s[2];
    hy = std::abs(r[3]) * s[0] + std::abs(r[4]) * s[1] + std::abs(r[5]) * s[2];
  }
  return {p[0] - hx, p[0] + hx, p[1] - hy, p[1] + hy};
}

// The lowest point of static geom `g` as placed in `data`.
double lowest_z(const mjModel* m, const mjData* d, int g) {
  const mjtNum* r = d->geom_xmat + 9 * g;
  const mjtNum* s = m->geom_size + 3 * g;
  const double z = d->geom_xpos[3 * g + 2];
  switch (m->geom_type[g]) {
    case mjGEOM_PLANE:
      return -kUnbounded;
    case mjGEOM_BOX:
      return z - (std::abs(r[6]) * s[0] + std::abs(r[7]) * s[1] + std::abs(r[8]) * s[2]);
    case mjGEOM_SPHERE:
      return z - s[0];
    case mjGEOM_CAPSULE:
    case mjGEOM_CYLINDER:  // axis along the local z; the round part reaches radius * |sin| below it
      return z - (std::abs(r[8]) * s[1] + s[0] * std::sqrt(std::max(0.0, 1 - r[8] * r[8])));
    default:
      return z - m->geom_rbound[g];
  }
}

}  // namespace

HeightMapScan::HeightMapScan(const World& world) : base_body_(world.base_body()) {
  const mjModel* m = world.model();
  // Static geoms sit where the model puts them: a forward pass on fresh data places them.
  DataPtr data(mj_makeData(m));
  world.reset(data.get());
  mj_kinematics(m, data.get());
  for (int g = 0; g < m->ngeom; ++g) {
    if (m->geom_bodyid[g] != 0 || (m->geom_contype[g] == 0 && m->geom_conaffinity[g] == 0)) continue;
    // A bar to pass under is not ground.
    (lowest_z(m, data.get(), g) > kOverhead ? overhead_ : ground_).push_back({g, xy_extent(m, data.get(), g)});
  }
}

double HeightMapScan::overhead_underside(const mjModel* m, const mjData* d, double x, double y, double from) const {
  const mjtNum start[3] = {x, y, from};
  const mjtNum up[3] = {0, 0, 1};
  double nearest = -1;
  for (const GroundGeom& g : overhead_) {
    if (x < g.xy_box[0] || x > g.xy_box[1] || y < g.xy_box[2] || y > g.xy_box[3]) continue;
    const int id = g.id;
    const double distance =
        mju_rayGeom(d->geom_xpos + 3 * id, d->geom_xmat + 9 * id, m->geom_size + 3 * id, start, up, m->geom_type[id]);
    if (distance >= 0 && (nearest < 0 || distance < nearest)) nearest = distance;
  }
  return nearest >= 0 ? from + nearest : std::numeric_limits<double>::quiet_NaN();
}

double HeightMapScan::ground_height(const mjModel* m, const mjData* d, double x, double y, double top,
                                    double bottom) const {
  const mjtNum from[3] = {x, y, top};
  const mjtNum down[3] = {0, 0, -1};
  double nearest = top - bottom;
  bool hit = false;
  for (const GroundGeom& g : ground_) {
    if (x < g.xy_box[0] || x > g.xy_box[1] || y < g.xy_box[2] || y > g.xy_box[3]) continue;
    const int id = g.id;
    double distance = -1;
    switch (m->geom_type[id]) {
      case mjGEOM_HFIELD:
        distance = mj_rayHfield(m, d, id, from, down);
        break;
      case mjGEOM_MESH:
        distance = mj_rayMesh(m, d, id, from, down);
        break;
      default:
        distance = mju_rayGeom(d->geom_xpos + 3 * id, d->geom_xmat + 9 * id, m->geom_size + 3 * id, from, down,
                               m->geom_type[id]);
    }
    if (distance >= 0 && distance <= nearest) {
      nearest = distance;
      hit = true;
    }
  }
  return hit ? top - nearest : std::numeric_limits<double>::quiet_NaN();
}

void HeightMapScan::fill(const mjModel* m, const mjData* d, SimarenaCourseInfo& info) const {
  const mjtNum* p = d->xpos + 3 * base_body_;
  const mjtNum* r = d->xmat + 9 * base_body_;
  const double yaw = std::atan2(r[3], r[0]);  // heading of the body's x axis
  const double c = std::cos(yaw), s = std::sin(yaw);
  const double top = p[2] + kLookAbove, bottom = p[2] - SIMARENA_HEIGHT_MAP_DEPTH;
  const double cell = SIMARENA_HEIGHT_MAP_RESOLUTION;
  info.height_map_available = 1;
  for (int i = 0; i < SIMARENA_HEIGHT_MAP_ROWS; ++i)
    for (int j = 0; j < SIMARENA_HEIGHT_MAP_COLS; ++j) {
      const double x = (i - (SIMARENA_HEIGHT_MAP_ROWS - 1) / 2.0) * cell;
      const double y = (j - (SIMARENA_HEIGHT_MAP_COLS - 1) / 2.0) * cell;
      const double h = ground_height(m, d, p[0] + c * x - s * y, p[1] + s * x + c * y, top, bottom);
      info.height_map[i * SIMARENA_HEIGHT_MAP_COLS + j] = static_cast<float>(h - p[2]);
    }
  // Overhead: looked for upward from below the body's belly, over the ground found there.
  double clearance = std::numeric_limits<double>::quiet_NaN();
  if (!overhead_.empty())
    for (int i = 0; i <= kOverheadSteps; ++i)
      for (const double y : {-kOverheadSide, 0.0, kOverheadSide}) {
        const double x = kOverheadBehind + (kOverheadAhead - kOverheadBehind) * i / kOverheadSteps;
        const double wx = p[0] + c * x - s * y, wy = p[1] + s * x + c * y;
        const double underside = overhead_underside(m, d, wx, wy, p[2] - kOverheadLookFrom);
        if (std::isnan(underside)) continue;
        const double ground = ground_height(m, d, wx, wy, underside, bottom);
        const double above = underside - (std::isnan(ground) ? bottom : ground);
        if (std::isnan(clearance) || above < clearance) clearance = above;
      }
  info.overhead_clearance = static_cast<float>(clearance);
}

}  // namespace simarena
