#include <GLFW/glfw3.h>

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

GlfwWindow::GlfwWindow(int width, int height, const std::string& title, bool visible) {
  if (!glfwInit()) throw std::runtime_error(glfw_error("cannot open a window (no display? try xvfb-run)"));
  glfwWindowHint(GLFW_SAMPLES, 4);
  glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
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
