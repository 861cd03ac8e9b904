#include "embedded_interpreter.h"

#include <dlfcn.h>
#include <pybind11/eval.h>

#include <mutex>
#include <stdexcept>
#include <string>

#include "simarena_module_source.h"  // generated: kSimarenaModuleSource, kPythonHome, ...

namespace py = pybind11;

namespace simarena::python {
namespace {

// The plugin is loaded RTLD_LOCAL, so libpython's symbols are not global:
// extension modules (NumPy's, the standard library's) look them up there.
void make_libpython_symbols_global() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&Py_InitializeFromConfig), &info) == 0 || info.dli_fname == nullptr)
    throw std::runtime_error("cannot find the loaded libpython");
  // Never closed: the interpreter lives as long as the process.
  if (dlopen(info.dli_fname, RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD) == nullptr)
    throw std::runtime_error(std::string("cannot make libpython's symbols global: ") + dlerror());
}

void check(PyStatus status, PyConfig& config, const char* what) {
  if (!PyStatus_Exception(status)) return;
  const std::string message = std::string(what) + ": " + (status.err_msg ? status.err_msg : "failed");
  PyConfig_Clear(&config);
  throw std::runtime_error(message);
}

void initialize() {
  make_libpython_symbols_global();
  PyConfig config;
  // Isolated: no PYTHON* variables, no user site folder, no current folder on sys.path.
  PyConfig_InitIsolatedConfig(&config);
  config.use_hash_seed = 1;  // same bits twice: str and bytes hashes (set and dict order) fixed
  config.hash_seed = 0;
  config.install_signal_handlers = 0;  // the simulator's signals stay the simulator's
  config.write_bytecode = 0;           // nothing written beside the user's modules
  config.site_import = 0;              // no site.py: sys.path is set here, the same in and out of the sandbox
  config.configure_c_stdio = 0;
  config.buffered_stdio = 0;  // print() reaches the terminal or log at once: the process never finalizes Python
  config.pathconfig_warnings = 0;
  config.parse_argv = 0;
  check(PyConfig_SetBytesString(&config, &config.home, kPythonHome), config, "Python home");
  // Absolute, so nothing is looked up on PATH or against the working
  // folder (the sandbox's has no path and its environment no PATH).
  check(PyConfig_SetBytesString(&config, &config.program_name, kPythonExecutable), config, "Python program name");
  check(PyConfig_SetBytesString(&config, &config.executable, kPythonExecutable), config, "Python executable");
  check(Py_InitializeFromConfig(&config), config, "cannot start Python");
  PyConfig_Clear(&config);
  try {
    py::module_ sys = py::module_::import("sys");
    sys.attr("path").attr("append")(kPythonPackages);  // NumPy: Debian's dist-packages
    // The simarena module, from the source built into this plugin.
    py::module_ module = py::reinterpret_borrow<py::module_>(PyImport_AddModule("simarena"));
    module.attr("__file__") = "<simarena built in>";
    py::exec(kSimarenaModuleSource, module.attr("__dict__"));
  } catch (const py::error_already_set& e) {
    throw std::runtime_error(std::string("cannot prepare Python: ") + e.what());
  }
  // The GIL is taken per call from now on (GilScope), on whichever thread.
  PyEval_SaveThread();
}

}  // namespace

LeakCheckPause::LeakCheckPause() {
  // Looked up once: present only when an AddressSanitizer build loaded this plugin.
  using Switch = void (*)();
  static const Switch disable = reinterpret_cast<Switch>(dlsym(RTLD_DEFAULT, "__lsan_disable"));
  static const Switch enable = reinterpret_cast<Switch>(dlsym(RTLD_DEFAULT, "__lsan_enable"));
  enable_ = enable;
  if (disable != nullptr && enable != nullptr) disable();
}

LeakCheckPause::~LeakCheckPause() {
  if (enable_ != nullptr) enable_();
}

void start_interpreter() {
  static std::once_flag once;
  static std::string failure;
  std::call_once(once, [] {
    try {
      const LeakCheckPause pause;
      if (!Py_IsInitialized()) initialize();
    } catch (const std::exception& e) {
      failure = e.what();
    }
  });
  if (!failure.empty()) throw std::runtime_error(failure);
}

}  // namespace simarena::python
