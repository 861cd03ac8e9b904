// The ground around the robot as an assisted event's rules give it
// (SimarenaCourseInfo.height_map): a grid in the heading frame, heights
// relative to the trunk, NaN where there is no ground. Blind events give
// none; then available() is false and nothing here is used.
#pragma once

#include <simarena/controller.h>

#include <Eigen/Dense>
#include <array>

namespace locomotion {

class LocalHeightMap {
 public:
  static constexpr int kRows = SIMARENA_HEIGHT_MAP_ROWS;  // along x (forward)
  static constexpr int kCols = SIMARENA_HEIGHT_MAP_COLS;  // along y (left)
  static constexpr double kCell = SIMARENA_HEIGHT_MAP_RESOLUTION;

  // Takes this step's map, or notes that there is none (a blind event, or a
  // host too old to send one).
  void update(const SimarenaCourseInfo& info);
  bool available() const { return available_; }

  // Ground height of cell (i, j) relative to the trunk, m; NaN: no ground.
  double height(int row, int col) const { return heights_[row * kCols + col]; }
  bool inside(int row, int col) const { return row >= 0 && row < kRows && col >= 0 && col < kCols; }
  // The cell holding point (x, y) of the heading frame (may be outside the grid).
  std::array<int, 2> cell_of(const Eigen::Vector2d& xy) const;
  Eigen::Vector2d centre(int row, int col) const;

 private:
  bool available_ = false;
  std::array<float, kRows * kCols> heights_{};
};

}  // namespace locomotion
