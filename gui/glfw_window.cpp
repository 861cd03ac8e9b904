#include <GLFW/glfw3.h>

#include <algorithm>
#include <stdexcept>

#include "gl_context.h"

namespace simarena::gui {
namespace {

std::string glfw_error(const std::string& what) {
  const char* description = nullptr;
  glfwGetError(&description);
  return what + ": " + (description ? description : "unknown GLFW error");
}

}  // namespace

WindowSize window_size_for_screen(int screen_width, int screen_height) {
  auto part = [](int side) { return std::max(64, static_cast<int>(side * 0.85) / 2 * 2); };
  return {part(screen_width), part(screen_height)};
}

GlfwWindow::GlfwWindow(int width, int height, const std::string& title, bool visible) {
  if (!glfwInit()) throw std::runtime_error(glfw_error("cannot open a window (no display? try xvfb-run)"));
  glfwWindowHint(GLFW_SAMPLES, 4);
  glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
  if (width <= 0 || height <= 0) {
    const GLFWvidmode* mode = glfwGetPrimaryMonitor() ? glfwGetVideoMode(glfwGetPrimaryMonitor()) : nullptr;
    const WindowSize fitted = mode ? window_size_for_screen(mode->width, mode->height) : WindowSize{1280, 720};
    width = fitted.width;
    height = fitted.height;
  }
  window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (!window_) {
    const std::string message = glfw_error("cannot create a window");
    glfwTerminate();
    throw std::runtime_error(message);
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);
}

GlfwWindow::~GlfwWindow() {
  glfwDestroyWindow(window_);
  glfwTerminate();
}

bool GlfwWindow::should_close() const { return glfwWindowShouldClose(window_); }
void GlfwWindow::request_close() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }
void GlfwWindow::swap_buffers() { glfwSwapBuffers(window_); }
void GlfwWindow::framebuffer_size(int& width, int& height) const { glfwGetFramebufferSize(window_, &width, &height); }

}  // namespace simarena::gui
