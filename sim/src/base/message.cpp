#include "simarena/base/message.h"

#include <cctype>

#include "simarena/base/messages.h"

namespace simarena {

std::string Message::fill(bool translated) const {
  if (verbatim_) return format_;
  const std::string format = translated ? tr(format_.c_str()) : format_;
  auto text_of = [&](size_t index) -> std::string {
    if (index >= arguments_.size()) return "";
    const Argument& a = arguments_[index];
    return a.nested ? (translated ? a.nested->shown() : a.nested->english()) : a.text;
  };
  // %s takes the next argument, %N$s the N-th, %% is '%'; anything else is copied as it is.
  std::string out;
  size_t next = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 == format.size()) {
      out += format[i];
      continue;
    }
    if (format[i + 1] == '%') {
      out += '%';
      ++i;
    } else if (format[i + 1] == 's') {
      out += text_of(next++);
      ++i;
    } else {
      size_t j = i + 1, position = 0;
      while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j])))
        position = position * 10 + static_cast<size_t>(format[j++] - '0');
      if (position > 0 && j + 1 < format.size() && format[j] == '$' && format[j + 1] == 's') {
        out += text_of(position - 1);
        i = j + 1;
      } else {
        out += format[i];
      }
    }
  }
  return out;
}

}  // namespace simarena
