// A user's text file read whole, up to a bound: errors name the file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "simarena/base/message.h"

namespace simarena {

// The file's first `most` + 1 bytes at most (more than `most` read means
// the file is too large: the caller says so in its own words). Throws
// InputError naming the file: `not_a_file` when it is not a regular
// readable file, or that it cannot be opened.
std::string read_bounded_file(const std::filesystem::path& path, size_t most, Message not_a_file);

}  // namespace simarena
