// RAII owners for MuJoCo's C resources, so no model, data or virtual file
// system outlives its owner or leaks on an exception.
#pragma once

#include <mujoco/mujoco.h>

#include <memory>
#include <string>

namespace simarena {

struct ModelDeleter {
  void operator()(mjModel* m) const { mj_deleteModel(m); }
};
struct DataDeleter {
  void operator()(mjData* d) const { mj_deleteData(d); }
};
using ModelPtr = std::unique_ptr<mjModel, ModelDeleter>;
using DataPtr = std::unique_ptr<mjData, DataDeleter>;

// In-memory files for mj_loadXML. mjVFS is ~2 MB, so it lives on the heap.
class VirtualFiles {
 public:
  VirtualFiles();
  ~VirtualFiles();
  VirtualFiles(const VirtualFiles&) = delete;
  VirtualFiles& operator=(const VirtualFiles&) = delete;

  // Adds a file by name (MuJoCo's VFS keeps names without directories).
  void add(const std::string& name, const std::string& contents);
  const mjVFS* get() const { return vfs_.get(); }

 private:
  std::unique_ptr<mjVFS> vfs_;
};

}  // namespace simarena
