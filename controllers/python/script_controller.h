// One Python controller: the user's script run in a fresh module, its
// CustomInterface subclass made, and one user_code call per control period
// on NumPy views of the structs below (they live in a Python bytearray, so
// a view the script keeps never dangles). Every method needs the GIL.
#pragma once

#include <pybind11/pybind11.h>
#include <simarena/controller.h>

#include <string>
#include <vector>

#include "host_link.h"

namespace simarena::python {

// What create() was given, kept for attach().
struct ControllerSetup {
  std::string robot_name;
  std::vector<std::string> joint_names;
  double control_period = 0.002;
  std::string params;
};

class ScriptController {
 public:
  // Runs the script and makes its controller. Throws std::runtime_error in
  // plain words: a syntax error with file:line:column, an exception with
  // the traceback's last lines, no or several controller classes.
  ScriptController(const std::string& script, const ControllerSetup& setup, const HostLink& host);

  // One control period, as the C++ SDK's HostTick: the command arrives
  // holding the previous one. Returns a SimarenaStepStatus; on an exception,
  // SIMARENA_STEP_ERROR with the words in `error`.
  int step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd, std::string& error);
  void set_course_info(const SimarenaCourseInfo& info);

 private:
  struct Structs {
    SimarenaRobotData data;
    SimarenaMotorCmd cmd;
    SimarenaCourseInfo course;
  };
  pybind11::object buffer_;  // a bytearray holding Structs; the views' base
  Structs* structs_;         // inside buffer_
  pybind11::object robot_data_, course_info_;
  pybind11::object controller_, user_code_;
  long every_ = 1;  // user_code runs every k-th period (loop_rate)
  long tick_ = 0;
  pybind11::object interval_name_, err_flag_name_;  // interned attribute names
};

// The exception being handled, in the simarena module's plain words.
std::string exception_words(const pybind11::error_already_set& error);

}  // namespace simarena::python
