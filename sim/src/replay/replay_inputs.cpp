#include "simarena/replay/replay_inputs.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "simarena/base/content_hash.h"
#include "simarena/base/input_error.h"
#include "simarena/replay/replay_format.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_spec.h"

namespace simarena {
namespace fs = std::filesystem;
namespace {

using Role = ReplayInput::Role;

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), tr_noop("cannot read this file to carry it in the replay"));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Files an MJCF names (mesh, texture, height field, include), looked up as
// MuJoCo does: relative to the MJCF's folder or its compiler's asset folders.
// Included MJCF files are searched in turn.
void add_mjcf_files(const fs::path& mjcf, const fs::path& model_dir, const fs::path& robot_dir,
                    std::set<fs::path>& seen, std::vector<ReplayInput>& out, int depth) {
  static const std::regex attribute(R"re(\b(file|meshdir|texturedir|assetdir)\s*=\s*"([^"]*)")re");
  const std::string text = read_bytes(mjcf);
  std::vector<fs::path> dirs = {model_dir};
  std::vector<std::string> files;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), attribute); it != std::sregex_iterator(); ++it) {
    if ((*it)[1] == "file")
      files.push_back((*it)[2]);
    else
      dirs.push_back(model_dir / (*it)[2].str());
  }
  for (const std::string& file : files)
    for (const fs::path& dir : dirs) {
      const fs::path p = (dir / file).lexically_normal();
      std::error_code ec;
      if (!fs::is_regular_file(p, ec)) continue;
      if (seen.insert(p).second) {
        out.push_back({Role::robot_file, p.lexically_relative(robot_dir).generic_string(), read_bytes(p)});
        if (p.extension() == ".xml" && depth < 8) add_mjcf_files(p, model_dir, robot_dir, seen, out, depth + 1);
      }
      break;
    }
}

// `name` placed under `base`, refused unless it stays inside `root`.
fs::path place(const fs::path& root, const fs::path& base, const std::string& name, const std::string& replay) {
  const fs::path relative(name);
  if (name.empty() || relative.is_absolute())
    throw InputError(replay, tr_noop("carried file name '%s' is not a relative path; the replay was modified"), name);
  const fs::path target = (base / relative).lexically_normal();
  const fs::path inside = target.lexically_relative(root);
  if (inside.empty() || *inside.begin() == ".." || !target.has_filename())
    throw InputError(replay, tr_noop("carried file name '%s' leaves its folder; the replay was modified"), name);
  return target;
}

bool plain_file_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos;
}

}  // namespace

const char* replay_input_role(Role role) {
  switch (role) {
    case Role::robot:
      return "robot";
    case Role::robot_file:
      return "robot_file";
    case Role::track:
      return "track";
    case Role::rules:
      return "rules";
    case Role::track_base:
      return "track_base";
  }
  return "unknown";
}

std::vector<ReplayInput> collect_replay_inputs(const RobotSpec& robot, const std::string& arena,
                                               const SearchPaths& paths) {
  std::vector<ReplayInput> out;
  const fs::path robot_file = fs::absolute(robot.file).lexically_normal();
  const fs::path robot_dir = robot_file.parent_path();
  const fs::path mjcf = fs::absolute(robot.mjcf_path).lexically_normal();
  out.push_back({Role::robot, robot_file.filename().string(), read_bytes(robot_file)});
  out.push_back({Role::robot_file, mjcf.lexically_relative(robot_dir).generic_string(), read_bytes(mjcf)});
  std::set<fs::path> seen = {robot_file, mjcf};
  add_mjcf_files(mjcf, mjcf.parent_path(), robot_dir, seen, out, 0);

  if (arena == kFlatArena) return out;
  const fs::path track_file = find_track(arena, paths);
  const Track track = load_track(track_file);
  out.push_back({Role::track, track_file.filename().string(), read_bytes(track_file)});
  // A variant's base sits beside it (load_track requires that).
  if (!track.base_file.empty())
    out.push_back({Role::track_base, track.base_file.filename().string(), read_bytes(track.base_file)});
  try {
    const fs::path rules_file = find_rules(track.rules, track.file, paths);
    out.push_back({Role::rules, rules_file.filename().string(), read_bytes(rules_file)});
  } catch (const InputError&) {
    // A run on the track without a referee needs no rule set.
  }
  return out;
}

nlohmann::json describe_replay_inputs(const std::vector<ReplayInput>& inputs) {
  nlohmann::json list = nlohmann::json::array();
  for (const ReplayInput& input : inputs)
    list.push_back({{"role", replay_input_role(input.role)},
                    {"name", input.name},
                    {"size", input.bytes.size()},
                    {"hash", hash_text(input.bytes)}});
  return list;
}

void check_replay_inputs(const std::vector<ReplayInput>& inputs, const nlohmann::json& listed,
                         const std::string& replay) {
  if (!listed.is_array() || listed.size() != inputs.size())
    throw InputError(replay, "the replay carries " + std::to_string(inputs.size()) +
                                 " input files but its header lists " +
                                 std::to_string(listed.is_array() ? listed.size() : 0) + "; the replay was modified");
  for (size_t i = 0; i < inputs.size(); ++i) {
    const ReplayInput& input = inputs[i];
    const nlohmann::json& entry = listed[i];
    const std::string what = std::string(replay_input_role(input.role)) + " file '" + input.name + "'";
    if (entry.value("role", "") != replay_input_role(input.role) || entry.value("name", "") != input.name)
      throw InputError(replay, "carried " + what + " is not the one its header lists; the replay was modified");
    const std::string hash = hash_text(input.bytes);
    if (entry.value("hash", "") != hash)
      throw InputError(replay, "carried " + what + " differs from its content hash in the header (" + hash +
                                   " carried, " + entry.value("hash", "") + " listed); the replay was modified");
  }
}

std::vector<uint8_t> encode_replay_input(const ReplayInput& input) {
  replay::ByteWriter w;
  w.put(static_cast<uint8_t>(input.role));
  w.put_string(input.name);
  w.put_string(input.bytes);
  return std::move(w.bytes());
}

ReplayInput decode_replay_input(const uint8_t* payload, size_t size) {
  replay::ByteReader r(payload, size);
  ReplayInput input;
  const auto role = r.get<uint8_t>();
  if (role > static_cast<uint8_t>(Role::track_base))
    throw std::runtime_error("input record has an unknown role " + std::to_string(role));
  input.role = static_cast<Role>(role);
  input.name = r.get_string();
  input.bytes = r.get_string();
  if (!r.done()) throw std::runtime_error("input record has trailing bytes");
  return input;
}

UnpackedReplayInputs::UnpackedReplayInputs(const std::vector<ReplayInput>& inputs, const std::string& replay) {
  std::string folder = (fs::temp_directory_path() / "simarena-replay-XXXXXX").string();
  if (::mkdtemp(folder.data()) == nullptr)
    throw std::runtime_error(folder + ": cannot create a folder for the replay's files: " + std::strerror(errno));
  root_.path = folder;
  const fs::path& root = root_.path;
  // The robot.yaml sits deep enough that the files it names with ../ stay inside.
  fs::path robot_dir = root / "robot";
  size_t depth = 0;
  for (const ReplayInput& input : inputs) {
    if (input.role != Role::robot_file) continue;
    size_t ups = 0;
    for (const auto& part : fs::path(input.name).lexically_normal())
      if (part == "..") ++ups;
    depth = std::max(depth, ups);
  }
  for (size_t i = 0; i < depth; ++i) robot_dir /= "sub";

  for (const ReplayInput& input : inputs) {
    std::optional<fs::path>* single = input.role == Role::robot        ? &robot
                                      : input.role == Role::track      ? &track
                                      : input.role == Role::rules      ? &rules
                                      : input.role == Role::track_base ? &track_base
                                                                       : nullptr;
    if (single && (*single || !plain_file_name(input.name)))
      throw InputError(replay, std::string("carried ") + replay_input_role(input.role) + " file '" + input.name +
                                   "' is a second one or not a plain file name; the replay was modified");
    const fs::path base = input.role == Role::track || input.role == Role::track_base ? root / "track"
                          : input.role == Role::rules                                 ? root / "rules"
                                                                                      : robot_dir;
    const fs::path target = place(root, base, input.name, replay);
    fs::create_directories(target.parent_path());
    std::ofstream out(target, std::ios::binary);
    out.write(input.bytes.data(), static_cast<std::streamsize>(input.bytes.size()));
    if (!out) throw std::runtime_error(target.string() + ": cannot write a file carried by " + replay);
    if (single) *single = target;
  }
}

UnpackedReplayInputs::~UnpackedReplayInputs() = default;

UnpackedReplayInputs::Folder::~Folder() {
  std::error_code ec;
  if (!path.empty()) fs::remove_all(path, ec);  // best effort: a private temporary folder
}

}  // namespace simarena
