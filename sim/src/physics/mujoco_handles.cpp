#include "simarena/physics/mujoco_handles.h"

#include <cstring>
#include <mutex>
#include <stdexcept>

namespace simarena {
namespace {

// MuJoCo's handlers are plain function pointers with no context argument, so
// the collector of the calling thread has to be found through a thread_local.
thread_local MujocoMessages* current_collector = nullptr;

// mju_user_error must not return (MuJoCo's state is undefined after it):
// throwing is how MuJoCo's documentation says to leave it.
void throw_mujoco_error(const char* message) { throw MujocoError(message ? message : "unknown MuJoCo error"); }

void collect_mujoco_warning(const char* message) {
  if (current_collector != nullptr && message != nullptr) current_collector->add_warning(message);
}

void install_handlers_once() {
  static std::once_flag installed;
  std::call_once(installed, [] {
    mju_user_error = throw_mujoco_error;
    mju_user_warning = collect_mujoco_warning;
  });
}

}  // namespace

MujocoMessages::MujocoMessages() : outer_(current_collector) {
  install_handlers_once();
  current_collector = this;
}

MujocoMessages::~MujocoMessages() { current_collector = outer_; }

VirtualFiles::VirtualFiles() : vfs_(std::make_unique<mjVFS>()) {
  mj_defaultVFS(vfs_.get());
  MujocoMessages quiet;  // installs the handlers before anything can call mju_error
}

VirtualFiles::~VirtualFiles() { mj_deleteVFS(vfs_.get()); }

void VirtualFiles::add(const std::string& name, const std::string& contents) {
  if (contents.empty()) throw std::invalid_argument("'" + name + "' is empty");
  const int status = mj_makeEmptyFileVFS(vfs_.get(), name.c_str(), static_cast<int>(contents.size()));
  if (status != 0)
    throw std::runtime_error("cannot add '" + name + "' to MuJoCo's virtual file system (code " +
                             std::to_string(status) + ")");
  const int index = mj_findFileVFS(vfs_.get(), name.c_str());
  std::memcpy(vfs_->filedata[index], contents.data(), contents.size());
}

}  // namespace simarena
