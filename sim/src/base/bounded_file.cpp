#include "simarena/base/bounded_file.h"

#include <fstream>

#include "simarena/base/input_error.h"

namespace simarena {

std::string read_bounded_file(const std::filesystem::path& path, size_t most, Message not_a_file) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) throw InputError(path.string(), std::move(not_a_file));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), tr_noop("cannot open file (check that it is readable)"));
  std::string text(most + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

}  // namespace simarena
