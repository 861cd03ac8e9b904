// The host's message extensions (simarena.log, simarena.announce) as a
// Python object: CustomInterface.log() and .announce() call it.
#pragma once

#include <simarena/controller.h>

#include <string>

namespace simarena::python {

class HostLink {
 public:
  HostLink(void* context, const SimarenaLogExtension* log, const SimarenaAnnounceExtension* announce)
      : context_(context), log_(log), announce_(announce) {}
  // True when the host took the text (false: not served, or this step's messages are used up).
  bool log(const std::string& line) const { return send(log_ ? log_->log : nullptr, line); }
  bool announce(const std::string& text) const { return send(announce_ ? announce_->announce : nullptr, text); }

 private:
  bool send(int (*function)(void*, const char*), const std::string& text) const {
    if (function == nullptr) return false;
    // Cut one byte past the bound: the host cuts and marks it.
    const std::string bounded = text.substr(0, SIMARENA_MESSAGE_MAX_BYTES + 1);
    return function(context_, bounded.c_str()) == SIMARENA_MESSAGE_ACCEPTED;
  }
  void* context_;
  const SimarenaLogExtension* log_;
  const SimarenaAnnounceExtension* announce_;
};

}  // namespace simarena::python
