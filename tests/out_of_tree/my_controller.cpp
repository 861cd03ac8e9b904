// Written like the CyberDog 2 SDK's example_motor_ctrl.cpp: on first_run
// remember the joint angles, then move to the stand pose in 1.5 s.
#include <simarena/custom_interface.hpp>

class CustomCtrl : public CustomInterface {
 public:
  CustomCtrl(const double& loop_rate) : CustomInterface(loop_rate) {}

 private:
  long long count_ = 0;
  float init_q_[12] = {};
  const float target_q_[3] = {0.0f, 45 / 57.3f, -70 / 57.3f};

  void UserCode(bool first_run) override {
    const float t = count_ / 750.0f > 1 ? 1 : count_ / 750.0f;
    if (first_run) {
      for (int i = 0; i < 12; i++) init_q_[i] = robot_data_.q[i];
      count_ = 0;
      return;
    }
    for (int i = 0; i < 12; i++) {
      motor_cmd_.q_des[i] = target_q_[i % 3] * t + init_q_[i] * (1 - t);
      motor_cmd_.kp_des[i] = 60;
      motor_cmd_.kd_des[i] = 2;
      motor_cmd_.qd_des[i] = 0;
      motor_cmd_.tau_des[i] = 0;
    }
    count_++;
  }
};

SIMARENA_EXPORT_CONTROLLER(CustomCtrl, "my_controller")
