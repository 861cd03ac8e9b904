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
        if (!detail::parse_double(text, value)) return "expected " + what + " (a number > 0), got '" + text + "'";
        if (!(value > 0) || value == std::numeric_limits<double>::infinity())
          return "must be > 0 (" + what + "), got " + text;
        return {};
      },
      "POSITIVE");
}

// A number >= 0.
inline CLI::Validator non_negative_number(const std::string& what) {
  return CLI::Validator(
      [what](std::string& text) -> std::string {
        double value = 0;
        if (!detail::parse_double(text, value)) return "expected " + what + " (a number >= 0), got '" + text + "'";
        if (!(value >= 0) || value == std::numeric_limits<double>::infinity())
          return "must be >= 0 (" + what + "), got " + text;
        return {};
      },
      "NONNEGATIVE");
}

// A whole number in [lo, hi] (default: any unsigned 64-bit integer).
inline CLI::Validator unsigned_integer(uint64_t lo = 0, uint64_t hi = std::numeric_limits<uint64_t>::max()) {
  const std::string range =
      hi == std::numeric_limits<uint64_t>::max()
          ? (lo == 0 ? "an unsigned integer: 0, 1, 2, ..." : "an integer >= " + std::to_string(lo))
          : "an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  return CLI::Validator(
      [lo, hi, range](std::string& text) -> std::string {
        uint64_t value = 0;
        if (!detail::parse_unsigned(text, value) || value < lo || value > hi)
          return "expected " + range + ", got '" + text + "'";
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
          return text + ": no such " + (folder ? "folder" : "file") + "; give " + what;
        if (folder && !std::filesystem::is_directory(status)) return text + ": not a folder; give " + what;
        if (!folder && std::filesystem::is_directory(status)) return text + ": a folder, not a file; give " + what;
        return {};
      },
      folder ? "DIR" : "FILE");
}

}  // namespace simarena::cli
