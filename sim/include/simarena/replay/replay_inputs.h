// The input files a replay carries (format 2), so that it re-simulates from
// the replay file alone on any machine with the same build: the robot
// description, its MJCF and the files the MJCF names, the track and its rule
// set. They are small (tens of kB). The record checksums and the content
// hashes in the header cover them, so a modified copy fails verification.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "simarena/base/search_paths.h"
#include "simarena/physics/robot_spec.h"

namespace simarena {

struct ReplayInput {
  enum class Role : uint8_t { robot = 0, robot_file = 1, track = 2, rules = 3, track_base = 4 };
  Role role = Role::robot;
  // robot, track, rules: the file's name; robot_file: its path relative to
  // the robot.yaml's folder (may start with ../).
  std::string name;
  std::string bytes;
};

const char* replay_input_role(ReplayInput::Role role);

// Reads the files a run of `robot` on `arena` ("flat", a track name or a
// track path) needs to be re-simulated, in a fixed order. A track whose rule
// set cannot be found is carried without one (only a refereed run needs it).
std::vector<ReplayInput> collect_replay_inputs(const RobotSpec& robot, const std::string& arena,
                                               const SearchPaths& paths);

// For the header: [{role, name, size, hash}] in record order.
nlohmann::json describe_replay_inputs(const std::vector<ReplayInput>& inputs);

// Throws InputError (naming `replay`) when the carried files are not the
// ones the header lists (changed, missing, added or reordered).
void check_replay_inputs(const std::vector<ReplayInput>& inputs, const nlohmann::json& listed,
                         const std::string& replay);

// One input record's payload: u8 role | u32 n + name | u32 n + bytes.
std::vector<uint8_t> encode_replay_input(const ReplayInput& input);
ReplayInput decode_replay_input(const uint8_t* payload, size_t size);

// The carried files written into a private temporary folder, in their
// original layout, so the ordinary loaders read them; removed with this
// object. Names that would leave the folder are refused (InputError).
class UnpackedReplayInputs {
 public:
  UnpackedReplayInputs(const std::vector<ReplayInput>& inputs, const std::string& replay);
  ~UnpackedReplayInputs();
  UnpackedReplayInputs(const UnpackedReplayInputs&) = delete;
  UnpackedReplayInputs& operator=(const UnpackedReplayInputs&) = delete;

  std::optional<std::filesystem::path> robot, track, rules, track_base;  // track_base: a variant track's base file

 private:
  struct Folder {  // removed even when the constructor throws half-way
    std::filesystem::path path;
    ~Folder();
  };
  Folder root_;
};

}  // namespace simarena
