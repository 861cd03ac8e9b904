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
//
// From UserCode, `Log("...")` writes a line to the run's log and
// `Announce("...")` says something to the referee, `Recognised(kind, "...")`
// what it recognised (host extensions
// simarena.log and simarena.announce; each returns false when the host does
// not serve it or the step's message count is used up). A class that cannot
// run without an extension lists it, NULL-terminated, and the host refuses
// to load it where that extension is not served:
//
//   static constexpr const char* kSimarenaExtensions[] = {"simarena.announce/1", nullptr};
#pragma once

#include <simarena/controller.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
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
  // The robot's joints, legs and masses (SimarenaRobotModel), when the
  // host gives them (every host since the model was added does).
  std::optional<SimarenaRobotModel> model;
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

  // Called by the export adapter once, before the first control period,
  // with the host's extensions this class can use (either may be NULL).
  // Then calls Attach(); its false (with attach_error_ set) refuses to start.
  bool HostAttach(void* context, const SimarenaLogExtension* log, const SimarenaAnnounceExtension* announce,
                  const SimarenaHighLevelExtension* high_level = nullptr,
                  const SimarenaCameraExtension* camera = nullptr) {
    host_context_ = context;
    log_ = log;
    announce_ = announce;
    high_level_ = high_level;
    camera_ = camera;
    return Attach();
  }
  const std::string& AttachError() const { return attach_error_; }

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
  // Once, before the first UserCode, with the host's extensions in place:
  // the one place to OpenCamera. Return false (and set attach_error_) to
  // refuse to start.
  virtual bool Attach() { return true; }
  std::string attach_error_;

  RobotData robot_data_{};
  MotorCmd motor_cmd_{};
  // Where the next gate is, when the event's rules give it (available != 0);
  // all zero otherwise, as on the robot.
  SimarenaCourseInfo course_info_{};

  // One line for the run's log. False when not delivered: the host has no
  // log, or this step's SIMARENA_MESSAGES_PER_STEP are used up. Text past
  // SIMARENA_MESSAGE_MAX_BYTES is cut. (Capitalised, like the SDK's
  // helpers, so it never hides std::log in a controller's code.)
  bool Log(std::string_view line) { return send(log_ ? log_->log : nullptr, line); }
  // A short text said aloud to the referee ("target found"). As Log.
  bool Announce(std::string_view text) { return send(announce_ ? announce_->announce : nullptr, text); }
  // Says it recognised an object of `kind` (SIMARENA_OBJECT_*) with `words`
  // ("识别到可乐瓶"): judged by the referee on a course with announcements
  // (simarena.announce version 2). As Log; false also on a host serving version 1.
  bool Recognised(int kind, std::string_view words) {
    if (announce_ == nullptr || announce_->struct_size < sizeof(SimarenaAnnounceExtension)) return false;
    const std::string terminated(words.substr(0, SIMARENA_MESSAGE_MAX_BYTES + 1));
    return announce_->recognised(host_context_, kind, terminated.c_str()) == SIMARENA_MESSAGE_ACCEPTED;
  }

  // The robot's high-level API (a class whose kSimarenaExtensions lists
  // "simarena.high_level/1"; its motor_cmd_ is then ignored). Sends one
  // robot_control_cmd frame; false when not delivered.
  bool SendHighLevel(const SimarenaHighLevelCmd& frame) {
    return high_level_ != nullptr && high_level_->send(host_context_, &frame) == SIMARENA_MESSAGE_ACCEPTED;
  }
  // The robot's latest robot_control_response and odometry; false before
  // the robot has published any (the first period).
  bool ReadHighLevelResponse(SimarenaHighLevelResponse& out) const {
    return high_level_ != nullptr && high_level_->response(host_context_, &out) == 1;
  }
  bool ReadOdometry(SimarenaLocalization& out) const {
    return high_level_ != nullptr && high_level_->localization(host_context_, &out) == 1;
  }

  // The robot's cameras (simarena.camera, docs/cameras.md). In Attach():
  // opens camera `name` (robot.yaml's, e.g. "rgb", "depth"): its index, or
  // -1. In UserCode: the latest image of an opened camera; false when there
  // is none yet. The pixels stay valid until UserCode returns.
  int OpenCamera(const char* name) { return camera_ != nullptr ? camera_->open(host_context_, name) : -1; }
  bool ReadCamera(int index, SimarenaCameraImage& out) const {
    return camera_ != nullptr && camera_->frame(host_context_, index, &out) == 1;
  }

 private:
  bool send(int (*function)(void*, const char*), std::string_view text) {
    if (function == nullptr) return false;
    const std::string terminated(text.substr(0, SIMARENA_MESSAGE_MAX_BYTES + 1));
    return function(host_context_, terminated.c_str()) == SIMARENA_MESSAGE_ACCEPTED;
  }

  double loop_rate_;
  long tick_count_ = 0;
  void* host_context_ = nullptr;
  const SimarenaLogExtension* log_ = nullptr;
  const SimarenaAnnounceExtension* announce_ = nullptr;
  const SimarenaHighLevelExtension* high_level_ = nullptr;
  const SimarenaCameraExtension* camera_ = nullptr;
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

// The extensions T cannot run without: its kSimarenaExtensions, if any.
template <class T, class = void>
struct required_extensions {
  static constexpr const char* const* list = nullptr;
};
template <class T>
struct required_extensions<T, std::void_t<decltype(T::kSimarenaExtensions)>> {
  static constexpr const char* const* list = T::kSimarenaExtensions;
};

// What the host passes in may come from an older or newer host: each struct
// says its size. A member is read only when the host's struct holds it;
// these are the sizes of the members this SDK reads.
constexpr size_t kRobotInfoSize = offsetof(SimarenaRobotInfo, control_period) + sizeof(double);
constexpr size_t kRobotInfoModelSize = offsetof(SimarenaRobotInfo, model) + sizeof(SimarenaRobotInfo::model);

// The host's robot model, when its structs hold one this SDK can read.
inline std::optional<SimarenaRobotModel> robot_model_of(const SimarenaRobotInfo& robot) {
  if (robot.struct_size < kRobotInfoModelSize || robot.model == nullptr ||
      robot.model->struct_size < sizeof(SimarenaRobotModel))
    return std::nullopt;
  SimarenaRobotModel model;
  std::memcpy(&model, robot.model, sizeof(model));
  model.struct_size = sizeof(model);
  return model;
}
constexpr size_t kCourseInfoSize = offsetof(SimarenaCourseInfo, next_gate_width) + sizeof(float);
constexpr size_t kHostSize = offsetof(SimarenaHost, extension) + sizeof(SimarenaHost::extension);

// The host's course information as this SDK's struct: members an older
// host's struct lacks (the height map) stay zero, and a newer host's extra
// members are not read past this struct's end.
inline SimarenaCourseInfo course_info_copy(const SimarenaCourseInfo& info) {
  SimarenaCourseInfo copy{};
  std::memcpy(&copy, &info, std::min<size_t>(info.struct_size, sizeof(copy)));
  return copy;
}

inline std::string too_small(const char* what, uint32_t got, size_t needed) {
  return std::string("the host's ") + what + " is " + std::to_string(got) + " bytes, this controller reads " +
         std::to_string(needed) + ": run it with the simarena its SDK came from, or a newer one";
}

// An extension table, when the host serves it at a size this SDK can use.
template <class Table>
const Table* extension_table(const SimarenaHost& host, const char* name, size_t version_1_size = sizeof(Table)) {
  const auto* table = static_cast<const Table*>(host.extension(host.context, name, 1));
  return table != nullptr && table->struct_size >= version_1_size ? table : nullptr;
}

// Builds the C function table for T. Exceptions never cross the C boundary:
// they become an error return with the exception's message.
template <class T>
const SimarenaControllerApi* api_for(const char* name) {
  struct Instance {
    T* controller;
    double control_period;
    std::string host_problem;  // a struct the host passed was too small: reported by the next step
  };
  static const SimarenaControllerApi api = {
      SIMARENA_CONTROLLER_ABI_VERSION,
      sizeof(SimarenaControllerApi),
      name,
      [](const SimarenaRobotInfo* robot, const char* params, char* error, size_t error_size) -> void* {
        try {
          if (robot == nullptr || robot->struct_size < kRobotInfoSize)
            throw std::invalid_argument(too_small("SimarenaRobotInfo", robot ? robot->struct_size : 0, kRobotInfoSize));
          ControllerContext context;
          context.robot_name = robot->robot_name ? robot->robot_name : "";
          for (int i = 0; i < robot->num_joints; ++i) context.joint_names.emplace_back(robot->joint_names[i]);
          context.control_period = robot->control_period;
          context.model = robot_model_of(*robot);
          context.params = params ? params : "";
          return new Instance{construct<T>(context), robot->control_period, {}};
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
        if (!self->host_problem.empty()) {
          write_error(error, error_size, self->host_problem.c_str());
          return SIMARENA_STEP_ERROR;
        }
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
        auto* self = static_cast<Instance*>(instance);
        if (info == nullptr) return;
        if (info->struct_size < kCourseInfoSize)
          self->host_problem = too_small("SimarenaCourseInfo", info->struct_size, kCourseInfoSize);
        else
          self->controller->HostSetCourseInfo(course_info_copy(*info));
      },
      required_extensions<T>::list,
      [](void* instance, const SimarenaHost* host, char* error, size_t error_size) -> int {
        if (host == nullptr || host->struct_size < kHostSize || host->extension == nullptr) {
          write_error(error, error_size, too_small("SimarenaHost", host ? host->struct_size : 0, kHostSize).c_str());
          return 1;
        }
        auto& controller = *static_cast<Instance*>(instance)->controller;
        if (!controller.HostAttach(
                host->context, extension_table<SimarenaLogExtension>(*host, SIMARENA_LOG_EXTENSION),
                extension_table<SimarenaAnnounceExtension>(*host, SIMARENA_ANNOUNCE_EXTENSION,
                                                           offsetof(SimarenaAnnounceExtension, recognised)),
                extension_table<SimarenaHighLevelExtension>(*host, SIMARENA_HIGH_LEVEL_EXTENSION),
                extension_table<SimarenaCameraExtension>(*host, SIMARENA_CAMERA_EXTENSION))) {
          write_error(
              error, error_size,
              controller.AttachError().empty() ? "Attach() refused to start" : controller.AttachError().c_str());
          return 1;
        }
        return 0;
      },
  };
  return &api;
}

}  // namespace detail
}  // namespace simarena

using simarena::CustomInterface;

// Exports class `Class` (derived from CustomInterface) as a simarena plugin.
#define SIMARENA_EXPORT_CONTROLLER(Class, name_literal)                                   \
  extern "C" SIMARENA_EXPORT const SimarenaControllerApi* simarena_controller_api(void) { \
    return ::simarena::detail::api_for<Class>(name_literal);                              \
  }
