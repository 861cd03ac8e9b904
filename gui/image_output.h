// Frames leaving the viewer: PNG or JPEG screenshots (stb_image_write from
// Debian's libstb) and H.264 video through an ffmpeg child process fed raw RGB.
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
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

// How hard x264 works: `fast` (ultrafast: the quickest, bigger files) for
// quick looks, `quality` (veryfast) for the broadcast preset.
enum class EncoderSpeed { fast, quality };

// How frames are laid out: RGB rows top to bottom (a robot camera's), RGBA
// rows bottom to top (OpenGL's framebuffer, read as is), or yuv420p planes
// with rows top to bottom (yuv420p.h), which ffmpeg encodes as they come.
enum class FrameLayout { rgb_top_down, rgba_bottom_up, yuv420p };

// ffmpeg reading raw frames on its stdin. A writer thread feeds it while the
// next frame renders: add_frame() hands a frame over and returns at once
// unless two frames are already waiting (double buffering). finish() waits
// for it and throws with its exit status when encoding failed; the
// destructor kills a child that was not finished (e.g. on an exception).
class VideoEncoder {
 public:
  VideoEncoder(const std::string& path, int width, int height, int fps, EncoderSpeed speed = EncoderSpeed::quality,
               FrameLayout layout = FrameLayout::rgb_top_down);
  ~VideoEncoder();
  VideoEncoder(const VideoEncoder&) = delete;
  VideoEncoder& operator=(const VideoEncoder&) = delete;

  // `frame` in the encoder's layout. Throws once ffmpeg has stopped taking
  // frames.
  void add_frame(std::vector<unsigned char> frame);
  // A buffer of a frame already written (empty at first), to fill with the
  // next one: no allocation or clearing of a frame's megabytes per frame.
  std::vector<unsigned char> spare_buffer();
  void finish();

 private:
  void write_frames();  // the writer thread
  void stop_writer();

  std::string path_;
  size_t frame_bytes_;
  pid_t child_ = -1;
  FILE* input_ = nullptr;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<unsigned char>> waiting_;
  std::vector<std::vector<unsigned char>> spare_;  // written frames' buffers
  bool closing_ = false;
  bool failed_ = false;  // a write to ffmpeg failed
  std::thread writer_;
};

}  // namespace simarena::gui
