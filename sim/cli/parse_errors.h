// CLI11's own parse errors ("--replay is required", "Could not convert: ...")
// in the user's language. CLI11 writes them in English only, so they are
// told apart by exception type and rewritten from the parts of the text
// CLI11 builds them from (the option's name kept as typed); a shape this
// table does not know is shown as CLI11 wrote it.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "simarena/base/formatted.h"
#include "simarena/base/messages.h"

namespace simarena::cli {

namespace parse_error_parts {

// The text between `before` and `after` when `text` is exactly before + X + after.
inline std::optional<std::string> between(std::string_view text, std::string_view before, std::string_view after) {
  if (text.size() < before.size() + after.size() || !text.starts_with(before) || !text.ends_with(after))
    return std::nullopt;
  return std::string(text.substr(before.size(), text.size() - before.size() - after.size()));
}

// "A<separator>B" split at the first separator.
inline std::optional<std::pair<std::string, std::string>> split(std::string_view text, std::string_view separator) {
  const size_t at = text.find(separator);
  if (at == std::string_view::npos || at == 0) return std::nullopt;
  return std::pair{std::string(text.substr(0, at)), std::string(text.substr(at + separator.size()))};
}

}  // namespace parse_error_parts

inline std::string translated_parse_error(const CLI::ParseError& error) {
  using namespace parse_error_parts;
  const std::string_view text = error.what();
  if (dynamic_cast<const CLI::RequiredError*>(&error)) {
    if (const auto name = between(text, "", " is required")) return formatted(tr("%s is required"), name->c_str());
  } else if (dynamic_cast<const CLI::ConversionError*>(&error)) {
    if (const auto parts = split(text, " is not an allowed value for ");
        parts && parts->first.starts_with("The value "))
      return formatted(tr("%s: the value %s is not allowed"), parts->second.c_str(), parts->first.substr(10).c_str());
    if (const auto rest = between(text, "Could not convert: ", ""))
      if (const auto parts = split(*rest, " = "))
        return formatted(tr("%s: cannot read '%s' as this option's value"), parts->first.c_str(),
                         parts->second.c_str());
    if (const auto name = between(text, "", ": too many inputs for a flag"))
      return formatted(tr("%s is a flag: it takes no value"), name->c_str());
    if (const auto name = between(text, "", ": Should be true/false or a number"))
      return formatted(tr("%s: give true, false or a number"), name->c_str());
  } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&error)) {
    if (const auto parts = split(text, ": "); parts && parts->second.ends_with(" missing"))
      return formatted(tr("%s needs a value"), parts->first.c_str());
  } else if (dynamic_cast<const CLI::RequiresError*>(&error)) {
    if (const auto parts = split(text, " requires "))
      return formatted(tr("%s needs %s as well"), parts->first.c_str(), parts->second.c_str());
  } else if (dynamic_cast<const CLI::ExcludesError*>(&error)) {
    if (const auto parts = split(text, " excludes "))
      return formatted(tr("%s cannot be used together with %s"), parts->first.c_str(), parts->second.c_str());
  } else if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
    for (const std::string_view lead :
         {"The following argument was not expected: ", "The following arguments were not expected: "})
      if (const auto extras = between(text, lead, ""))
        return formatted(tr("unexpected arguments: %s"), extras->c_str());
  } else if (dynamic_cast<const CLI::ValidationError*>(&error)) {
    // The check's own words are simarena's (option_checks.h, translated
    // already) or CLI11's "X not in {a,b}" for a choice.
    if (const auto parts = split(text, ": "))
      if (const auto choice = split(parts->second, " not in {"); choice && choice->second.ends_with("}"))
        return formatted(tr("%s: '%s' is not one of %s"), parts->first.c_str(), choice->first.c_str(),
                         ("{" + choice->second).c_str());
  }
  return std::string(text);
}

}  // namespace simarena::cli
