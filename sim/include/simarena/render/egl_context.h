// An OpenGL context without any window or display: EGL's surfaceless
// platform (Mesa; software rendering with llvmpipe when there is no GPU).
// The robot's cameras render in one (camera_renderer.h), and so does the
// viewer when it records without a display. RAII: the context lives as
// long as the object.
#pragma once

namespace simarena {

// A desktop-OpenGL compatibility-profile context (MuJoCo's fixed-function
// renderer needs it) with no surface: rendering goes to MuJoCo's offscreen
// framebuffer. Needs EGL_MESA_platform_surfaceless (or a default EGL
// display) and EGL_KHR_surfaceless_context. Current on the creating thread.
class EglSurfacelessContext {
 public:
  EglSurfacelessContext();  // throws std::runtime_error naming the missing piece
  ~EglSurfacelessContext();
  EglSurfacelessContext(const EglSurfacelessContext&) = delete;
  EglSurfacelessContext& operator=(const EglSurfacelessContext&) = delete;

  void* display() const { return display_; }
  void* context() const { return context_; }

 private:
  void* display_ = nullptr;
  void* context_ = nullptr;
};

}  // namespace simarena
