#include "simarena/base/input_error.h"

#include <sstream>

namespace simarena {

std::string InputError::located(const std::string& file, int line, int column, const std::string& message) {
  std::ostringstream out;
  out << file;
  if (line > 0) out << ':' << line;
  if (line > 0 && column > 0) out << ':' << column;
  out << ": " << message;
  return out.str();
}

}  // namespace simarena
