#include "simarena/base/yaml_fields.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "simarena/base/input_error.h"
#include "simarena/base/untrusted_text.h"

namespace simarena {
namespace {

constexpr int kMaxNesting = 32;          // robot, track and rule files nest 3 deep
constexpr size_t kMaxNodes = 1'000'000;  // aliases may repeat a node: bounds the walk

// A value quoted back in a message: short, printable.
std::string quoted(const std::string& value) {
  std::string out(1, '\'');  // appended, not "'" + ...: GCC 12 warns wrongly (-Wrestrict) on that
  out += untrusted_text(value, 60);
  out += '\'';
  return out;
}

std::string join(std::initializer_list<const char*> items) {
  std::string out;
  for (const char* item : items) out += (out.empty() ? "" : ", ") + std::string(item);
  return out;
}

}  // namespace

std::optional<Message> name_problem(const std::string& name) {
  if (name.empty()) return Message(tr_noop("must not be empty"));
  if (name.size() > kMaxNameBytes)
    return Message(tr_noop("is %s bytes long; names are at most %s bytes"), name.size(), kMaxNameBytes);
  // untrusted_text() changes exactly the invalid UTF-8 and the control characters (tab aside).
  if (untrusted_text(name, kMaxNameBytes) != name || name.find('\t') != std::string::npos)
    return Message(tr_noop("must be printable UTF-8 text (no control characters, tabs or invalid bytes)"));
  return std::nullopt;
}

YamlFile::YamlFile(const std::filesystem::path& path) : name_(path.string()) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) throw InputError(name_, tr_noop("is a folder, not a YAML file"));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(name_, tr_noop("cannot open file (check the path and that it is readable)"));
  std::string text(kMaxYamlFileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kMaxYamlFileBytes)
    throw InputError(name_, tr_noop("file is larger than %s MiB; robot, track and rule files are a few kB"),
                     kMaxYamlFileBytes >> 20);
  try {
    root_ = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    if (e.mark.is_null()) throw InputError(name_, tr_noop("YAML syntax error: %s"), e.msg);
    throw InputError(name_, e.mark.line + 1, e.mark.column + 1, tr_noop("YAML syntax error: %s"), e.msg);
  }
  if (!root_.IsMap())
    throw InputError(name_, 1, 1, tr_noop("expected a YAML mapping (key: value lines) at the top level"));
  size_t visited = 0;
  reject_duplicate_keys(root_, 0, visited);
}

void YamlFile::reject_duplicate_keys(const YAML::Node& node, int depth, size_t& visited) const {
  if (++visited > kMaxNodes)
    fail(node, tr_noop("too many YAML nodes (aliases repeating aliases?); files are a few kB"));
  if (depth > kMaxNesting) fail(node, Message(tr_noop("nested more than %s levels deep"), kMaxNesting));
  if (node.IsSequence()) {
    for (const YAML::Node& item : node) reject_duplicate_keys(item, depth + 1, visited);
  } else if (node.IsMap()) {
    std::set<std::string> keys;
    for (const auto& entry : node) {
      if (!entry.first.IsScalar()) fail(entry.first, tr_noop("keys must be plain words, not lists or mappings"));
      const std::string& key = entry.first.Scalar();
      if (!keys.insert(key).second)
        fail(entry.first, Message(tr_noop("key %s appears twice in this mapping; keep one"), quoted(key)));
      reject_duplicate_keys(entry.second, depth + 1, visited);
    }
  }
}

void YamlFile::fail(const YAML::Node& at, const Message& message) const {
  const YAML::Mark mark = at.Mark();
  if (mark.is_null()) throw InputError(name_, message);
  throw InputError(name_, mark.line + 1, mark.column + 1, message);
}

YAML::Node YamlFile::require(const YAML::Node& node, const char* key) const {
  expect_map(node, tr_noop("this block"));
  YAML::Node value = node[key];
  if (!value.IsDefined() || value.IsNull()) fail(node, Message(tr_noop("missing required key '%s'"), key));
  return value;
}

double YamlFile::as_number(const YAML::Node& value, const Message& what) const {
  if (!value.IsScalar()) fail(value, Message(tr_noop("%s must be a number"), what));
  double out = 0;
  if (!YAML::convert<double>::decode(value, out) || !std::isfinite(out))
    fail(value, Message(tr_noop("%s must be a finite number, got %s"), what, quoted(value.Scalar())));
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
    fail(value, Message(tr_noop("'%s' must be a whole number"), key));
  return out;
}

int YamlFile::integer(const YAML::Node& node, const char* key, int fallback) const {
  if (!node[key].IsDefined() || node[key].IsNull()) return fallback;
  return integer(node, key);
}

std::string YamlFile::text(const YAML::Node& node, const char* key) const {
  const YAML::Node value = require(node, key);
  if (!value.IsScalar()) fail(value, Message(tr_noop("'%s' must be a string"), key));
  if (value.Scalar().size() > kMaxTextBytes)
    fail(value, Message(tr_noop("'%s' is %s bytes long; at most %s bytes are allowed"), key, value.Scalar().size(),
                        kMaxTextBytes));
  // Descriptions end up in terminals and web pages: line breaks and tabs are text, other controls are not.
  std::string flat = value.Scalar();
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  if (untrusted_text(flat, kMaxTextBytes) != flat)
    fail(value, Message(tr_noop("'%s' must be UTF-8 text without control characters"), key));
  return value.Scalar();
}

std::string YamlFile::name(const YAML::Node& node, const char* key) const {
  const std::string value = text(node, key);
  if (const auto problem = name_problem(value))
    fail(node[key], Message(tr_noop("'%s' %s, got %s"), key, *problem, quoted(value)));
  return value;
}

std::string YamlFile::name(const YAML::Node& node, const char* key, const std::string& fallback) const {
  if (!node[key].IsDefined() || node[key].IsNull()) return fallback;
  return name(node, key);
}

std::string YamlFile::text(const YAML::Node& node, const char* key, const std::string& fallback) const {
  if (!node[key].IsDefined() || node[key].IsNull()) return fallback;
  return text(node, key);
}

std::string YamlFile::choice(const YAML::Node& node, const char* key,
                             std::initializer_list<const char*> allowed) const {
  const std::string value = text(node, key);
  if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return value == a; }))
    fail(node[key], Message(tr_noop("'%s' is %s; allowed: %s"), key, quoted(value), join(allowed)));
  return value;
}

std::vector<double> YamlFile::numbers(const YAML::Node& node, const char* key, size_t size) const {
  const YAML::Node value = require(node, key);
  if (!value.IsSequence() || (size > 0 && value.size() != size))
    fail(value, size > 0 ? Message(tr_noop("'%s' must be a list of %s numbers, like [1.0, 2.0]"), key, size)
                         : Message(tr_noop("'%s' must be a list of numbers, like [1.0, 2.0]"), key));
  std::vector<double> out;
  for (size_t i = 0; i < value.size(); ++i)
    out.push_back(as_number(value[i], std::string("'") + key + "[" + std::to_string(i) + "]'"));
  return out;
}

void YamlFile::expect_map(const YAML::Node& node, const Message& what) const {
  if (!node.IsMap()) fail(node, Message(tr_noop("%s must be a mapping of key: value"), what));
}

void YamlFile::expect_sequence(const YAML::Node& node, const Message& what) const {
  if (!node.IsSequence()) fail(node, Message(tr_noop("%s must be a list (lines starting with '- ')"), what));
}

void YamlFile::only_keys(const YAML::Node& node, std::initializer_list<const char*> allowed) const {
  expect_map(node, tr_noop("this block"));
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
      fail(entry.first, Message(tr_noop("unknown key %s; allowed here: %s"), quoted(key), join(allowed)));
  }
}

}  // namespace simarena
