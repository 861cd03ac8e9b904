// A PNG the viewer wrote, as RGB pixels, with the comparisons the viewer
// tests make. stb_image's implementation is compiled in test_viewer.cpp.
#pragma once

#include <stb/stb_image.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

namespace simarena::test {

struct RgbImage {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;

  explicit RgbImage(const std::string& path) {
    int channels = 0;
    unsigned char* pixels = stbi_load(path.c_str(), &width, &height, &channels, 3);
    REQUIRE(pixels != nullptr);
    rgb.assign(pixels, pixels + 3 * static_cast<size_t>(width) * height);
    stbi_image_free(pixels);
  }

  // Mean absolute channel difference to `other` over a rectangle given in
  // fractions of the image.
  double difference(const RgbImage& other, double x0, double y0, double x1, double y1) const {
    double sum = 0;
    long count = 0;
    for (int y = static_cast<int>(y0 * height); y < static_cast<int>(y1 * height); ++y)
      for (int x = static_cast<int>(x0 * width); x < static_cast<int>(x1 * width); ++x)
        for (int c = 0; c < 3; ++c, ++count) {
          const size_t i = 3 * (static_cast<size_t>(y) * width + x) + c;
          sum += std::abs(static_cast<int>(rgb[i]) - static_cast<int>(other.rgb[i]));
        }
    return sum / count;
  }

  // Pixels where some channel differs by more than `threshold`.
  long pixels_differing(const RgbImage& other, int threshold) const {
    REQUIRE(rgb.size() == other.rgb.size());
    long count = 0;
    for (size_t p = 0; p < rgb.size(); p += 3)
      for (size_t c = 0; c < 3; ++c)
        if (std::abs(static_cast<int>(rgb[p + c]) - static_cast<int>(other.rgb[p + c])) > threshold) {
          ++count;
          break;
        }
    return count;
  }

  double brightness_spread() const {
    double sum = 0, square = 0;
    for (unsigned char v : rgb) {
      sum += v;
      square += static_cast<double>(v) * v;
    }
    const double n = static_cast<double>(rgb.size());
    return std::sqrt(square / n - (sum / n) * (sum / n));
  }
};

}  // namespace simarena::test
