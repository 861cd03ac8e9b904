/* FROZEN copy of the SDK as of ABI 1 before extensions (commit f84b52e): plugins built
 * against it must keep loading unrebuilt (tests/test_plugin_abi_compat.cpp). Never edit. */
// C++ convenience layer over the C plugin ABI, shaped like the CyberDog 2
// motor SDK's `CustomInterface`, so a program written for the robot ports by
// deleting its `main` and adding one line:
//
//   class MyCtrl : public CustomInterface {
//    public:
//     MyCtrl(const double& loop_rate) : CustomInterface(loop_rate) {}
//    private:
//     void UserCode(bool first_run) override { /* read robot_data_, write motor_cmd_ */ }
//   };
//   SIMARENA_EXPORT_CONTROLLER(MyCtrl, "my_ctrl")
//
// A class may instead take `const simarena::ControllerContext&` in its
// constructor to read the parameter string and the robot's joint names.
#pragma once

#include <simarena/controller.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

// The robot SDK's type names, in the global namespace like the SDK's.
using RobotData = SimarenaRobotData;
using MotorCmd = SimarenaMotorCmd;

namespace simarena {

// Everything a controller is told at creation.
struct ControllerContext {
  std::string robot_name;
  std::vector<std::string> joint_names;  // API order
  double control_period = 0.002;         // s between host calls
  std::string params;                    // the user's parameter string
};

class CustomInterface {
 public:
  // `loop_rate` in Hz, as in the SDK. Rates below the robot's control rate
  // are honoured by calling UserCode every k-th period and sending nothing
  // in between, exactly as a slower timer on the robot would.
  explicit CustomInterface(const double& loop_rate = 500.0) : loop_rate_(loop_rate) {}
  virtual ~CustomInterface() = default;
  CustomInterface(const CustomInterface&) = delete;
  CustomInterface& operator=(const CustomInterface&) = delete;

  // The SDK's helpers.
  static void Zero_Cmd(MotorCmd& cmd) { cmd = MotorCmd{}; }
  static void PrintData(const RobotData& data) {
    std::printf("interval: %.4f ms err_flag 0x%x\n", data.ctrl_topic_interval, static_cast<unsigned>(data.err_flag));
    std::printf("rpy [3]: %.2f %.2f %.2f\n", data.rpy[0], data.rpy[1], data.rpy[2]);
    std::printf("acc [3]: %.2f %.2f %.2f\n", data.acc[0], data.acc[1], data.acc[2]);
    std::printf("omeg[3]: %.2f %.2f %.2f\n", data.omega[0], data.omega[1], data.omega[2]);
  }

  // Called by the export adapter before each control period when the event
  // gives course information (see SimarenaCourseInfo).
  void HostSetCourseInfo(const SimarenaCourseInfo& info) { course_info_ = info; }

  // Called by the export adapter once per control period. Returns false on
  // periods where a slower loop rate means no frame is sent.
  bool HostTick(bool first_run, const RobotData& data, MotorCmd& cmd, double control_period) {
    const double user_period = loop_rate_ > 0 ? 1.0 / loop_rate_ : control_period;
    const long every = std::max(1L, std::lround(user_period / control_period));
    const bool due = (tick_count_++ % every) == 0;
    if (!due) return false;
    robot_data_ = data;
    motor_cmd_ = cmd;
    UserCode(first_run);
    cmd = motor_cmd_;
    return true;
  }

 protected:
  virtual void UserCode(bool first_run) = 0;

  RobotData robot_data_{};
  MotorCmd motor_cmd_{};
  // Where the next gate is, when the event's rules give it (available != 0);
  // all zero otherwise, as on the robot.
  SimarenaCourseInfo course_info_{};

 private:
  double loop_rate_;
  long tick_count_ = 0;
};

namespace detail {

inline void write_error(char* buffer, size_t size, const char* message) {
  if (buffer == nullptr || size == 0) return;
  std::snprintf(buffer, size, "%s", message);
}

template <class T>
T* construct(const ControllerContext& context) {
  if constexpr (std::is_constructible_v<T, const ControllerContext&>) {
    return new T(context);
  } else {
    static_assert(std::is_constructible_v<T, const double&>,
                  "a controller needs a constructor taking (const double& loop_rate) "
                  "or (const simarena::ControllerContext&)");
    // Such a controller cannot see parameters: a -p for it would be lost.
    if (context.params.find_first_not_of(" \t\n,;") != std::string::npos)
      throw std::invalid_argument(
          "this controller takes no parameters (its constructor takes only the loop rate), "
          "but got '" +
          context.params +
          "': drop -p, or read them with simarena::Params "
          "in a constructor taking const simarena::ControllerContext&");
    return new T(1.0 / context.control_period);
  }
}

// Builds the C function table for T. Exceptions never cross the C boundary:
// they become an error return with the exception's message.
template <class T>
const SimarenaControllerApi* api_for(const char* name) {
  struct Instance {
    T* controller;
    double control_period;
  };
  static const SimarenaControllerApi api = {
      SIMARENA_CONTROLLER_ABI_VERSION,
      sizeof(SimarenaControllerApi),
      name,
      [](const SimarenaRobotInfo* robot, const char* params, char* error, size_t error_size) -> void* {
        try {
          ControllerContext context;
          context.robot_name = robot->robot_name ? robot->robot_name : "";
          for (int i = 0; i < robot->num_joints; ++i) context.joint_names.emplace_back(robot->joint_names[i]);
          context.control_period = robot->control_period;
          context.params = params ? params : "";
          return new Instance{construct<T>(context), robot->control_period};
        } catch (const std::exception& e) {
          write_error(error, error_size, e.what());
        } catch (...) {
          write_error(error, error_size, "unknown exception in controller constructor");
        }
        return nullptr;
      },
      [](void* instance, int first_run, const SimarenaRobotData* data, SimarenaMotorCmd* cmd, char* error,
         size_t error_size) -> int {
        auto* self = static_cast<Instance*>(instance);
        try {
          return self->controller->HostTick(first_run != 0, *data, *cmd, self->control_period) ? SIMARENA_STEP_SENT
                                                                                               : SIMARENA_STEP_SKIPPED;
        } catch (const std::exception& e) {
          write_error(error, error_size, e.what());
        } catch (...) {
          write_error(error, error_size, "unknown exception in UserCode");
        }
        return SIMARENA_STEP_ERROR;
      },
      [](void* instance) {
        auto* self = static_cast<Instance*>(instance);
        delete self->controller;
        delete self;
      },
      [](void* instance, const SimarenaCourseInfo* info) {
        if (info != nullptr) static_cast<Instance*>(instance)->controller->HostSetCourseInfo(*info);
      },
  };
  return &api;
}

}  // namespace detail
}  // namespace simarena

using simarena::CustomInterface;

// Exports class `Class` (derived from CustomInterface) as a simarena plugin.
#define SIMARENA_EXPORT_CONTROLLER(Class, name_literal)                                                          \
  extern "C" __attribute__((visibility("default"))) const SimarenaControllerApi* simarena_controller_api(void) { \
    return ::simarena::detail::api_for<Class>(name_literal);                                                     \
  }
