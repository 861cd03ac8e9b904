// Checks for numeric options whose messages say what is expected in plain
// words ("must be > 0"), instead of CLI11's bounds printed as 300-digit
// numbers or a bare "could not convert". CLI11 prefixes the option's name.
#pragma once

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <string>

#include "simarena/base/formatted.h"
#include "simarena/base/messages.h"

namespace simarena::cli {

namespace detail {

// The number in `text`, or false when it is not one whole number.
inline bool parse_double(const std::string& text, double& value) {
  errno = 0;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return !text.empty() && errno == 0 && end != text.c_str() && *end == '\0';
}

inline bool parse_unsigned(const std::string& text, uint64_t& value) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return false;
  errno = 0;
  value = std::strtoull(text.c_str(), nullptr, 10);
  return errno == 0;
}

}  // namespace detail

// A number > 0, e.g. simulated seconds: `what` names the unit in the message.
inline CLI::Validator positive_number(const std::string& what) {
  return CLI::Validator(
      [what](std::string& text) -> std::string {
        double value = 0;
        if (!detail::parse_double(text, value))
          return formatted(tr("expected %s (a number > 0), got '%s'"), what.c_str(), text.c_str());
        if (!(value > 0) || value == std::numeric_limits<double>::infinity())
          return formatted(tr("must be > 0 (%s), got %s"), what.c_str(), text.c_str());
        return {};
      },
      "POSITIVE");
}

// A number >= 0.
inline CLI::Validator non_negative_number(const std::string& what) {
  return CLI::Validator(
      [what](std::string& text) -> std::string {
        double value = 0;
        if (!detail::parse_double(text, value))
          return formatted(tr("expected %s (a number >= 0), got '%s'"), what.c_str(), text.c_str());
        if (!(value >= 0) || value == std::numeric_limits<double>::infinity())
          return formatted(tr("must be >= 0 (%s), got %s"), what.c_str(), text.c_str());
        return {};
      },
      "NONNEGATIVE");
}

// A whole number in [lo, hi] (default: any unsigned 64-bit integer).
inline CLI::Validator unsigned_integer(uint64_t lo = 0, uint64_t hi = std::numeric_limits<uint64_t>::max()) {
  const std::string range =
      hi == std::numeric_limits<uint64_t>::max()
          ? (lo == 0 ? std::string(tr("an unsigned integer: 0, 1, 2, ..."))
                     : formatted(tr("an integer >= %s"), std::to_string(lo).c_str()))
          : formatted(tr("an integer from %s to %s"), std::to_string(lo).c_str(), std::to_string(hi).c_str());
  return CLI::Validator(
      [lo, hi, range](std::string& text) -> std::string {
        uint64_t value = 0;
        if (!detail::parse_unsigned(text, value) || value < lo || value > hi)
          return formatted(tr("expected %s, got '%s'"), range.c_str(), text.c_str());
        return {};
      },
      lo == 0 && hi == std::numeric_limits<uint64_t>::max()
          ? ""
          : "[" + std::to_string(lo) + ".." + std::to_string(hi) + "]");
}

// A file (or a folder) that must exist already: `what` says what it should be.
inline CLI::Validator existing_path(const std::string& what, bool folder = false) {
  return CLI::Validator(
      [what, folder](std::string& text) -> std::string {
        std::error_code error;
        const auto status = std::filesystem::status(text, error);
        if (!std::filesystem::exists(status))
          return formatted(folder ? tr("%s: no such folder; give %s") : tr("%s: no such file; give %s"), text.c_str(),
                           what.c_str());
        if (folder && !std::filesystem::is_directory(status))
          return formatted(tr("%s: not a folder; give %s"), text.c_str(), what.c_str());
        if (!folder && std::filesystem::is_directory(status))
          return formatted(tr("%s: a folder, not a file; give %s"), text.c_str(), what.c_str());
        return {};
      },
      folder ? "DIR" : "FILE");
}

// A file to be written, whose folder must exist already: checked before a
// run, not after it, so a typo in the folder does not cost the whole run.
inline CLI::Validator in_existing_folder() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const std::filesystem::path folder = std::filesystem::path(text).parent_path();
        std::error_code error;
        if (folder.empty() || std::filesystem::is_directory(folder, error)) return {};
        return formatted(tr("%s: the folder %s does not exist; create it (mkdir -p %s) or write elsewhere"),
                         text.c_str(), folder.c_str(), folder.c_str());
      },
      "FILE");
}

}  // namespace simarena::cli
