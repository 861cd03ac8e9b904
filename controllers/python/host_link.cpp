// The built-in module `_simarena_host` holding HostLink's Python type.
#include "host_link.h"

#include <pybind11/embed.h>

namespace py = pybind11;

PYBIND11_EMBEDDED_MODULE(_simarena_host, module) {
  py::class_<simarena::python::HostLink>(module, "HostLink")
      .def("log", &simarena::python::HostLink::log, "One line for the run's log; False when not delivered.")
      .def("announce", &simarena::python::HostLink::announce, "A short text said aloud to the referee.");
}
