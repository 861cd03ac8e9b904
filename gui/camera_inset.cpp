#include "camera_inset.h"

#include <GL/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "overlay_style.h"
#include "simarena/base/messages.h"
#include "simarena/physics/world.h"
#include "simarena/render/camera_schedule.h"

namespace simarena::gui {

CameraInset::~CameraInset() {
  if (texture_ != 0) glDeleteTextures(1, &texture_);
}

void CameraInset::cycle(const ShownRun& run) {
  const int count = static_cast<int>(run.world().robot().cameras.size());
  if (count == 0) {
    no_camera_ = !no_camera_;
    return;
  }
  selected_ = selected_ + 1 < count ? selected_ + 1 : -1;
  shown_world_ = nullptr;
  if (selected_ < 0 || !failure_.empty()) return;
  try {
    // One renderer (its GL context and scene) for every camera, made the first time.
    if (view_)
      view_->select(run.world(), selected_);
    else
      view_ = std::make_unique<RobotCameraView>(run.world(), selected_);
  } catch (const std::exception& e) {
    failure_ = e.what();  // no EGL for the cameras: the viewer goes on without the image
    view_.reset();
  }
}

void CameraInset::upload(const std::vector<unsigned char>& rgb, int width, int height) {
  // The viewer's context is shared with MuJoCo's and ImGui's renderers:
  // leave the texture binding and unpacking as they were.
  GLint bound = 0, alignment = 4, row_length = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &bound);
  glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment);
  glGetIntegerv(GL_UNPACK_ROW_LENGTH, &row_length);
  if (texture_ == 0) glGenTextures(1, &texture_);
  glBindTexture(GL_TEXTURE_2D, texture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  if (width != texture_width_ || height != texture_height_) {
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, width, height, 0, GL_RGB, GL_UNSIGNED_BYTE, rgb.data());
    texture_width_ = width;
    texture_height_ = height;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, rgb.data());
  }
  glPixelStorei(GL_UNPACK_ALIGNMENT, alignment);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, row_length);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(bound));
}

void CameraInset::draw(const ShownRun& run, float top, float scale) {
  if (!showing()) return;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float margin = 24.0f * scale;
  top = top > 0 ? top + margin * 0.5f : margin;
  ImGui::SetNextWindowPos({margin, top}, ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.85f);
  ImGui::Begin("##camera_inset", nullptr, kPanelFlags);
  if (no_camera_) {
    ImGui::Text(tr("robot '%s' has no camera (I hides this)"), run.world().robot().name.c_str());
    ImGui::End();
    return;
  }
  const CameraSpec& camera = run.world().robot().cameras.at(static_cast<size_t>(selected_));
  ImGui::Text(tr("robot camera %s  %dx%d, %g Hz  (I: next)"), camera.name.c_str(), camera.width, camera.height,
              camera.rate);
  if (view_) {
    // A new image at the camera's rate in simulated time, as a controller
    // gets them; at once after a jump back (a seek, a restart) or a new world.
    const int64_t slot = camera_slot(run.time(), camera.rate);
    if (shown_world_ != &run.world() || slot != shown_slot_ || run.time() < shown_time_) {
      try {
        upload(view_->rgb(run), view_->width(), view_->height());
        shown_world_ = &run.world();
        shown_slot_ = slot;
        shown_time_ = run.time();
      } catch (const std::exception& e) {
        failure_ = e.what();
        view_.reset();
      }
    }
  }
  if (view_ && texture_ != 0) {
    // Up to 30 % of the window's height, above the event feed (the bottom
    // 28 %) where there is room, at least 18 %; narrower than 40 % of the width.
    const float label = ImGui::GetCursorPosY();
    const float room = display.y * 0.72f - top - label - margin;
    const float height =
        std::min(std::clamp(room, display.y * 0.18f, display.y * 0.3f),
                 display.x * 0.4f * static_cast<float>(camera.height) / static_cast<float>(camera.width));
    ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture_)),
                 {height * camera.width / camera.height, height});
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, kAlert);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + display.x * 0.4f);
    ImGui::TextWrapped(tr("no image: %s"), failure_.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  ImGui::End();
}

}  // namespace simarena::gui
