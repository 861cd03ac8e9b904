#include "frame_readback.h"

#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <GL/glext.h>

#include <cstring>
#include <stdexcept>

#include "yuv420p.h"

namespace simarena::gui {

namespace {
size_t frame_bytes(int width, int height) { return 4 * static_cast<size_t>(width) * height; }
}  // namespace

FrameReadback::FrameReadback(int width, int height, bool yuv420p) : width_(width), height_(height), yuv420p_(yuv420p) {
  if (yuv420p && !converts_to_yuv420p(width, height))
    throw std::logic_error("FrameReadback: yuv420p needs an even width and height");
  glGenBuffers(2, buffers_.data());
  for (unsigned buffer : buffers_) {
    glBindBuffer(GL_PIXEL_PACK_BUFFER, buffer);
    glBufferData(GL_PIXEL_PACK_BUFFER, static_cast<GLsizeiptr>(frame_bytes(width, height)), nullptr, GL_STREAM_READ);
  }
  glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
}

FrameReadback::~FrameReadback() { glDeleteBuffers(2, buffers_.data()); }

bool FrameReadback::read(unsigned framebuffer, std::vector<unsigned char>& previous) {
  // The previous frame first: Mesa's llvmpipe reads into a pixel buffer by waiting for the frame, so this
  // copy (and conversion) runs while its threads still draw the frame just submitted (Viewer::frame flushes).
  const bool had = pending_;
  if (had) copy_out(buffers_[1 - next_], previous);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, framebuffer);
  glReadBuffer(framebuffer == 0 ? GL_BACK : GL_COLOR_ATTACHMENT0);
  // Given back afterwards: a screenshot's RGB rows (mjr_readPixels) rely on the alignment found here, and
  // read with 4 at an odd width they overran their buffer.
  GLint alignment = 0;
  glGetIntegerv(GL_PACK_ALIGNMENT, &alignment);
  glPixelStorei(GL_PACK_ALIGNMENT, 4);
  glBindBuffer(GL_PIXEL_PACK_BUFFER, buffers_[next_]);
  glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);  // into the buffer
  glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
  glPixelStorei(GL_PACK_ALIGNMENT, alignment);
  glFlush();
  pending_ = true;
  next_ = 1 - next_;
  return had;
}

bool FrameReadback::take_last(std::vector<unsigned char>& last) {
  if (!pending_) return false;
  copy_out(buffers_[1 - next_], last);
  pending_ = false;
  return true;
}

void FrameReadback::copy_out(unsigned buffer, std::vector<unsigned char>& out) {
  out.resize(yuv420p_ ? yuv420p_bytes(width_, height_) : frame_bytes(width_, height_));
  glBindBuffer(GL_PIXEL_PACK_BUFFER, buffer);
  const void* pixels = glMapBuffer(GL_PIXEL_PACK_BUFFER, GL_READ_ONLY);  // waits for that frame only
  if (!pixels) {
    glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
    throw std::runtime_error("OpenGL cannot map the buffer a frame was read into");
  }
  // Straight from the mapped buffer: no copy of the RGBA frame first.
  if (yuv420p_)
    rgba_bottom_up_to_yuv420p(static_cast<const unsigned char*>(pixels), width_, height_, out.data());
  else
    std::memcpy(out.data(), pixels, out.size());
  glUnmapBuffer(GL_PIXEL_PACK_BUFFER);
  glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
}

}  // namespace simarena::gui
