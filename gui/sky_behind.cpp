#include "sky_behind.h"

#include <GL/gl.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>

#include "broadcast_look.h"

namespace simarena::gui {
namespace {

constexpr int kSegments = 48;  // around the camera
// Rows of the dome, degrees above the horizon: dense where the gradient changes, a little below the horizon
// for the gap between the end of the ground and it.
constexpr double kElevations[] = {-20, -6, 0, 3, 7, 12, 18, 25, 33, 45, 90};

void vertex(const float centre[3], double radius, double azimuth, double elevation) {
  // tan(elevation) is where a side face of the sky's cube shows that direction along its gradient.
  float rgb[3];
  sky_colour(std::min(1.0, std::abs(std::tan(elevation))), rgb);
  glColor4f(rgb[0], rgb[1], rgb[2], 1.0f);
  glVertex3d(centre[0] + radius * std::cos(elevation) * std::cos(azimuth),
             centre[1] + radius * std::cos(elevation) * std::sin(azimuth), centre[2] + radius * std::sin(elevation));
}

}  // namespace

void draw_sky_behind(const mjvScene& scene) {
  const mjvGLCamera& camera = scene.camera[0];
  const double radius = 0.5 * camera.frustum_far;  // inside the far plane at any angle
  constexpr std::array<GLenum, 6> kCapabilities = {GL_LIGHTING,   GL_DEPTH_TEST, GL_CULL_FACE,
                                                   GL_TEXTURE_2D, GL_FOG,        GL_BLEND};
  std::array<GLboolean, kCapabilities.size()> enabled{};
  for (size_t i = 0; i < kCapabilities.size(); ++i) enabled[i] = glIsEnabled(kCapabilities[i]);
  GLint source = 0, destination = 0;
  glGetIntegerv(GL_BLEND_SRC, &source);
  glGetIntegerv(GL_BLEND_DST, &destination);
  for (size_t i = 0; i + 1 < kCapabilities.size(); ++i) glDisable(kCapabilities[i]);
  glEnable(GL_BLEND);
  glBlendFunc(GL_ONE_MINUS_DST_ALPHA, GL_ONE);  // under what is there: no depth test needed
  glShadeModel(GL_SMOOTH);
  const double degree = M_PI / 180;
  for (size_t row = 0; row + 1 < std::size(kElevations); ++row) {
    glBegin(GL_QUAD_STRIP);
    for (int k = 0; k <= kSegments; ++k) {
      const double azimuth = 2 * M_PI * k / kSegments;
      vertex(camera.pos, radius, azimuth, kElevations[row] * degree);
      vertex(camera.pos, radius, azimuth, kElevations[row + 1] * degree);
    }
    glEnd();
  }
  glBlendFunc(static_cast<GLenum>(source), static_cast<GLenum>(destination));
  for (size_t i = 0; i < kCapabilities.size(); ++i)
    if (enabled[i])
      glEnable(kCapabilities[i]);
    else
      glDisable(kCapabilities[i]);
}

}  // namespace simarena::gui
