// Test plugin: echoes the course information it was given into tau_des, so
// a test can see what reached CustomInterface::course_info_ (tau_des[7..9]:
// the height map's flag, its cells holding a height, the cell under the body).
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
    // The height map: offered or not, how many cells hold a height (not
    // zero, not NaN), and the cell under the body.
    int heights = 0;
    for (float h : c.height_map) heights += h == h && h != 0.0f;
    motor_cmd_.tau_des[7] = static_cast<float>(c.height_map_available);
    motor_cmd_.tau_des[8] = static_cast<float>(heights);
    motor_cmd_.tau_des[9] =
        c.height_map[(SIMARENA_HEIGHT_MAP_ROWS / 2) * SIMARENA_HEIGHT_MAP_COLS + SIMARENA_HEIGHT_MAP_COLS / 2];
  }
};

SIMARENA_EXPORT_CONTROLLER(CourseEcho, "course_echo")
