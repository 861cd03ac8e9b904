// A test input made broken on purpose: `text` with its first `find`
// replaced by `replace`, written to `file`. Fails the test when `find` is
// not in the text (the test's premise would be wrong).
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

namespace simarena::test {

inline std::filesystem::path write_edited_copy(std::string text, const std::string& find, const std::string& replace,
                                               const std::filesystem::path& file) {
  const size_t at = text.find(find);
  REQUIRE(at != std::string::npos);
  text.replace(at, find.size(), replace);
  std::ofstream(file) << text;
  return file;
}

}  // namespace simarena::test
