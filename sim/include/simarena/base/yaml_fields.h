// Typed, located access to YAML documents. Every failure throws InputError
// naming the file, line and column of the offending node and what was
// expected there. Unknown keys are errors too: a misspelt key in a robot or
// track file must not be silently ignored; so are duplicated keys (YAML
// parsers silently keep one), non-finite numbers and over-long strings.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "simarena/base/message.h"
#include "simarena/base/messages.h"

namespace simarena {

inline constexpr size_t kMaxYamlFileBytes = 4 << 20;  // robot, track and rule files are a few kB
inline constexpr size_t kMaxTextBytes = 4096;         // any string value (descriptions, paths)
inline constexpr size_t kMaxNameBytes = 64;           // names: robot, track, joints, checkpoints, MJCF names

// Why `name` is not a usable name (empty, longer than kMaxNameBytes, not
// valid UTF-8, or holding control characters), or nothing when it is.
std::optional<Message> name_problem(const std::string& name);

class YamlFile {
 public:
  // Parses `path`; throws InputError on I/O or syntax errors.
  explicit YamlFile(const std::filesystem::path& path);

  const YAML::Node& root() const { return root_; }
  const std::string& name() const { return name_; }

  [[noreturn]] void fail(const YAML::Node& at, const Message& message) const;

  // Required and optional fields of the map `node`.
  YAML::Node require(const YAML::Node& node, const char* key) const;
  double number(const YAML::Node& node, const char* key) const;
  double number(const YAML::Node& node, const char* key, double fallback) const;
  int integer(const YAML::Node& node, const char* key) const;
  int integer(const YAML::Node& node, const char* key, int fallback) const;
  std::string text(const YAML::Node& node, const char* key) const;
  std::string text(const YAML::Node& node, const char* key, const std::string& fallback) const;
  // A name: printable UTF-8 (any script), at most kMaxNameBytes bytes.
  std::string name(const YAML::Node& node, const char* key) const;
  std::string name(const YAML::Node& node, const char* key, const std::string& fallback) const;
  // One of `allowed`; the error lists them.
  std::string choice(const YAML::Node& node, const char* key, std::initializer_list<const char*> allowed) const;
  // A sequence of exactly `size` numbers (size 0: any length).
  std::vector<double> numbers(const YAML::Node& node, const char* key, size_t size) const;

  // Scalar conversions of a node that is itself the value.
  double as_number(const YAML::Node& value, const Message& what) const;

  void expect_map(const YAML::Node& node, const Message& what) const;
  void expect_sequence(const YAML::Node& node, const Message& what) const;
  // Rejects keys of `node` not in `allowed`, listing the allowed ones.
  void only_keys(const YAML::Node& node, std::initializer_list<const char*> allowed) const;

 private:
  // Rejects a key that appears twice in one mapping, anywhere in the file.
  void reject_duplicate_keys(const YAML::Node& node, int depth, size_t& visited) const;

  std::string name_;
  YAML::Node root_;
};

}  // namespace simarena
