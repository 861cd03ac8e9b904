#include "simarena/track/painted_line.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace simarena {
namespace {

double radians(double deg) { return deg * std::numbers::pi / 180; }

}  // namespace

double line_length(const PaintedLine& line) {
  if (const auto* s = std::get_if<LineSegment>(&line.shape))
    return std::hypot(s->to.x - s->from.x, s->to.y - s->from.y);
  const LineArc& a = std::get<LineArc>(line.shape);
  return std::abs(radians(a.to_deg - a.from_deg)) * a.radius;
}

Vec2 line_point(const PaintedLine& line, double s) {
  const double total = line_length(line);
  const double f = total > 0 ? s / total : 0;
  if (const auto* seg = std::get_if<LineSegment>(&line.shape))
    return {seg->from.x + (seg->to.x - seg->from.x) * f, seg->from.y + (seg->to.y - seg->from.y) * f};
  const LineArc& a = std::get<LineArc>(line.shape);
  const double angle = radians(a.from_deg + (a.to_deg - a.from_deg) * f);
  return {a.centre.x + a.radius * std::cos(angle), a.centre.y + a.radius * std::sin(angle)};
}

std::vector<std::pair<double, double>> painted_pieces(const PaintedLine& line) {
  const double total = line_length(line);
  if (line.style == LineStyle::solid) return {{0.0, total}};
  std::vector<std::pair<double, double>> out;
  for (int k = 0;; ++k) {
    const double s0 = k * (line.dash + line.gap);
    if (s0 >= total - 1e-9) break;
    out.emplace_back(s0, std::min(s0 + line.dash, total));
  }
  return out;
}

double distance_to_paint(const PaintedLine& line, double x, double y) {
  // The point in the line's own terms: how far along the centre line (may be
  // before 0 or past the end) and how far across it.
  double along = 0, across = 0;
  if (const auto* seg = std::get_if<LineSegment>(&line.shape)) {
    const double dx = seg->to.x - seg->from.x, dy = seg->to.y - seg->from.y, length = std::hypot(dx, dy);
    along = ((x - seg->from.x) * dx + (y - seg->from.y) * dy) / length;
    across = std::abs((x - seg->from.x) * dy - (y - seg->from.y) * dx) / length;
  } else {
    // Along an arc: the angle from its start in its direction, times the
    // radius (exact on the centre line's circle, where feet meet the paint).
    const LineArc& a = std::get<LineArc>(line.shape);
    const double sweep = radians(a.to_deg - a.from_deg), span = std::abs(sweep);
    double turn = std::atan2(y - a.centre.y, x - a.centre.x) - radians(a.from_deg);
    if (sweep < 0) turn = -turn;
    turn = std::remainder(turn - span / 2, 2 * std::numbers::pi) + span / 2;  // centred on the arc's middle
    along = turn * a.radius;
    across = std::abs(std::hypot(x - a.centre.x, y - a.centre.y) - a.radius);
  }
  const double outside_across = std::max(0.0, across - line.width / 2);
  double best = std::numeric_limits<double>::infinity();
  for (const auto& [s0, s1] : painted_pieces(line))
    best = std::min(best, std::hypot(std::max({0.0, s0 - along, along - s1}), outside_across));
  return best;
}

}  // namespace simarena
