#include "local_height_map.h"

#include <cmath>
#include <cstddef>
#include <cstring>

namespace locomotion {

namespace {
constexpr size_t kMapEnd = offsetof(SimarenaCourseInfo, height_map) + sizeof(SimarenaCourseInfo::height_map);
constexpr double kRowCentre = (LocalHeightMap::kRows - 1) / 2.0;
constexpr double kColCentre = (LocalHeightMap::kCols - 1) / 2.0;
}  // namespace

void LocalHeightMap::update(const SimarenaCourseInfo& info) {
  available_ = info.struct_size >= kMapEnd && info.available != 0 && info.height_map_available != 0;
  if (available_) std::memcpy(heights_.data(), info.height_map, sizeof(heights_));
}

std::array<int, 2> LocalHeightMap::cell_of(const Eigen::Vector2d& xy) const {
  return {static_cast<int>(std::lround(xy.x() / kCell + kRowCentre)),
          static_cast<int>(std::lround(xy.y() / kCell + kColCentre))};
}

Eigen::Vector2d LocalHeightMap::centre(int row, int col) const {
  return {(row - kRowCentre) * kCell, (col - kColCentre) * kCell};
}

}  // namespace locomotion
