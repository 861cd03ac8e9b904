// Parameter strings for controllers: "key=value,key=value" (commas, semicolons
// or spaces separate pairs). Reading a key marks it known; finish() rejects
// any key that was never read, so a typo in a parameter is an error, not a
// silently ignored setting.
#pragma once

#include <cerrno>
#include <cstdlib>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

namespace simarena {

class Params {
 public:
  explicit Params(const std::string& text) {
    std::string token;
    auto flush = [&] {
      if (token.empty()) return;
      const auto eq = token.find('=');
      if (eq == std::string::npos || eq == 0)
        throw std::invalid_argument("parameter '" + token + "' is not of the form key=value");
      values_[token.substr(0, eq)] = token.substr(eq + 1);
      token.clear();
    };
    for (char c : text) {
      if (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n')
        flush();
      else
        token += c;
    }
    flush();
  }

  // The number under `key`, or `fallback` when absent. Throws on a non-number.
  double number(const std::string& key, double fallback) {
    known_.insert(key);
    const auto it = values_.find(key);
    if (it == values_.end()) return fallback;
    errno = 0;
    char* end = nullptr;
    const double value = std::strtod(it->second.c_str(), &end);
    if (errno != 0 || end == it->second.c_str() || *end != '\0')
      throw std::invalid_argument("parameter " + key + "=" + it->second + " is not a number");
    return value;
  }

  // Like number(), and also checks lo <= value <= hi.
  double number(const std::string& key, double fallback, double lo, double hi) {
    const double value = number(key, fallback);
    if (!(value >= lo && value <= hi))
      throw std::invalid_argument("parameter " + key + "=" + std::to_string(value) + " is outside [" +
                                  std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return value;
  }

  // Throws if the string held keys that no number() call asked for, naming
  // every such key and the keys the controller does read. Call it after the
  // last number(): a typo in a parameter is then an error, not a silently
  // ignored setting.
  void finish() const {
    std::string unused;
    for (const auto& [key, value] : values_)
      if (!known_.count(key)) unused += std::string(unused.empty() ? "" : ", ") + "'" + key + "'";
    if (unused.empty()) return;
    const bool several = unused.find(',') != std::string::npos;
    if (known_.empty())
      throw std::invalid_argument("this controller takes no parameters; unused: " + unused + " (drop -p)");
    std::string allowed;
    for (const auto& k : known_) allowed += (allowed.empty() ? "" : ", ") + k;
    throw std::invalid_argument(std::string(several ? "unknown parameters " : "unknown parameter ") + unused +
                                " (known: " + allowed + ")");
  }

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> known_;
};

}  // namespace simarena
