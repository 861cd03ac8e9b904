#include "foothold_selection.h"

#include <cmath>
#include <limits>

namespace locomotion {

FootholdSelector::FootholdSelector(const FootholdParams& params) : params_(params) {
  const int reach = static_cast<int>(std::ceil(params_.edge_margin / LocalHeightMap::kCell));
  for (int i = -reach; i <= reach; ++i)
    for (int j = -reach; j <= reach; ++j)
      if ((i != 0 || j != 0) && std::hypot(i, j) * LocalHeightMap::kCell <= params_.edge_margin + 1e-9)
        margin_cells_.push_back({i, j});
}

bool FootholdSelector::level_around(int row, int col, double h) const {
  for (const auto& [di, dj] : margin_cells_) {
    // Off the map counts as unknown ground: not safe.
    if (!map_.inside(row + di, col + dj)) return false;
    const double n = map_.height(row + di, col + dj);
    if (!std::isfinite(n) || std::abs(n - h) > params_.flatness) return false;
  }
  return true;
}

void FootholdSelector::classify(double stance_ground) {
  if (!available()) return;
  constexpr double kCorridor = 0.25;  // m either side of the centre line where a pit ahead matters
  pit_ahead_ = false;
  for (int i = 0; i < LocalHeightMap::kRows; ++i)
    for (int j = 0; j < LocalHeightMap::kCols; ++j) {
      const double h = map_.height(i, j);
      const Eigen::Vector2d at = map_.centre(i, j);
      if (at.x() > 0.0 && at.x() <= params_.lookahead && std::abs(at.y()) <= kCorridor &&
          !(h >= stance_ground - params_.max_drop))  // NaN: no ground at all
        pit_ahead_ = true;
      safe_[i * LocalHeightMap::kCols + j] = std::isfinite(h) && h >= stance_ground - params_.max_drop &&
                                             h <= stance_ground + params_.max_rise && level_around(i, j, h);
    }
}

Foothold FootholdSelector::select(const Eigen::Vector2d& raibert_at_touchdown, const Eigen::Vector2d& travel,
                                  FootholdSide keep) const {
  Foothold out{raibert_at_touchdown, 0.0, false, false};
  if (!available()) return out;
  const Eigen::Vector2d raibert = raibert_at_touchdown + travel;  // in the map's frame (the trunk now)
  const auto [row, col] = map_.cell_of(raibert);
  if (map_.inside(row, col) && safe_[row * LocalHeightMap::kCols + col]) {
    out.ground = map_.height(row, col);
    out.known = true;
    return out;
  }
  // The nearest safe cell centre (on the kept side while there is one); ties
  // go to the first in scan order (deterministic).
  const int reach = static_cast<int>(std::ceil(params_.search_radius / LocalHeightMap::kCell));
  double best = std::numeric_limits<double>::infinity(), best_kept = best;
  Foothold kept = out;
  for (int i = row - reach; i <= row + reach; ++i)
    for (int j = col - reach; j <= col + reach; ++j) {
      if (!map_.inside(i, j) || !safe_[i * LocalHeightMap::kCols + j]) continue;
      const Eigen::Vector2d centre = map_.centre(i, j);
      const double distance = (centre - raibert).norm();
      if (distance > params_.search_radius) continue;
      const FootholdSide side = centre.x() < raibert.x() ? FootholdSide::kShort : FootholdSide::kLong;
      const Foothold here{centre - travel, map_.height(i, j), true, true, side};
      if (distance < best) best = distance, out = here;
      if (side == keep && distance < best_kept) best_kept = distance, kept = here;
    }
  return kept.known ? kept : out;
}

}  // namespace locomotion
