#include "key_queue.h"

#include <GLFW/glfw3.h>

namespace simarena::gui {

void KeyPressQueue::on_key(int key, int action) {
  if (action == GLFW_PRESS || action == GLFW_REPEAT) presses_.push_back({key, action == GLFW_REPEAT});
}

std::vector<KeyPress> KeyPressQueue::take() {
  std::vector<KeyPress> taken;
  taken.swap(presses_);
  return taken;
}

GLFWwindow* listen_to_keys(GLFWwindow* window, KeyPressQueue& queue) {
  if (!window) return nullptr;
  glfwSetWindowUserPointer(window, &queue);
  glfwSetKeyCallback(window, [](GLFWwindow* w, int key, int, int action, int) {
    static_cast<KeyPressQueue*>(glfwGetWindowUserPointer(w))->on_key(key, action);
  });
  return window;
}

}  // namespace simarena::gui
