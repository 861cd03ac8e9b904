// Content hashes (XXH3-128, hex) of the files a result depends on, so a
// replay or score sheet can say exactly which robot, track and controller
// produced it. Not cryptographic: they identify, they do not sign.
#pragma once

#include <filesystem>
#include <string>

namespace simarena {

std::string hash_text(const std::string& text);
// Throws std::runtime_error naming the file when it cannot be read.
std::string hash_file(const std::filesystem::path& path);

// One string naming this build: simarena and MuJoCo versions, compiler,
// optimisation and sanitizers. Replays from another build may not match.
std::string build_id();

}  // namespace simarena
