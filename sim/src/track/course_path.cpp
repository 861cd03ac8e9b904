#include "simarena/track/course_path.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace simarena {

double path_length(const std::vector<Vec2>& path) {
  double total = 0;
  for (size_t i = 1; i < path.size(); ++i) total += std::hypot(path[i].x - path[i - 1].x, path[i].y - path[i - 1].y);
  return total;
}

PathPoint locate_on_path(const std::vector<Vec2>& path, double x, double y, double lo, double hi) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  constexpr double kTie = 1e-9;  // m: equally near within this, the later point wins
  double best_s = std::clamp(0.0, lo, hi), best_d = kInf, s0 = 0;
  for (size_t i = 1; i < path.size(); ++i) {
    const Vec2 a = path[i - 1], b = path[i];
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    const double t_lo = std::max(i == 1 ? -kInf : 0.0, (lo - s0) / length);
    const double t_hi = std::min(i + 1 == path.size() ? kInf : 1.0, (hi - s0) / length);
    if (t_lo <= t_hi) {
      const double t = std::clamp(((x - a.x) * (b.x - a.x) + (y - a.y) * (b.y - a.y)) / (length * length), t_lo, t_hi);
      const double d = std::hypot(a.x + t * (b.x - a.x) - x, a.y + t * (b.y - a.y) - y);
      if (d < best_d - kTie || d <= best_d + kTie) {
        best_s = d < best_d - kTie ? s0 + t * length : std::max(best_s, s0 + t * length);
        best_d = std::min(best_d, d);
      }
    }
    s0 += length;
  }
  return {best_s, best_d};
}

PathPose point_on_path(const std::vector<Vec2>& path, double s) {
  if (path.size() < 2) return {path.empty() ? Vec2{} : path.front(), 0};
  double s0 = 0;
  for (size_t i = 1; i < path.size(); ++i) {
    const Vec2 a = path[i - 1], b = path[i];
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    if (length <= 0) continue;
    if (s < s0 + length || i + 1 == path.size()) {
      const double t = std::clamp((s - s0) / length, 0.0, 1.0);
      return {{a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)}, std::atan2(b.y - a.y, b.x - a.x)};
    }
    s0 += length;
  }
  return {path.back(), 0};
}

RouteCorner next_route_corner(const std::vector<Vec2>& path, double s, double reach) {
  double at = 0;
  for (size_t i = 0; i < path.size(); ++i) {
    if (i > 0) at += std::hypot(path[i].x - path[i - 1].x, path[i].y - path[i - 1].y);
    if (at <= s + reach) continue;
    // The leg into it, along which the robot comes (the first corner: the leg leaving it).
    const Vec2 a = i > 0 ? path[i - 1] : path[i];
    const Vec2 b = i > 0 ? path[i] : path[std::min(i + 1, path.size() - 1)];
    const double heading = std::atan2(b.y - a.y, b.x - a.x);
    return {static_cast<int>(i), {path[i], heading}};
  }
  return {};
}

}  // namespace simarena
