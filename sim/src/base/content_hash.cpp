#include "simarena/base/content_hash.h"

#include <mujoco/mujoco.h>
#include <xxhash.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "simarena/base/version.h"

namespace simarena {

std::string hash_text(const std::string& text) {
  const XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
  char hex[33];
  std::snprintf(hex, sizeof(hex), "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return hex;
}

std::string hash_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot read to hash it");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return hash_text(buffer.str());
}

std::string build_id() {
  std::string id =
      std::string("simarena ") + kSimarenaVersion + ", MuJoCo " + mj_versionString() + ", gcc " + __VERSION__;
#ifdef NDEBUG
  id += ", optimised";
#else
  id += ", debug";
#endif
#if defined(__SANITIZE_ADDRESS__)
  id += ", asan";
#endif
#if defined(__FAST_MATH__)
  id += ", fast-math";
#endif
  return id;
}

}  // namespace simarena
