#include "yuv420p.h"

namespace simarena::gui {

// Integer BT.601 limited-range coefficients scaled by 256 (luma) and, for a
// sum of four pixels, by 1024 (chroma).
void rgba_bottom_up_to_yuv420p(const unsigned char* rgba, int width, int height, unsigned char* yuv) {
  const size_t w = static_cast<size_t>(width), stride = 4 * w;
  unsigned char* const y_plane = yuv;
  unsigned char* const u_plane = yuv + w * height;
  unsigned char* const v_plane = u_plane + (w / 2) * (height / 2);
  for (int row = 0; row < height; row += 2) {
    const unsigned char* upper = rgba + stride * (height - 1 - row);  // picture rows row and row + 1
    const unsigned char* lower = upper - stride;
    unsigned char* y_upper = y_plane + w * row;
    unsigned char* y_lower = y_upper + w;
    for (size_t x = 0; x < w; ++x) {  // two simple loops rather than one: both vectorise
      const unsigned char* a = upper + 4 * x;
      const unsigned char* b = lower + 4 * x;
      y_upper[x] = static_cast<unsigned char>(((66 * a[0] + 129 * a[1] + 25 * a[2] + 128) >> 8) + 16);
      y_lower[x] = static_cast<unsigned char>(((66 * b[0] + 129 * b[1] + 25 * b[2] + 128) >> 8) + 16);
    }
    unsigned char* u = u_plane + (w / 2) * (row / 2);
    unsigned char* v = v_plane + (w / 2) * (row / 2);
    for (size_t x = 0; x < w / 2; ++x) {
      const unsigned char* a = upper + 8 * x;
      const unsigned char* b = lower + 8 * x;
      const int r = a[0] + a[4] + b[0] + b[4], g = a[1] + a[5] + b[1] + b[5], bl = a[2] + a[6] + b[2] + b[6];
      u[x] = static_cast<unsigned char>(((-38 * r - 74 * g + 112 * bl + 512) >> 10) + 128);
      v[x] = static_cast<unsigned char>(((112 * r - 94 * g - 18 * bl + 512) >> 10) + 128);
    }
  }
}

}  // namespace simarena::gui
