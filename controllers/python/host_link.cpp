// The built-in module `_simarena_host` holding HostLink's Python type. The
// high-level frames cross as the robot's messages, field for field; what a
// script passes is checked here (an int8 field out of range, an array of
// the wrong length are errors in the script's words, never a cut value).
#include "host_link.h"

#include <pybind11/embed.h>
#include <pybind11/stl.h>

#include <limits>
#include <stdexcept>
#include <vector>

namespace py = pybind11;

namespace simarena::python {

bool HostLink::take_high_level() {
  if (host_ == nullptr || host_->extension == nullptr) return false;
  const auto* table = static_cast<const SimarenaHighLevelExtension*>(
      host_->extension(host_->context, SIMARENA_HIGH_LEVEL_EXTENSION, 1));
  if (table == nullptr || table->struct_size < sizeof(SimarenaHighLevelExtension)) return false;
  high_level_ = table;
  return true;
}

namespace {

template <class Int>
Int field_integer(const py::object& frame, const char* name) {
  const long long value = frame.attr(name).cast<long long>();
  if (value < std::numeric_limits<Int>::min() || value > std::numeric_limits<Int>::max())
    throw py::value_error(std::string("HighLevelCmd.") + name + " = " + std::to_string(value) + " does not fit its " +
                          std::to_string(8 * sizeof(Int)) + "-bit field");
  return static_cast<Int>(value);
}

template <size_t N>
void field_floats(const py::object& frame, const char* name, float (&out)[N]) {
  const std::vector<double> values = frame.attr(name).cast<std::vector<double>>();
  if (values.size() != N)
    throw py::value_error(std::string("HighLevelCmd.") + name + " needs " + std::to_string(N) + " numbers, got " +
                          std::to_string(values.size()));
  for (size_t i = 0; i < N; ++i) out[i] = static_cast<float>(values[i]);
}

const SimarenaHighLevelExtension& table_of(const HostLink& link) {
  if (link.high_level() == nullptr)
    throw std::runtime_error(
        "this controller drives the motors: set interface = \"high_level\" in its class to use the high-level "
        "interface");
  return *link.high_level();
}

bool send_high_level(const HostLink& link, const py::object& frame) {
  const SimarenaHighLevelExtension& table = table_of(link);
  SimarenaHighLevelCmd cmd{};
  cmd.mode = field_integer<int8_t>(frame, "mode");
  cmd.gait_id = field_integer<int8_t>(frame, "gait_id");
  cmd.contact = field_integer<int8_t>(frame, "contact");
  cmd.life_count = field_integer<int8_t>(frame, "life_count");
  field_floats(frame, "vel_des", cmd.vel_des);
  field_floats(frame, "rpy_des", cmd.rpy_des);
  field_floats(frame, "pos_des", cmd.pos_des);
  field_floats(frame, "acc_des", cmd.acc_des);
  field_floats(frame, "ctrl_point", cmd.ctrl_point);
  field_floats(frame, "foot_pose", cmd.foot_pose);
  field_floats(frame, "step_height", cmd.step_height);
  cmd.value = field_integer<int32_t>(frame, "value");
  cmd.duration = field_integer<int32_t>(frame, "duration");
  return table.send(link.context(), &cmd) == SIMARENA_MESSAGE_ACCEPTED;
}

py::object read_response(const HostLink& link) {
  SimarenaHighLevelResponse r{};
  if (table_of(link).response(link.context(), &r) != 1) return py::none();
  std::vector<int> motor_error(r.motor_error, r.motor_error + 12);
  return py::make_tuple(r.mode, r.gait_id, r.contact, r.order_process_bar, r.switch_status, r.ori_error,
                        r.footpos_error, motor_error);
}

py::object read_odometry(const HostLink& link) {
  SimarenaLocalization l{};
  if (table_of(link).localization(link.context(), &l) != 1) return py::none();
  const auto three = [](const float* v) { return std::vector<double>(v, v + 3); };
  return py::make_tuple(three(l.xyz), three(l.vxyz), three(l.rpy), three(l.omegaBody), three(l.vBody), l.timestamp);
}

}  // namespace

}  // namespace simarena::python

PYBIND11_EMBEDDED_MODULE(_simarena_host, module) {
  using simarena::python::HostLink;
  py::class_<HostLink>(module, "HostLink")
      .def("log", &HostLink::log, "One line for the run's log; False when not delivered.")
      .def("announce", &HostLink::announce, "A short text said aloud to the referee.")
      .def("take_high_level", &HostLink::take_high_level, "Asks for the high-level interface (at load only).")
      .def("send_high_level", &simarena::python::send_high_level, "One robot_control_cmd frame; False when dropped.")
      .def("read_high_level_response", &simarena::python::read_response, "The robot's last response, or None.")
      .def("read_odometry", &simarena::python::read_odometry, "The robot's last odometry, or None.");
}
