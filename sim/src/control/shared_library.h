// A controller plugin's dlopen handle (RAII), shared by loading and
// describing a plugin in this process.
#pragma once

#include <dlfcn.h>

#include <filesystem>
#include <string>

#include "simarena/base/input_error.h"

namespace simarena {

// dlopen handle, closed when the last instance using it is gone.
class SharedLibrary {
 public:
  explicit SharedLibrary(const std::filesystem::path& path) : path_(path.string()) {
    if (!std::filesystem::exists(path))
      throw InputError(path_, tr_noop("controller plugin not found (give a built .so, or a name such as 'stand')"));
    handle_ = dlopen(path_.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle_ == nullptr) throw InputError(path_, tr_noop("cannot load controller plugin: %s"), dlerror());
  }
  ~SharedLibrary() { dlclose(handle_); }
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  void* symbol(const char* name) const { return dlsym(handle_, name); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  void* handle_ = nullptr;
};

}  // namespace simarena
