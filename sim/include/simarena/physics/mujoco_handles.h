// RAII owners for MuJoCo's C resources, so no model, data or virtual file
// system outlives its owner or leaks on an exception, and no MuJoCo message
// reaches the terminal, stdin or the working folder.
#pragma once

#include <mujoco/mujoco.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace simarena {

struct ModelDeleter {
  void operator()(mjModel* m) const { mj_deleteModel(m); }
};
struct DataDeleter {
  void operator()(mjData* d) const { mj_deleteData(d); }
};
using ModelPtr = std::unique_ptr<mjModel, ModelDeleter>;
using DataPtr = std::unique_ptr<mjData, DataDeleter>;

// A fatal MuJoCo error (mju_error), thrown instead of MuJoCo's default of
// printing, writing MUJOCO_LOG.TXT, waiting for Enter on stdin and exiting.
class MujocoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// While one of these lives, MuJoCo's warnings on this thread are collected
// here instead of being printed and logged to MUJOCO_LOG.TXT. The first one
// installs MuJoCo's process-wide error and warning handlers, for good: from
// then on every mju_error throws MujocoError and warnings with no collector
// on their thread are dropped (the caller reads mjData::warning instead).
class MujocoMessages {
 public:
  MujocoMessages();
  ~MujocoMessages();
  MujocoMessages(const MujocoMessages&) = delete;
  MujocoMessages& operator=(const MujocoMessages&) = delete;

  const std::vector<std::string>& warnings() const { return warnings_; }
  void add_warning(const char* text) { warnings_.emplace_back(text); }

 private:
  std::vector<std::string> warnings_;
  MujocoMessages* outer_;
};

// In-memory files for mj_loadXML. mjVFS is ~2 MB, so it lives on the heap.
class VirtualFiles {
 public:
  VirtualFiles();
  ~VirtualFiles();
  VirtualFiles(const VirtualFiles&) = delete;
  VirtualFiles& operator=(const VirtualFiles&) = delete;

  // Adds a file by name (MuJoCo's VFS keeps names without directories).
  // Throws std::invalid_argument for empty contents (MuJoCo cannot hold them).
  void add(const std::string& name, const std::string& contents);
  const mjVFS* get() const { return vfs_.get(); }

 private:
  std::unique_ptr<mjVFS> vfs_;
};

}  // namespace simarena
