// Errors in user-supplied input (YAML, MJCF, plugins, command line). The
// message always says where (file, and line:column when known) and what to
// do about it, so a front end can print it as one line and exit non-zero.
#pragma once

#include <stdexcept>
#include <string>

namespace simarena {

class InputError : public std::runtime_error {
 public:
  // `line` and `column` are 1-based; 0 means unknown.
  InputError(const std::string& file, int line, int column, const std::string& message)
      : std::runtime_error(format(file, line, column, message)) {}
  InputError(const std::string& file, const std::string& message) : InputError(file, 0, 0, message) {}

 private:
  static std::string format(const std::string& file, int line, int column, const std::string& message);
};

}  // namespace simarena
