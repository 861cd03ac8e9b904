#include "broadcast_look.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string_view>
#include <variant>
#include <vector>

#include "simarena/track/track_mjcf.h"

namespace simarena::gui {
namespace {

// m around the robot covered by the sun's shadow map (the robot and its shadow): wider gives blocky
// shadows.
constexpr double kShadowRadius = 1.6;
constexpr int kSkyTexels = 64;       // per side of the sky's image (the floor checker's first texels are reused)
constexpr double kSideMargin = 0.3;  // m of surface beside the lane (track_mjcf.cpp draws the same)
constexpr double kRunout = 1.0;      // m past the finish line (track_mjcf.cpp)
// Heights above the surface, far enough apart for a 24-bit depth buffer at
// 30 m: the lane's paint, its edge lines, the start/finish/checkpoint lines.
constexpr double kLanePaint = 0.002;
constexpr double kEdgeLine = 0.004;
constexpr double kLineLift = 0.006;

struct Colour {
  const char* material;
  float rgba[4];
};
// Event colours: a terracotta running surface on green ground, white lines, a
// blue checkpoint, a gold finish.
constexpr Colour kEventColours[] = {
    {"floor", {0.32f, 0.46f, 0.28f, 1}},      {"course", {0.72f, 0.34f, 0.25f, 1}},
    {"rough", {0.55f, 0.42f, 0.30f, 1}},      {"stone", {0.66f, 0.66f, 0.68f, 1}},
    {"pit", {0.13f, 0.12f, 0.11f, 1}},        {"wall", {0.85f, 0.90f, 0.96f, 0.35f}},
    {"post", {0.96f, 0.96f, 0.96f, 1}},       {"bar", {0.95f, 0.20f, 0.15f, 1}},
    {"start_line", {0.98f, 0.98f, 0.98f, 1}}, {"checkpoint", {0.15f, 0.55f, 1.0f, 1}},
    {"finish_line", {1.0f, 0.82f, 0.10f, 1}},
};
constexpr float kLaneRgba[4] = {0.72f, 0.34f, 0.25f, 1};
constexpr float kLineRgba[4] = {0.97f, 0.97f, 0.97f, 1};
constexpr float kGridRgba[4] = {0.40f, 0.55f, 0.36f, 1};

// A vertical gradient, pale at the horizon (the middle row) and blue towards
// both edges, so it reads the same whichever way up the cube's side faces are.
void paint_sky(mjModel* m, int tex) {
  const int w = m->tex_width[tex], h = m->tex_height[tex];
  mjtByte* rgb = m->tex_rgb + m->tex_adr[tex];
  for (int row = 0; row < h; ++row) {
    float shade[3];
    sky_colour(std::abs(2.0f * static_cast<float>(row) / static_cast<float>(h - 1) - 1.0f), shade);
    mjtByte colour[3];
    for (int c = 0; c < 3; ++c) colour[c] = static_cast<mjtByte>(255.0f * shade[c]);
    for (int col = 0; col < w; ++col) std::memcpy(rgb + 3 * (static_cast<size_t>(row) * w + col), colour, 3);
  }
}

mjvGeom* add_geom(mjvScene& scene, int type, const mjtNum size[3], const mjtNum pos[3], const mjtNum mat[9],
                  const float rgba[4]) {
  if (scene.ngeom >= scene.maxgeom) return nullptr;
  mjvGeom* g = scene.geoms + scene.ngeom;
  mjv_initGeom(g, type, size, pos, mat, rgba);
  g->category = mjCAT_DECOR;
  g->segid = scene.ngeom++;
  return g;
}

// A thin painted box from (x0, y, h0) to (x1, y, h1), `lift` above that surface.
void paint(mjvScene& scene, double x0, double x1, double h0, double h1, double y, double half_width, double lift,
           const float rgba[4]) {
  const double angle = std::atan2(h1 - h0, x1 - x0);
  const double c = std::cos(angle), s = std::sin(angle);
  // A finite plane: one face, no thickness to shadow itself (size[2]: the grid the renderer subdivides it by).
  const mjtNum size[3] = {std::hypot(x1 - x0, h1 - h0) / 2, half_width, 0.25};
  const mjtNum pos[3] = {(x0 + x1) / 2, y, (h0 + h1) / 2 + lift / c};
  const mjtNum mat[9] = {c, 0, -s, 0, 1, 0, s, 0, c};
  if (mjvGeom* g = add_geom(scene, mjGEOM_PLANE, size, pos, mat, rgba)) g->shininess = 0.1f;
}

struct Piece {
  double x0, x1, h0, h1;
};

// Where the lane has a running surface that lines can be painted on: the
// start area, flat and hurdle stretches, slopes, each stair tread, the runout.
std::vector<Piece> paintable_pieces(const Track& track) {
  std::vector<Piece> pieces;
  const double first = track.course.empty() ? 0.0 : track.course.front().start_height;
  pieces.push_back({std::min(track.start.x, 0.0) - 1.0, 0.0, first, first});
  for (const CourseElement& e : track.course) {
    if (std::holds_alternative<FlatElement>(e.shape) || std::holds_alternative<HurdlesElement>(e.shape)) {
      pieces.push_back({e.start_x, e.end_x(), e.start_height, e.start_height});
    } else if (std::holds_alternative<SlopeElement>(e.shape)) {
      pieces.push_back({e.start_x, e.end_x(), e.start_height, e.end_height});
    } else if (const auto* stairs = std::get_if<StairsElement>(&e.shape)) {
      for (int k = 0; k < stairs->steps; ++k) {
        const double top = e.start_height + (k + 1) * stairs->step_height;
        pieces.push_back({e.start_x + k * stairs->tread, e.start_x + (k + 1) * stairs->tread, top, top});
      }
    }
  }
  const double end = track.course.empty() ? 0.0 : track.course.back().end_height;
  pieces.push_back({track.length(), track.length() + kRunout, end, end});
  return pieces;
}

void add_lane_markings(mjvScene& scene, const Track& track) {
  const double half_lane = track.lane.width / 2;
  for (const Piece& p : paintable_pieces(track)) {
    // On the floor there is no raised surface: paint the running lane itself.
    if (std::abs(p.h0) < 1e-6 && std::abs(p.h1) < 1e-6)
      paint(scene, p.x0, p.x1, p.h0, p.h1, 0.0, half_lane + kSideMargin, kLanePaint, kLaneRgba);
    for (int side : {-1, 1})
      paint(scene, p.x0, p.x1, p.h0, p.h1, side * (half_lane - 0.03), 0.025, kEdgeLine, kLineRgba);
  }
}

void add_floor_grid(mjvScene& scene) {
  constexpr int kHalf = 8;  // m each way from the origin
  for (int i = -kHalf; i <= kHalf; ++i) {
    paint(scene, -kHalf, kHalf, 0, 0, i, 0.008, kEdgeLine, kGridRgba);
    const mjtNum size[3] = {0.008, kHalf, 0.25};
    const mjtNum pos[3] = {static_cast<double>(i), 0, kEdgeLine};
    add_geom(scene, mjGEOM_PLANE, size, pos, nullptr, kGridRgba);
  }
}

bool is_painted_line(const mjModel* m, const mjvGeom& g) {
  if (g.objtype != mjOBJ_GEOM || g.type != mjGEOM_BOX || m->geom_bodyid[g.objid] != 0) return false;
  const char* name = mj_id2name(m, mjOBJ_GEOM, g.objid);
  return name && std::string_view(name).starts_with(kMarkPrefix) && g.size[2] < 0.01f;
}

// A painted line (a thin box) drawn as its top face only, lifted clear of the surface below: paint casts no
// shadow (MuJoCo's shadow pass culls faces turned to the light, so an upward plane never lands in the shadow
// map) and cannot fight with the surface for depth.
void paint_over(mjvGeom& g) {
  const float lift = g.size[2] + static_cast<float>(kLineLift - 0.001);
  for (int k = 0; k < 3; ++k) g.pos[k] += lift * g.mat[3 * k + 2];  // along the box's own z (its top's normal)
  g.type = mjGEOM_PLANE;
  g.size[2] = 0.25f;  // the grid a plane is drawn with
  g.shininess = 0.1f;
}

// MuJoCo draws an infinite plane as a 200x200 grid (two thirds of a scene's triangles: llvmpipe sets up,
// bins and rasterises each, about 10 ms of a 1080p frame); a finite one as large as the far clip, in an 8x8
// grid, looks the same (the lights are directional, the floor's specular faint) at a fraction of the cost.
void make_floors_finite(mjModel* m) {
  constexpr int kGrid = 8;
  const double reach = m->vis.map.zfar * m->stat.extent;
  if (reach <= 0) return;
  for (int i = 0; i < m->ngeom; ++i) {
    mjtNum* size = m->geom_size + 3 * i;
    if (m->geom_type[i] != mjGEOM_PLANE || size[0] != 0 || size[1] != 0) continue;
    size[0] = size[1] = reach;
    size[2] = 2 * reach / kGrid;  // the grid line spacing
  }
}

}  // namespace

void sky_colour(double t, float rgb[3]) {
  constexpr float kZenith[3] = {0.28f, 0.50f, 0.84f};
  constexpr float kHorizon[3] = {0.82f, 0.89f, 0.96f};
  const float curve = std::pow(static_cast<float>(t), 0.7f);
  for (int c = 0; c < 3; ++c) rgb[c] = kHorizon[c] + (kZenith[c] - kHorizon[c]) * curve;
}

void restyle_for_broadcast(mjModel* m, const LookOptions& options) {
  const int floor = mj_name2id(m, mjOBJ_MATERIAL, "floor");
  const int tex = floor >= 0 ? m->mat_texid[floor] : -1;
  // The checker only ever textures the floor: it becomes the sky (a square
  // image is used on all six faces of the sky box).
  if (tex >= 0 && m->tex_width[tex] == m->tex_height[tex] && m->tex_type[tex] == mjTEXTURE_2D) {
    m->mat_texid[floor] = -1;
    m->tex_type[tex] = mjTEXTURE_SKYBOX;
    // A smooth gradient needs few texels, and a small sky is quicker for llvmpipe to sample at every pixel.
    m->tex_width[tex] = m->tex_height[tex] = std::min(m->tex_width[tex], kSkyTexels);
    paint_sky(m, tex);
  }
  for (const Colour& colour : kEventColours)
    if (const int id = mj_name2id(m, mjOBJ_MATERIAL, colour.material); id >= 0)
      std::copy(colour.rgba, colour.rgba + 4, m->mat_rgba + 4 * id);
  if (!options.mirror_floor)
    for (int i = 0; i < m->nmat; ++i) m->mat_reflectance[i] = 0;
  if (floor >= 0) m->mat_specular[floor] = 0.05f;
  m->vis.headlight.ambient[0] = m->vis.headlight.ambient[1] = m->vis.headlight.ambient[2] = 0.32f;
  m->vis.headlight.diffuse[0] = m->vis.headlight.diffuse[1] = m->vis.headlight.diffuse[2] = 0.35f;
  // 1024 texels over the 3.2 m around the robot: 3 mm each, as crisp on screen as 2048 and quicker for llvmpipe.
  m->vis.quality.shadowsize = 1024;
  // The shadow map covers kShadowRadius around the light's position, which
  // dress_scene keeps over the robot: sharp where it matters.
  if (m->stat.extent > 0) m->vis.map.shadowclip = static_cast<float>(kShadowRadius / m->stat.extent);
  m->vis.quality.offsamples = 0;  // multisampling costs llvmpipe 4x per pixel
  if (options.preset == RenderPreset::fast) make_floors_finite(m);
}

void dress_scene(const mjModel* m, mjvScene& scene, const LookOptions& options, const Track* track,
                 const mjtNum focus[3]) {
  const bool broadcast = options.preset == RenderPreset::broadcast;
  scene.flags[mjRND_SHADOW] = broadcast;
  scene.flags[mjRND_REFLECTION] = broadcast && options.mirror_floor;
  scene.flags[mjRND_SKYBOX] = broadcast;  // the fast preset draws its sky itself (sky_behind.h)
  for (int i = 0; i < scene.nlight; ++i) {
    mjvLight& light = scene.lights[i];
    if (!light.directional || light.headlight) continue;
    for (int k = 0; k < 3; ++k) light.pos[k] = static_cast<float>(focus[k] - 6.0 * light.dir[k]);
  }
  for (int i = 0; i < scene.ngeom; ++i)
    if (is_painted_line(m, scene.geoms[i])) paint_over(scene.geoms[i]);
  if (!track)
    add_floor_grid(scene);
  else if (!track->field)  // a field course has its own painted lines and no lane along x
    add_lane_markings(scene, *track);
}

void add_robot_marker(mjvScene& scene, const mjtNum at[3], const float rgba[4], double height, double length) {
  const mjtNum size[3] = {0.23 * length, 0.23 * length, length};
  const mjtNum pos[3] = {at[0], at[1], at[2] + height + size[2]};
  const mjtNum down[9] = {1, 0, 0, 0, -1, 0, 0, 0, -1};
  if (mjvGeom* g = add_geom(scene, mjGEOM_ARROW, size, pos, down, rgba)) g->emission = 0.5f;
}

}  // namespace simarena::gui
