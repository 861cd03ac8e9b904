// A message kept as its English format and its arguments, so that it can be
// written in English where text is data (result files, runs.jsonl, logs) and
// shown translated where a person reads it (the CLI, the viewer). The format
// is marked with tr_noop() where it is written, so xgettext puts it in the
// catalogue; it takes %s only (a translation may reorder with %1$s, %2$s),
// and every argument is text: a name, a path, a number already written out,
// or another Message, translated with it.
#pragma once

#include <concepts>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace simarena {

class Message {
 public:
  // Text shown as written in every language (a message built before there
  // were formats, or text that is not the simulator's: MuJoCo's, YAML's).
  Message(std::string verbatim) : verbatim_(true), format_(std::move(verbatim)) {}  // NOLINT: implicit on purpose

  // `english` (marked with tr_noop) with one argument for each %s.
  template <typename... Arguments>
  Message(const char* english, const Arguments&... arguments) : format_(english) {  // NOLINT: implicit on purpose
    (arguments_.push_back(argument(arguments)), ...);
  }

  // The message in English: what files and logs keep.
  std::string english() const { return fill(false); }
  // The message in the language tr() translates into.
  std::string shown() const { return fill(true); }

 private:
  struct Argument {
    std::string text;
    std::shared_ptr<const Message> nested;  // translated with the message when set
  };
  static Argument argument(const Message& nested) { return {"", std::make_shared<const Message>(nested)}; }
  static Argument argument(std::string_view text) { return {std::string(text), nullptr}; }
  static Argument argument(const std::string& text) { return {text, nullptr}; }
  static Argument argument(const char* text) { return {text == nullptr ? "" : text, nullptr}; }
  template <std::integral Number>
  requires(!std::same_as<Number, bool> && !std::same_as<Number, char>) static Argument argument(Number number) {
    return {std::to_string(number), nullptr};
  }
  // Numbers with a fraction are written by the caller, in the precision the message needs.
  static Argument argument(double) = delete;

  std::string fill(bool translated) const;

  bool verbatim_ = false;
  std::string format_;
  std::vector<Argument> arguments_;
};

}  // namespace simarena
