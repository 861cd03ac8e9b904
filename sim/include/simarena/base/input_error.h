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

#include <memory>
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
        where_(std::make_shared<const Where>(Where{file, line, column, std::move(message)})) {}
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
  std::string shown() const { return located(where_->file, where_->line, where_->column, where_->message.shown()); }

  const std::string& file() const { return where_->file; }
  int line() const { return where_->line; }
  int column() const { return where_->column; }
  // What went wrong, without the place.
  const Message& message() const { return where_->message; }

 private:
  static std::string located(const std::string& file, int line, int column, const std::string& message);

  // Shared, so that copying the exception cannot throw (as runtime_error's own text).
  struct Where {
    std::string file;
    int line = 0;
    int column = 0;
    Message message;
  };
  std::shared_ptr<const Where> where_;
};

// The text of `error` for a person to read: InputError's shown(), what() of anything else.
inline std::string shown_error(const std::exception& error) {
  if (const auto* input = dynamic_cast<const InputError*>(&error)) return input->shown();
  return error.what();
}

}  // namespace simarena
