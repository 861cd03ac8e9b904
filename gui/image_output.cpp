#include "image_output.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stb/stb_image_write.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "simarena/base/input_error.h"

extern char** environ;

namespace simarena::gui {

ImageFormat image_format_of(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension == ".png") return ImageFormat::png;
  if (extension == ".jpg" || extension == ".jpeg") return ImageFormat::jpeg;
  throw InputError(path, tr_noop("a screenshot is written as PNG or JPEG: name it .png, .jpg or .jpeg"));
}

void write_image(const std::string& path, const std::vector<unsigned char>& rgb, int width, int height) {
  constexpr int kJpegQuality = 92;
  const bool written = image_format_of(path) == ImageFormat::png
                           ? stbi_write_png(path.c_str(), width, height, 3, rgb.data(), 3 * width)
                           : stbi_write_jpg(path.c_str(), width, height, 3, rgb.data(), kJpegQuality);
  if (!written) throw std::runtime_error(path + ": cannot write the image (does the folder exist?)");
}

namespace {

size_t frame_bytes(FrameLayout layout, int width, int height) {
  const size_t pixels = static_cast<size_t>(width) * height;
  switch (layout) {
    case FrameLayout::rgb_top_down:
      return 3 * pixels;
    case FrameLayout::rgba_bottom_up:
      return 4 * pixels;
    case FrameLayout::yuv420p:
      return pixels * 3 / 2;
  }
  return 0;
}

const char* pixel_format(FrameLayout layout) {
  switch (layout) {
    case FrameLayout::rgb_top_down:
      return "rgb24";
    case FrameLayout::rgba_bottom_up:
      return "rgba";
    case FrameLayout::yuv420p:
      return "yuv420p";
  }
  return "";
}

}  // namespace

VideoEncoder::VideoEncoder(const std::string& path, int width, int height, int fps, EncoderSpeed speed,
                           FrameLayout layout)
    : path_(path), frame_bytes_(frame_bytes(layout, width, height)) {
  std::vector<std::string> args = {"ffmpeg",   "-loglevel",
                                   "error",    "-y",
                                   "-f",       "rawvideo",
                                   "-pix_fmt", pixel_format(layout),
                                   "-s",       std::to_string(width) + "x" + std::to_string(height),
                                   "-r",       std::to_string(fps),
                                   "-i",       "-"};
  // yuv420p needs even sizes; pad rather than fail on an odd window. OpenGL's rows come bottom first.
  if (layout != FrameLayout::yuv420p)
    args.insert(args.end(), {"-vf", std::string(layout == FrameLayout::rgba_bottom_up ? "vflip," : "") +
                                        "pad=ceil(iw/2)*2:ceil(ih/2)*2"});
  args.insert(args.end(), {"-c:v", "libx264", "-preset", speed == EncoderSpeed::fast ? "ultrafast" : "veryfast",
                           "-pix_fmt", "yuv420p", "-movflags", "+faststart", path});
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error(path + ": cannot start ffmpeg (pipe failed)");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[0], STDIN_FILENO);
  const int failed = posix_spawnp(&child_, "ffmpeg", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[0]);
  if (failed) {
    close(pipe_fds[1]);
    child_ = -1;
    throw std::runtime_error(path + ": cannot start ffmpeg (" + std::strerror(failed) +
                             "); install Debian's ffmpeg package");
  }
  input_ = fdopen(pipe_fds[1], "wb");
}

VideoEncoder::~VideoEncoder() {
  stop_writer();
  if (child_ < 0) return;
  if (input_) std::fclose(input_);
  kill(child_, SIGTERM);
  waitpid(child_, nullptr, 0);
}

std::vector<unsigned char> VideoEncoder::spare_buffer() {
  std::lock_guard lock(mutex_);
  if (spare_.empty()) return {};
  std::vector<unsigned char> buffer = std::move(spare_.back());
  spare_.pop_back();
  return buffer;
}

void VideoEncoder::add_frame(std::vector<unsigned char> frame) {
  if (frame.size() != frame_bytes_) throw std::runtime_error(path_ + ": a frame of the wrong size for the video");
  if (!writer_.joinable()) writer_ = std::thread([this] { write_frames(); });
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return waiting_.size() < 2 || failed_; });
  if (failed_) throw std::runtime_error(path_ + ": ffmpeg stopped taking frames");
  waiting_.push_back(std::move(frame));
  changed_.notify_all();
}

void VideoEncoder::write_frames() {
  for (;;) {
    std::vector<unsigned char> frame;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return !waiting_.empty() || closing_; });
      if (waiting_.empty()) return;
      frame = std::move(waiting_.front());
    }
    const bool written = std::fwrite(frame.data(), 1, frame.size(), input_) == frame.size();
    std::lock_guard lock(mutex_);
    waiting_.pop_front();  // only now: the producer waits while two are in flight
    if (spare_.size() < 2) spare_.push_back(std::move(frame));
    if (!written) {
      failed_ = true;
      waiting_.clear();
    }
    changed_.notify_all();
    if (failed_) return;
  }
}

void VideoEncoder::stop_writer() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  if (writer_.joinable()) writer_.join();
}

void VideoEncoder::finish() {
  stop_writer();
  std::fclose(input_);
  input_ = nullptr;
  int status = 0;
  waitpid(child_, &status, 0);
  child_ = -1;
  if (failed_) throw std::runtime_error(path_ + ": ffmpeg stopped taking frames");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(path_ + ": ffmpeg failed to encode the video (exit status " +
                             std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
}

}  // namespace simarena::gui
