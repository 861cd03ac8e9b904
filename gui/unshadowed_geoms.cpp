#include "unshadowed_geoms.h"

#include <GL/gl.h>

#include <algorithm>
#include <cmath>

// The display lists of MuJoCo's built-in shapes are numbered from
// mjrContext::baseBuiltin in the order of render_context.h, which is not a
// public header: this file follows MuJoCo 2.2.
static_assert(mjVERSION_HEADER >= 220 && mjVERSION_HEADER < 230, "check MuJoCo's built-in display list order");

namespace simarena::gui {
namespace {

// MuJoCo 2.2's built-in shapes, each in a unit frame: spheres of radius 1,
// cylinders from z = -1 to 1.
enum Builtin : unsigned {
  kSphere = 0,
  kSphereTop = 1,
  kSphereBottom = 2,
  kCylinder = 3,
  kCylinderOpen = 4,
  kBox = 6,
  kCone = 7
};

void draw_shape(const mjvGeom& g, const mjrContext& con) {
  const float* s = g.size;
  const auto builtin = [&](Builtin b) { glCallList(con.baseBuiltin + b); };
  switch (g.type) {
    case mjGEOM_SPHERE:
    case mjGEOM_ELLIPSOID:
      glScalef(s[0], s[1], s[2]);
      builtin(kSphere);
      break;
    case mjGEOM_BOX:
      glScalef(s[0], s[1], s[2]);
      builtin(kBox);
      break;
    case mjGEOM_CYLINDER:
      glScalef(s[0], s[1], s[2]);
      builtin(kCylinder);
      break;
    case mjGEOM_CAPSULE:  // radius s[0], half length s[2]: a tube and two half spheres
      glPushMatrix();
      glScalef(s[0], s[0], s[2]);
      builtin(kCylinderOpen);
      glPopMatrix();
      // Each half sphere's list is centred on z = +1 (top) or -1 (bottom) of its unit frame.
      for (const auto& [z, half] : {std::pair{s[2] - s[0], kSphereTop}, {s[0] - s[2], kSphereBottom}}) {
        glPushMatrix();
        glTranslatef(0, 0, z);
        glScalef(s[0], s[0], s[0]);
        builtin(half);
        glPopMatrix();
      }
      break;
    case mjGEOM_ARROW:  // a shaft s[2]/3 long from the origin, then a wider cone of s[2]/6
      glScalef(s[0], s[1], s[2] / 6);
      glTranslatef(0, 0, 1);
      builtin(kCylinder);
      glTranslatef(0, 0, 1);
      glScalef(1.75f, 1.75f, 1);
      builtin(kCone);
      break;
    case mjGEOM_MESH:
      if (g.dataid >= 0) glCallList(con.baseMesh + g.dataid);
      break;
    default:
      break;
  }
}

void draw_geom(const mjvGeom& g, const mjrContext& context) {
  const float emission[4] = {g.emission * g.rgba[0], g.emission * g.rgba[1], g.emission * g.rgba[2], 1};
  const float specular[4] = {g.specular, g.specular, g.specular, 1};
  glMaterialfv(GL_FRONT_AND_BACK, GL_EMISSION, emission);
  glMaterialfv(GL_FRONT_AND_BACK, GL_SPECULAR, specular);
  glMaterialf(GL_FRONT_AND_BACK, GL_SHININESS, g.shininess * 128.0f);
  glColor4fv(g.rgba);
  // mjvGeom::mat is row-major; OpenGL takes columns.
  const float m[16] = {g.mat[0], g.mat[3], g.mat[6], 0, g.mat[1], g.mat[4], g.mat[7], 0,
                       g.mat[2], g.mat[5], g.mat[8], 0, g.pos[0], g.pos[1], g.pos[2], 1};
  glPushMatrix();
  glMultMatrixf(m);
  draw_shape(g, context);
  glPopMatrix();
}

}  // namespace

void draw_unshadowed(std::vector<mjvGeom>& geoms, const mjvScene& scene, const mjrContext& context) {
  if (geoms.empty()) return;
  const float* eye = scene.camera[0].pos;
  for (mjvGeom& g : geoms) g.camdist = std::hypot(g.pos[0] - eye[0], g.pos[1] - eye[1], g.pos[2] - eye[2]);
  std::stable_sort(geoms.begin(), geoms.end(),
                   [](const mjvGeom& a, const mjvGeom& b) { return a.camdist < b.camdist; });
  glEnable(GL_DEPTH_TEST);
  glDepthMask(GL_FALSE);  // seen through each other and never hiding what is drawn later
  glEnable(GL_BLEND);
  glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
  glEnable(GL_LIGHTING);
  glEnable(GL_COLOR_MATERIAL);
  glColorMaterial(GL_FRONT_AND_BACK, GL_AMBIENT_AND_DIFFUSE);
  const int lights = std::min(scene.nlight, 8);  // mjr_render left their positions set
  for (int i = 0; i < lights; ++i) glEnable(GL_LIGHT0 + i);
  // Near to far, then far to near, as MuJoCo draws its translucent geoms: the same look as before.
  for (const mjvGeom& g : geoms) draw_geom(g, context);
  for (auto g = geoms.rbegin(); g != geoms.rend(); ++g) draw_geom(*g, context);
  for (int i = 0; i < lights; ++i) glDisable(GL_LIGHT0 + i);
  const float none[4] = {0, 0, 0, 1};
  glMaterialfv(GL_FRONT_AND_BACK, GL_EMISSION, none);
  glDisable(GL_BLEND);
  glDepthMask(GL_TRUE);
}

}  // namespace simarena::gui
