#include "simarena/base/json_file.h"

#include <fstream>
#include <stdexcept>

namespace simarena {

void write_text_atomically(std::string_view text, const std::filesystem::path& path) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) throw std::runtime_error(tmp.string() + ": cannot write (does the folder exist and is it writable?)");
    out << text;
    out.flush();
    if (!out) throw std::runtime_error(tmp.string() + ": write failed (disk full?)");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw std::runtime_error(path.string() + ": cannot replace: " + ec.message());
}

void write_json_atomically(const nlohmann::json& json, const std::filesystem::path& path) {
  // error_handler_t::replace: never throws on bad UTF-8
  write_text_atomically(json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", path);
}

}  // namespace simarena
