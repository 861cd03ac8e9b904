// Where the viewer's OpenGL context comes from: a GLFW window on a display,
// or an EGL surfaceless context (Mesa) when there is no display at all.
// Both are RAII owners; the context is current on the creating thread.
#pragma once

#include <memory>
#include <string>

#include "simarena/render/egl_context.h"

struct GLFWwindow;

namespace simarena::gui {

// The default window on a screen of `screen_width` x `screen_height` pixels:
// 85 % of each side (room for the desktop's panels and the title bar), even sizes.
struct WindowSize {
  int width = 0, height = 0;
};
WindowSize window_size_for_screen(int screen_width, int screen_height);

// GLFW itself (glfwInit/glfwTerminate) plus one window with a current
// compatibility-profile context, which MuJoCo's fixed-function renderer needs.
class GlfwWindow {
 public:
  // Throws std::runtime_error with GLFW's own reason (e.g. no display).
  // A width or height of 0 sizes the window from the primary monitor
  // (window_size_for_screen).
  GlfwWindow(int width, int height, const std::string& title, bool visible);
  ~GlfwWindow();
  GlfwWindow(const GlfwWindow&) = delete;
  GlfwWindow& operator=(const GlfwWindow&) = delete;

  GLFWwindow* get() const { return window_; }
  bool should_close() const;
  void request_close();
  void swap_buffers();
  // Framebuffer size in pixels (differs from the window size on HiDPI).
  void framebuffer_size(int& width, int& height) const;

 private:
  GLFWwindow* window_ = nullptr;
};

// The EGL surfaceless context is the core's (the robot's cameras render in
// one too): simarena/render/egl_context.h.
using simarena::EglSurfacelessContext;

}  // namespace simarena::gui
