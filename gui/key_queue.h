// Every key press between two frames, in order. ImGui 1.86's GLFW backend
// keeps only each key's state at the frame, so a key pressed and released
// within one slow frame was lost; GLFW's key callback sees every press.
#pragma once

#include <vector>

struct GLFWwindow;

namespace simarena::gui {

struct KeyPress {
  int key = 0;          // GLFW_KEY_*
  bool repeat = false;  // the keyboard's auto-repeat while held
};

class KeyPressQueue {
 public:
  // What GLFW's key callback passes; releases are not presses.
  void on_key(int key, int action);
  // The presses since the last take(), oldest first.
  std::vector<KeyPress> take();

 private:
  std::vector<KeyPress> presses_;
};

// Makes `queue` receive `window`'s key presses (through the window's user
// pointer) and returns `window`. Call it before ImGui's backend installs its
// callbacks: ImGui chains to this one.
GLFWwindow* listen_to_keys(GLFWwindow* window, KeyPressQueue& queue);

}  // namespace simarena::gui
