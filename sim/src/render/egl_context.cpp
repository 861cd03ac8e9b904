// EGL surfaceless contexts (simarena/render/egl_context.h).
#include "simarena/render/egl_context.h"

#include <EGL/egl.h>
#include <EGL/eglext.h>

#include <cstring>
#include <stdexcept>
#include <string>

namespace simarena {
namespace {

bool has_extension(const char* list, const char* name) {
  if (!list) return false;
  const size_t length = std::strlen(name);
  for (const char* p = std::strstr(list, name); p; p = std::strstr(p + length, name))
    if ((p == list || p[-1] == ' ') && (p[length] == ' ' || p[length] == '\0')) return true;
  return false;
}

std::string egl_error(const std::string& what) {
  char code[16];
  std::snprintf(code, sizeof(code), "0x%04x", static_cast<unsigned>(eglGetError()));
  return "EGL offscreen rendering unavailable: " + what + " (EGL error " + code + ")";
}

EGLDisplay surfaceless_display() {
  const char* client = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
  if (has_extension(client, "EGL_MESA_platform_surfaceless") && has_extension(client, "EGL_EXT_platform_base")) {
    auto get_platform_display =
        reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
    if (get_platform_display) return get_platform_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
  }
  return eglGetDisplay(EGL_DEFAULT_DISPLAY);
}

}  // namespace

EglSurfacelessContext::EglSurfacelessContext() {
  EGLDisplay display = surfaceless_display();
  if (display == EGL_NO_DISPLAY) throw std::runtime_error(egl_error("no EGL display"));
  if (!eglInitialize(display, nullptr, nullptr)) throw std::runtime_error(egl_error("eglInitialize failed"));
  display_ = display;
  try {
    if (!has_extension(eglQueryString(display, EGL_EXTENSIONS), "EGL_KHR_surfaceless_context"))
      throw std::runtime_error("EGL offscreen rendering unavailable: no EGL_KHR_surfaceless_context");
    if (!eglBindAPI(EGL_OPENGL_API)) throw std::runtime_error(egl_error("no desktop OpenGL"));
    const EGLint config_attributes[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
    EGLConfig config = nullptr;
    EGLint count = 0;
    if (!eglChooseConfig(display, config_attributes, &config, 1, &count) || count == 0)
      config = EGL_NO_CONFIG_KHR;  // Mesa's surfaceless platform offers contexts without configs
    const EGLint context_attributes[] = {EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_COMPATIBILITY_PROFILE_BIT,
                                         EGL_NONE};
    EGLContext context = eglCreateContext(display, config, EGL_NO_CONTEXT, context_attributes);
    if (context == EGL_NO_CONTEXT) throw std::runtime_error(egl_error("cannot create an OpenGL context"));
    context_ = context;
    if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context))
      throw std::runtime_error(egl_error("cannot make the context current"));
  } catch (...) {
    if (context_) eglDestroyContext(display, context_);
    throw;  // the display stays: another context may live on it (see the destructor)
  }
}

EglSurfacelessContext::~EglSurfacelessContext() {
  if (eglGetCurrentContext() == context_) eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
  eglDestroyContext(display_, context_);
  // No eglTerminate: the display is the process's, shared with every other
  // context on it (the viewer's and the cameras'), and terminating it would
  // pull it from under them.
}

}  // namespace simarena
