#include "script_controller.h"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstddef>
#include <cstring>
#include <stdexcept>

namespace py = pybind11;

namespace simarena::python {
namespace {

// A float32 (or T) view of `count` elements at `address` inside `owner`.
template <class T>
py::array view(const py::object& owner, void* address, size_t count, bool writable) {
  py::array array(py::dtype::of<T>(), {static_cast<py::ssize_t>(count)}, {static_cast<py::ssize_t>(sizeof(T))}, address,
                  owner);
  if (!writable) array.attr("setflags")(py::arg("write") = false);
  return array;
}

}  // namespace

std::string exception_words(const py::error_already_set& error) {
  try {
    // The traceback fetched with the error is the whole one (the exception's
    // own may be older, as for an ImportError); the words' "at file:line".
    if (error.trace()) PyException_SetTraceback(error.value().ptr(), error.trace().ptr());
    return py::module_::import("simarena").attr("exception_words")(error.value()).cast<std::string>();
  } catch (const std::exception&) {
    return error.what();  // pybind11's own wording
  }
}

ScriptController::ScriptController(const std::string& script, const ControllerSetup& setup, const HostLink& host) {
  buffer_ = py::reinterpret_steal<py::object>(PyByteArray_FromStringAndSize(nullptr, sizeof(Structs)));
  if (!buffer_) throw py::error_already_set();
  structs_ = reinterpret_cast<Structs*>(PyByteArray_AsString(buffer_.ptr()));
  std::memset(structs_, 0, sizeof(Structs));
  structs_->course.struct_size = sizeof(SimarenaCourseInfo);
  interval_name_ = py::str("ctrl_topic_interval");
  err_flag_name_ = py::str("err_flag");

  const py::module_ simarena = py::module_::import("simarena");
  SimarenaRobotData& d = structs_->data;
  robot_data_ = simarena.attr("RobotData")();
  robot_data_.attr("q") = view<float>(buffer_, d.q, SIMARENA_MAX_JOINTS, false);
  robot_data_.attr("qd") = view<float>(buffer_, d.qd, SIMARENA_MAX_JOINTS, false);
  robot_data_.attr("tau") = view<float>(buffer_, d.tau, SIMARENA_MAX_JOINTS, false);
  robot_data_.attr("quat") = view<float>(buffer_, d.quat, 4, false);
  robot_data_.attr("rpy") = view<float>(buffer_, d.rpy, 3, false);
  robot_data_.attr("acc") = view<float>(buffer_, d.acc, 3, false);
  robot_data_.attr("omega") = view<float>(buffer_, d.omega, 3, false);
  robot_data_.attr("motor_flags") = view<uint32_t>(buffer_, d.motor_flags, SIMARENA_MAX_JOINTS, false);
  robot_data_.attr(interval_name_) = 0.0;
  robot_data_.attr(err_flag_name_) = 0;

  SimarenaMotorCmd& c = structs_->cmd;
  py::object motor_cmd = simarena.attr("MotorCmd")();
  motor_cmd.attr("_q_des") = view<float>(buffer_, c.q_des, SIMARENA_MAX_JOINTS, true);
  motor_cmd.attr("_qd_des") = view<float>(buffer_, c.qd_des, SIMARENA_MAX_JOINTS, true);
  motor_cmd.attr("_kp_des") = view<float>(buffer_, c.kp_des, SIMARENA_MAX_JOINTS, true);
  motor_cmd.attr("_kd_des") = view<float>(buffer_, c.kd_des, SIMARENA_MAX_JOINTS, true);
  motor_cmd.attr("_tau_des") = view<float>(buffer_, c.tau_des, SIMARENA_MAX_JOINTS, true);

  course_info_ = simarena.attr("CourseInfo")();
  course_info_.attr("next_gate_body") = view<float>(buffer_, structs_->course.next_gate_body, 3, false);
  // Rows along x (forward), columns along y (left), as in controller.h.
  course_info_.attr("height_map") =
      view<float>(buffer_, structs_->course.height_map, SIMARENA_HEIGHT_MAP_ROWS * SIMARENA_HEIGHT_MAP_COLS, false)
          .attr("reshape")(SIMARENA_HEIGHT_MAP_ROWS, SIMARENA_HEIGHT_MAP_COLS);
  set_course_info(structs_->course);  // all zero: no course information

  try {
    const py::tuple made =
        simarena.attr("load")(script, setup.params, setup.robot_name, setup.joint_names, setup.control_period,
                              robot_data_, motor_cmd, course_info_, py::cast(host));
    controller_ = made[0];
    user_code_ = made[1];
    every_ = made[2].cast<long>();
  } catch (const py::error_already_set& e) {
    throw std::runtime_error(exception_words(e));
  }
}

int ScriptController::step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd, std::string& error) {
  if (tick_++ % every_ != 0) return SIMARENA_STEP_SKIPPED;
  structs_->data = data;
  structs_->cmd = cmd;
  // The two numbers of RobotData; the arrays already see the new values.
  if (PyObject_SetAttr(robot_data_.ptr(), interval_name_.ptr(),
                       py::float_(static_cast<double>(data.ctrl_topic_interval)).ptr()) != 0 ||
      PyObject_SetAttr(robot_data_.ptr(), err_flag_name_.ptr(), py::int_(static_cast<int>(data.err_flag)).ptr()) != 0)
    throw py::error_already_set();
  PyObject* result = PyObject_CallOneArg(user_code_.ptr(), first_run ? Py_True : Py_False);
  if (result == nullptr) {
    const py::error_already_set raised;
    error = "Python exception in user_code: " + exception_words(raised);
    return SIMARENA_STEP_ERROR;
  }
  Py_DECREF(result);
  cmd = structs_->cmd;
  return SIMARENA_STEP_SENT;
}

void ScriptController::set_course_info(const SimarenaCourseInfo& info) {
  const SimarenaCourseInfo& course = structs_->course = info;
  course_info_.attr("available") = course.available;
  course_info_.attr("next_gate_index") = course.next_gate_index;
  course_info_.attr("gate_count") = course.gate_count;
  course_info_.attr("next_gate_heading") = static_cast<double>(course.next_gate_heading);
  course_info_.attr("next_gate_width") = static_cast<double>(course.next_gate_width);
  course_info_.attr("height_map_available") = course.height_map_available;
  course_info_.attr("overhead_clearance") = static_cast<double>(course.overhead_clearance);
}

}  // namespace simarena::python
