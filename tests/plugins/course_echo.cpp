// Test plugin: echoes the course information it was given into tau_des, so
// a test can see what reached CustomInterface::course_info_.
#include <simarena/custom_interface.hpp>

class CourseEcho : public CustomInterface {
 public:
  explicit CourseEcho(const double& loop_rate) : CustomInterface(loop_rate) {}

 private:
  void UserCode(bool) override {
    const SimarenaCourseInfo& c = course_info_;
    const float values[] = {static_cast<float>(c.available),
                            static_cast<float>(c.next_gate_index),
                            static_cast<float>(c.gate_count),
                            c.next_gate_body[0],
                            c.next_gate_body[1],
                            c.next_gate_heading,
                            c.next_gate_width};
    motor_cmd_ = MotorCmd{};
    for (int i = 0; i < 7; ++i) motor_cmd_.tau_des[i] = values[i];
  }
};

SIMARENA_EXPORT_CONTROLLER(CourseEcho, "course_echo")
