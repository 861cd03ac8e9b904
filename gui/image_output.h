// Frames leaving the viewer: PNG or JPEG screenshots (stb_image_write from
// Debian's libstb) and H.264 video through an ffmpeg child process fed raw RGB.
#pragma once

#include <sys/types.h>

#include <cstdio>
#include <string>
#include <vector>

namespace simarena::gui {

enum class ImageFormat { png, jpeg };

// The format a screenshot's name asks for (.png, .jpg, .jpeg, any case);
// throws InputError naming the file for any other name.
ImageFormat image_format_of(const std::string& path);

// Writes `rgb` (3 bytes per pixel, rows top to bottom) in the format of the
// file's name. Throws std::runtime_error naming the file when it cannot be
// written.
void write_image(const std::string& path, const std::vector<unsigned char>& rgb, int width, int height);

// ffmpeg reading raw frames on its stdin. finish() waits for it and throws
// with its exit status when encoding failed; the destructor kills a child
// that was not finished (e.g. on an exception).
class VideoEncoder {
 public:
  VideoEncoder(const std::string& path, int width, int height, int fps);
  ~VideoEncoder();
  VideoEncoder(const VideoEncoder&) = delete;
  VideoEncoder& operator=(const VideoEncoder&) = delete;

  void add_frame(const std::vector<unsigned char>& rgb);
  void finish();

 private:
  std::string path_;
  size_t frame_bytes_;
  pid_t child_ = -1;
  FILE* input_ = nullptr;
};

}  // namespace simarena::gui
