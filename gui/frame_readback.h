// Reading rendered frames back through two pixel buffer objects taking
// turns: a frame is copied out of its buffer while the next one is drawn.
// (Mesa's llvmpipe does not read into a buffer asynchronously: the read
// waits for the frame, so the caller simulates the next frame before it,
// while llvmpipe's threads rasterise.) Copied out as OpenGL holds them (RGBA,
// rows bottom to top) or converted on the way out to yuv420p (yuv420p.h).
#pragma once

#include <array>
#include <vector>

namespace simarena::gui {

class FrameReadback {
 public:
  // Needs a current OpenGL context (the one whose frames are read). With
  // `yuv420p` (a size that converts_to_yuv420p()), frames come out in that
  // layout instead of RGBA.
  FrameReadback(int width, int height, bool yuv420p = false);
  ~FrameReadback();
  FrameReadback(const FrameReadback&) = delete;
  FrameReadback& operator=(const FrameReadback&) = delete;

  // Starts reading framebuffer `framebuffer` (0: the window's) and puts the
  // frame started by the previous call in `previous` (resized); false on the
  // first call, when there is none yet.
  bool read(unsigned framebuffer, std::vector<unsigned char>& previous);
  // The frame started by the last read(), if it has not been taken yet.
  bool take_last(std::vector<unsigned char>& last);

 private:
  void copy_out(unsigned buffer, std::vector<unsigned char>& out);

  int width_, height_;
  bool yuv420p_;
  std::array<unsigned, 2> buffers_{};
  int next_ = 0;          // the buffer read() fills next
  bool pending_ = false;  // the other buffer holds a frame not taken yet
};

}  // namespace simarena::gui
