#include "simarena/yaml_fields.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "simarena/input_error.h"

namespace simarena {
namespace {

std::string join(std::initializer_list<const char*> items) {
  std::string out;
  for (const char* item : items) out += (out.empty() ? "" : ", ") + std::string(item);
  return out;
}

}  // namespace

YamlFile::YamlFile(const std::filesystem::path& path) : name_(path.string()) {
  std::ifstream in(path);
  if (!in) throw InputError(name_, "cannot open file (check the path and that it is readable)");
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    root_ = YAML::Load(buffer.str());
  } catch (const YAML::ParserException& e) {
    throw InputError(name_, e.mark.line + 1, e.mark.column + 1, "YAML syntax error: " + e.msg);
  }
  if (!root_.IsMap()) throw InputError(name_, 1, 1, "expected a YAML mapping (key: value lines) at the top level");
}

void YamlFile::fail(const YAML::Node& at, const std::string& message) const {
  const YAML::Mark mark = at.Mark();
  if (mark.is_null()) throw InputError(name_, message);
  throw InputError(name_, mark.line + 1, mark.column + 1, message);
}

YAML::Node YamlFile::require(const YAML::Node& node, const char* key) const {
  expect_map(node, "this block");
  YAML::Node value = node[key];
  if (!value.IsDefined() || value.IsNull()) fail(node, std::string("missing required key '") + key + "'");
  return value;
}

double YamlFile::as_number(const YAML::Node& value, const std::string& what) const {
  if (!value.IsScalar()) fail(value, what + " must be a number");
  double out = 0;
  if (!YAML::convert<double>::decode(value, out) || !std::isfinite(out))
    fail(value, what + " must be a finite number, got '" + value.Scalar() + "'");
  return out;
}

double YamlFile::number(const YAML::Node& node, const char* key) const {
  return as_number(require(node, key), std::string("'") + key + "'");
}

double YamlFile::number(const YAML::Node& node, const char* key, double fallback) const {
  if (!node[key].IsDefined() || node[key].IsNull()) return fallback;
  return number(node, key);
}

int YamlFile::integer(const YAML::Node& node, const char* key) const {
  const YAML::Node value = require(node, key);
  int out = 0;
  if (!value.IsScalar() || !YAML::convert<int>::decode(value, out))
    fail(value, std::string("'") + key + "' must be a whole number");
  return out;
}

int YamlFile::integer(const YAML::Node& node, const char* key, int fallback) const {
  if (!node[key].IsDefined() || node[key].IsNull()) return fallback;
  return integer(node, key);
}

std::string YamlFile::text(const YAML::Node& node, const char* key) const {
  const YAML::Node value = require(node, key);
  if (!value.IsScalar()) fail(value, std::string("'") + key + "' must be a string");
  return value.Scalar();
}

std::string YamlFile::text(const YAML::Node& node, const char* key, const std::string& fallback) const {
  if (!node[key].IsDefined() || node[key].IsNull()) return fallback;
  return text(node, key);
}

std::string YamlFile::choice(const YAML::Node& node, const char* key,
                             std::initializer_list<const char*> allowed) const {
  const std::string value = text(node, key);
  if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return value == a; }))
    fail(node[key], std::string("'") + key + "' is '" + value + "'; allowed: " + join(allowed));
  return value;
}

std::vector<double> YamlFile::numbers(const YAML::Node& node, const char* key, size_t size) const {
  const YAML::Node value = require(node, key);
  if (!value.IsSequence() || (size > 0 && value.size() != size))
    fail(value, std::string("'") + key + "' must be a list of " + (size > 0 ? std::to_string(size) + " " : "") +
                    "numbers, like [1.0, 2.0]");
  std::vector<double> out;
  for (size_t i = 0; i < value.size(); ++i)
    out.push_back(as_number(value[i], std::string("'") + key + "[" + std::to_string(i) + "]'"));
  return out;
}

void YamlFile::expect_map(const YAML::Node& node, const std::string& what) const {
  if (!node.IsMap()) fail(node, what + " must be a mapping of key: value");
}

void YamlFile::expect_sequence(const YAML::Node& node, const std::string& what) const {
  if (!node.IsSequence()) fail(node, what + " must be a list (lines starting with '- ')");
}

void YamlFile::only_keys(const YAML::Node& node, std::initializer_list<const char*> allowed) const {
  expect_map(node, "this block");
  for (const auto& entry : node) {
    const std::string key = entry.first.as<std::string>();
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
      fail(entry.first, "unknown key '" + key + "'; allowed here: " + join(allowed));
  }
}

}  // namespace simarena
