#include "frame_readback.h"

#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <GL/glext.h>

#include <cstring>
#include <stdexcept>

namespace simarena::gui {

namespace {
size_t frame_bytes(int width, int height) { return 4 * static_cast<size_t>(width) * height; }
}  // namespace

FrameReadback::FrameReadback(int width, int height) : width_(width), height_(height) {
  glGenBuffers(2, buffers_.data());
  for (unsigned buffer : buffers_) {
    glBindBuffer(GL_PIXEL_PACK_BUFFER, buffer);
    glBufferData(GL_PIXEL_PACK_BUFFER, static_cast<GLsizeiptr>(frame_bytes(width, height)), nullptr, GL_STREAM_READ);
  }
  glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
}

FrameReadback::~FrameReadback() { glDeleteBuffers(2, buffers_.data()); }

bool FrameReadback::read(unsigned framebuffer, std::vector<unsigned char>& previous) {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, framebuffer);
  glReadBuffer(framebuffer == 0 ? GL_BACK : GL_COLOR_ATTACHMENT0);
  glPixelStorei(GL_PACK_ALIGNMENT, 4);
  glBindBuffer(GL_PIXEL_PACK_BUFFER, buffers_[next_]);
  glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);  // into the buffer: returns at once
  glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
  glFlush();  // let the rasteriser start on it now
  const bool had = pending_;
  if (had) copy_out(buffers_[1 - next_], previous);
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
  out.resize(frame_bytes(width_, height_));
  glBindBuffer(GL_PIXEL_PACK_BUFFER, buffer);
  const void* pixels = glMapBuffer(GL_PIXEL_PACK_BUFFER, GL_READ_ONLY);  // waits for that frame only
  if (!pixels) {
    glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
    throw std::runtime_error("OpenGL cannot map the buffer a frame was read into");
  }
  std::memcpy(out.data(), pixels, out.size());
  glUnmapBuffer(GL_PIXEL_PACK_BUFFER);
  glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
}

}  // namespace simarena::gui
