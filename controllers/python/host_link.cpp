// The built-in module `_simarena_host` holding HostLink's Python type. The
// high-level frames cross as the robot's messages, field for field; what a
// script passes is checked here (an int8 field out of range, an array of
// the wrong length are errors in the script's words, never a cut value).
#include "host_link.h"

#include <pybind11/embed.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstring>
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

const SimarenaCameraExtension* HostLink::camera() const {
  if (host_ == nullptr || host_->extension == nullptr) return nullptr;
  const auto* table =
      static_cast<const SimarenaCameraExtension*>(host_->extension(host_->context, SIMARENA_CAMERA_EXTENSION, 1));
  return table != nullptr && table->struct_size >= sizeof(SimarenaCameraExtension) ? table : nullptr;
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

bool send_gait_file(const HostLink& link, const std::string& text) {
  if (text.find('\0') != std::string::npos) throw py::value_error("a user-gait text cannot hold a NUL character");
  return table_of(link).send_gait_file(link.context(), text.c_str()) == SIMARENA_MESSAGE_ACCEPTED;
}

int gait_file_result(const HostLink& link) { return table_of(link).gait_file_result(link.context()); }

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

std::vector<std::string> camera_names(const HostLink& link) {
  std::vector<std::string> names;
  const SimarenaCameraExtension* table = link.camera();
  if (table == nullptr) return names;
  for (int i = 0; i < table->count(link.context()); ++i)
    if (const char* name = table->name(link.context(), i)) names.emplace_back(name);
  return names;
}

int open_camera(const HostLink& link, const std::string& name) {
  const SimarenaCameraExtension* table = link.camera();
  return table == nullptr ? -1 : table->open(link.context(), name.c_str());
}

// The latest image's description (no pixels), or None before the first.
py::object camera_frame(const HostLink& link, int index) {
  const SimarenaCameraExtension* table = link.camera();
  SimarenaCameraImage image{};
  if (table == nullptr || table->frame(link.context(), index, &image) != 1) return py::none();
  return py::make_tuple(image.sequence, image.capture_time, image.format == SIMARENA_PIXELS_RGB8 ? "rgb8" : "depth_f32",
                        image.width, image.height, image.fx, image.fy, image.cx, image.cy, image.min_range,
                        image.max_range);
}

// A copy of the latest image's pixels: (height, width, 3) uint8 or
// (height, width) float32 metres. A copy, because the host's image is valid
// only until the step returns.
py::object camera_pixels(const HostLink& link, int index) {
  const SimarenaCameraExtension* table = link.camera();
  SimarenaCameraImage image{};
  if (table == nullptr || table->frame(link.context(), index, &image) != 1) return py::none();
  const auto h = static_cast<py::ssize_t>(image.height), w = static_cast<py::ssize_t>(image.width);
  const auto* bytes = static_cast<const unsigned char*>(image.pixels);
  if (image.format == SIMARENA_PIXELS_RGB8) {
    py::array_t<uint8_t> out({h, w, static_cast<py::ssize_t>(3)});
    for (py::ssize_t row = 0; row < h; ++row)
      std::memcpy(out.mutable_data(row), bytes + row * image.stride, static_cast<size_t>(w) * 3);
    return out;
  }
  py::array_t<float> out({h, w});
  for (py::ssize_t row = 0; row < h; ++row)
    std::memcpy(out.mutable_data(row), bytes + row * image.stride, static_cast<size_t>(w) * sizeof(float));
  return out;
}

}  // namespace

}  // namespace simarena::python

PYBIND11_EMBEDDED_MODULE(_simarena_host, module) {
  using simarena::python::HostLink;
  py::class_<HostLink>(module, "HostLink")
      .def("log", &HostLink::log, "One line for the run's log; False when not delivered.")
      .def("announce", &HostLink::announce, "A short text said aloud to the referee.")
      .def("recognised", &HostLink::recognised, "A recognised object (kind, words); False when not delivered.")
      .def("take_high_level", &HostLink::take_high_level, "Asks for the high-level interface (at load only).")
      .def("send_high_level", &simarena::python::send_high_level, "One robot_control_cmd frame; False when dropped.")
      .def("send_gait_file", &simarena::python::send_gait_file, "A user_gait_file text; False when dropped.")
      .def("gait_file_result", &simarena::python::gait_file_result, "user_gait_result: 0, 1, or -1 (none yet).")
      .def("read_high_level_response", &simarena::python::read_response, "The robot's last response, or None.")
      .def("read_odometry", &simarena::python::read_odometry, "The robot's last odometry, or None.")
      .def("camera_names", &simarena::python::camera_names, "The robot's cameras (none when not served).")
      .def("open_camera", &simarena::python::open_camera, "Asks for a camera (at load only): its index or -1.")
      .def("camera_frame", &simarena::python::camera_frame, "The latest image's description, or None.")
      .def("camera_pixels", &simarena::python::camera_pixels, "A copy of the latest image's pixels, or None.");
}
