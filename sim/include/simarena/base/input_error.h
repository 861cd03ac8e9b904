// Errors in user-supplied input (YAML, MJCF, plugins, command line). The
// message always says where (file, and line:column when known) and what to
// do about it, so a front end can print it as one line and exit non-zero.
//
// what() is the English text that files and logs keep (runs.jsonl, results);
// shown() is the same error in the language of the messages (base/messages.h),
// for a person at the terminal or in the viewer. Throw sites mark their format
// for the catalogue:
//   throw InputError(path, line, 0, tr_noop("unknown key '%s'"), key);
#pragma once

#include <stdexcept>
#include <string>

#include "simarena/base/message.h"
#include "simarena/base/messages.h"

namespace simarena {

class InputError : public std::runtime_error {
 public:
  // `line` and `column` are 1-based; 0 means unknown.
  InputError(const std::string& file, int line, int column, Message message)
      : std::runtime_error(located(file, line, column, message.english())),
        file_(file),
        line_(line),
        column_(column),
        message_(std::move(message)) {}
  InputError(const std::string& file, Message message) : InputError(file, 0, 0, std::move(message)) {}
  // A format with its arguments (Message).
  template <typename... Arguments>
  requires(sizeof...(Arguments) > 0)
      InputError(const std::string& file, int line, int column, const char* english, const Arguments&... arguments)
      : InputError(file, line, column, Message(english, arguments...)) {}
  template <typename... Arguments>
  requires(sizeof...(Arguments) > 0)
      InputError(const std::string& file, const char* english, const Arguments&... arguments)
      : InputError(file, 0, 0, Message(english, arguments...)) {}

  // The error in the language of the messages, with its file and line.
  std::string shown() const { return located(file_, line_, column_, message_.shown()); }

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }
  // What went wrong, without the place.
  const Message& message() const { return message_; }

 private:
  static std::string located(const std::string& file, int line, int column, const std::string& message);

  std::string file_;
  int line_ = 0;
  int column_ = 0;
  Message message_;
};

// The text of `error` for a person to read: InputError's shown(), what() of anything else.
inline std::string shown_error(const std::exception& error) {
  if (const auto* input = dynamic_cast<const InputError*>(&error)) return input->shown();
  return error.what();
}

}  // namespace simarena
