#include "simarena/mujoco_handles.h"

#include <cstring>
#include <stdexcept>

namespace simarena {

VirtualFiles::VirtualFiles() : vfs_(std::make_unique<mjVFS>()) { mj_defaultVFS(vfs_.get()); }

VirtualFiles::~VirtualFiles() { mj_deleteVFS(vfs_.get()); }

void VirtualFiles::add(const std::string& name, const std::string& contents) {
  const int status = mj_makeEmptyFileVFS(vfs_.get(), name.c_str(), static_cast<int>(contents.size()));
  if (status != 0)
    throw std::runtime_error("cannot add '" + name + "' to MuJoCo's virtual file system (code " +
                             std::to_string(status) + ")");
  const int index = mj_findFileVFS(vfs_.get(), name.c_str());
  std::memcpy(vfs_->filedata[index], contents.data(), contents.size());
}

}  // namespace simarena
