// The host's extensions as a Python object: the messages (simarena.log,
// simarena.announce: CustomInterface.log(), .announce() and .recognised()) and, for a
// script whose controller asks for it while it loads, the robot's
// high-level interface (simarena.high_level: send_high_level(),
// read_high_level_response(), read_odometry()) and the robot's cameras
// (simarena.camera: the class's `cameras`, opened while it loads; read_camera()).
#pragma once

#include <simarena/controller.h>

#include <string>

namespace simarena::python {

class HostLink {
 public:
  HostLink(const SimarenaHost* host, const SimarenaLogExtension* log, const SimarenaAnnounceExtension* announce)
      : host_(host), log_(log), announce_(announce) {}
  // True when the host took the text (false: not served, or this step's messages are used up).
  bool log(const std::string& line) const { return send(log_ ? log_->log : nullptr, line); }
  bool announce(const std::string& text) const { return send(announce_ ? announce_->announce : nullptr, text); }
  // simarena.announce version 2: a recognition of an object of `kind` (SIMARENA_OBJECT_*).
  bool recognised(int kind, const std::string& words) const {
    if (announce_ == nullptr || announce_->struct_size < sizeof(SimarenaAnnounceExtension)) return false;
    const std::string bounded = words.substr(0, SIMARENA_MESSAGE_MAX_BYTES + 1);
    return announce_->recognised(context(), kind, bounded.c_str()) == SIMARENA_MESSAGE_ACCEPTED;
  }

  // Asks the host for the high-level interface (only while the plugin
  // attaches: the host then runs the robot's motion controller under this
  // controller). False when the host does not serve it.
  bool take_high_level();
  const SimarenaHighLevelExtension* high_level() const { return high_level_; }
  // The camera table, when the host serves it (a robot with cameras), else null.
  const SimarenaCameraExtension* camera() const;
  void* context() const { return host_ ? host_->context : nullptr; }

 private:
  bool send(int (*function)(void*, const char*), const std::string& text) const {
    if (function == nullptr) return false;
    // Cut one byte past the bound: the host cuts and marks it.
    const std::string bounded = text.substr(0, SIMARENA_MESSAGE_MAX_BYTES + 1);
    return function(context(), bounded.c_str()) == SIMARENA_MESSAGE_ACCEPTED;
  }
  const SimarenaHost* host_;
  const SimarenaLogExtension* log_;
  const SimarenaAnnounceExtension* announce_;
  const SimarenaHighLevelExtension* high_level_ = nullptr;
};

}  // namespace simarena::python
