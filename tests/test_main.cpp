// The Catch2 runner, with the language of messages pinned to English: the
// tests read the English messages, and the CLI they start inherits the
// pinning, whatever LANG the person running them has (a Chinese student's
// LANG=zh_CN.UTF-8 included). Tests of the Chinese messages set it themselves.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstdlib>

int main(int argc, char* argv[]) {
  setenv("LC_ALL", "C.UTF-8", 1);
  unsetenv("LANGUAGE");
  return Catch::Session().run(argc, argv);
}
