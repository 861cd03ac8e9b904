// Video frames converted from OpenGL's RGBA (rows bottom to top) to yuv420p
// (rows top to bottom) in the viewer, as they leave the pixel buffer: ffmpeg
// then only encodes, and the pipe carries 1.5 bytes a pixel instead of 4.
// This loop, vectorised by the compiler, takes about a third of the time
// ffmpeg's general converter (swscale) took for the same frame.
#pragma once

#include <cstddef>

namespace simarena::gui {

// Whether a `width` x `height` frame converts (yuv420p halves both sides).
inline bool converts_to_yuv420p(int width, int height) {
  return width > 0 && height > 0 && width % 2 == 0 && height % 2 == 0;
}

// Bytes of a yuv420p frame: the Y plane, then U and V at half size each way.
inline size_t yuv420p_bytes(int width, int height) { return static_cast<size_t>(width) * height * 3 / 2; }

// Writes yuv420p_bytes() to `yuv` from `rgba` (4 bytes a pixel, the bottom
// row first), for a size that converts_to_yuv420p(): BT.601 limited range
// (what ffmpeg's converter made of untagged RGB), each chroma sample the
// mean of its 2x2 pixels.
void rgba_bottom_up_to_yuv420p(const unsigned char* rgba, int width, int height, unsigned char* yuv);

}  // namespace simarena::gui
