// Shared fixtures for the tests: the shipped robots and test plugins.
#pragma once

#include <string>

#include "simarena/robot_spec.h"

namespace simarena::test {

inline std::string source_path(const std::string& relative) {
  return std::string(SIMARENA_SOURCE_DIR) + "/" + relative;
}
inline std::string plugin_path(const std::string& name) { return std::string(TEST_PLUGIN_DIR) + "/" + name + ".so"; }
inline RobotSpec cyberdog2() { return load_robot_spec(source_path("models/cyberdog2/robot.yaml")); }
inline RobotSpec minidog() { return load_robot_spec(source_path("tests/robots/minidog/robot.yaml")); }

}  // namespace simarena::test
