// Dear ImGui on the viewer's context: the OpenGL3 renderer, the GLFW platform
// backend when there is a window (none on a surfaceless context), and fonts
// sized for 1920x1080 that scale with the framebuffer height. Chinese text
// (the messages in zh, or a name in Chinese) draws with Debian's
// fonts-wqy-microhei merged into the body and heading fonts.
#pragma once

#include <imgui.h>

#include <string>

struct GLFWwindow;

namespace simarena::gui {

struct OverlayFonts {
  ImFont* body = nullptr;
  ImFont* heading = nullptr;
  ImFont* timer = nullptr;
};

class ImGuiLayer {
 public:
  // `window` is null on a surfaceless context. `shown_names` holds the names
  // the overlay will show (track, controllers, leaderboard entries): their
  // characters are drawn too, beyond the common Chinese ones.
  ImGuiLayer(GLFWwindow* window, const std::string& shown_names);
  ~ImGuiLayer();
  ImGuiLayer(const ImGuiLayer&) = delete;
  ImGuiLayer& operator=(const ImGuiLayer&) = delete;

  // Starts a frame for a `width` x `height` framebuffer; `seconds` since the
  // last frame is used only without a window (GLFW measures it otherwise).
  void new_frame(int width, int height, double seconds);
  // Draws the frame into the currently bound framebuffer.
  void render();

  const OverlayFonts& fonts() const { return fonts_; }
  float scale() const { return scale_; }  // 1 at 1080 pixels high
  // Empty, or why Chinese text shows as '?' (the CJK font is missing).
  const std::string& font_note() const { return font_note_; }

 private:
  bool has_window_;
  OverlayFonts fonts_;
  ImVector<ImWchar> cjk_ranges_;  // read when the font atlas is built, at the first frame
  std::string font_note_;
  ImGuiStyle base_style_;
  float scale_ = 0;
};

}  // namespace simarena::gui
