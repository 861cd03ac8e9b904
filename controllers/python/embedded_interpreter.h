// The one CPython interpreter of a process, started the first time a Python
// controller is attached and kept until the process ends (NumPy cannot be
// imported twice into a restarted interpreter): isolated from the
// environment and the user's site folders, hash seed fixed, no signal
// handlers, no bytecode written, and the `simarena` module (simarena.py,
// built in) imported. Later controllers get fresh script modules in it.
#pragma once

#include <pybind11/pybind11.h>

namespace simarena::python {

// Starts the interpreter once (thread-safe); throws std::runtime_error with
// Python's own words if it cannot start. Call without holding the GIL.
void start_interpreter();

// In an AddressSanitizer build's process (its tests load this plugin), the
// interpreter's allocations are not leak-checked for one scope: it is never
// finalized, so what it holds at exit is not a leak. Does nothing elsewhere.
class LeakCheckPause {
 public:
  LeakCheckPause();
  ~LeakCheckPause();
  LeakCheckPause(const LeakCheckPause&) = delete;
  LeakCheckPause& operator=(const LeakCheckPause&) = delete;

 private:
  void (*enable_)() = nullptr;
};

// The GIL for the calling thread, for one scope (any thread may call a
// controller; the thread that started the interpreter pays least).
class GilScope {
 public:
  GilScope() : state_(PyGILState_Ensure()) {}
  ~GilScope() { PyGILState_Release(state_); }
  GilScope(const GilScope&) = delete;
  GilScope& operator=(const GilScope&) = delete;

 private:
  LeakCheckPause pause_;  // constructed first, released last
  PyGILState_STATE state_;
};

}  // namespace simarena::python
