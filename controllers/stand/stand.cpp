// Reference controller `stand`: the robot's start-up sequence and nothing more.
//
// 1. While the robot reports err bit 0x02 (first_run), send all-zero frames:
//    that is what clears the bit on the robot.
// 2. Then move every joint smoothly (cosine ramp) from where it is to the
//    standing pose, and hold it with joint PD.
//
// Joints are recognised by their name suffix (_abad, _hip, _knee), so the
// same plugin stands any robot whose description follows that naming.
#include <array>
#include <cmath>
#include <simarena/custom_interface.hpp>
#include <simarena/params.hpp>
#include <stdexcept>
#include <string>

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class Stand : public CustomInterface {
 public:
  explicit Stand(const simarena::ControllerContext& context)
      : CustomInterface(1.0 / context.control_period), dt_(context.control_period) {
    simarena::Params params(context.params);
    const double abad = params.number("abad", 0.0, -1.0, 1.0);
    const double hip = params.number("hip", 0.8, -3.2, 3.2);
    const double knee = params.number("knee", -1.5, -3.2, 3.2);
    kp_ = params.number("kp", 80.0, 0.0, 200.0);
    kd_ = params.number("kd", 2.0, 0.0, 10.0);
    rise_time_ = params.number("rise_time", 1.5, 0.1, 20.0);
    params.finish();

    num_joints_ = static_cast<int>(context.joint_names.size());
    for (int i = 0; i < num_joints_; ++i) {
      const std::string& name = context.joint_names[i];
      if (ends_with(name, "_abad"))
        target_[i] = abad;
      else if (ends_with(name, "_hip"))
        target_[i] = hip;
      else if (ends_with(name, "_knee"))
        target_[i] = knee;
      else
        throw std::invalid_argument("stand: joint '" + name + "' has no _abad/_hip/_knee suffix");
    }
  }

 private:
  void UserCode(bool first_run) override {
    if (first_run) {
      // Zero frames until the robot accepts us; remember where we start from.
      Zero_Cmd(motor_cmd_);
      for (int i = 0; i < num_joints_; ++i) start_[i] = robot_data_.q[i];
      elapsed_ = 0.0;
      return;
    }
    elapsed_ += dt_;
    const double s = std::min(1.0, elapsed_ / rise_time_);
    const double blend = 0.5 - 0.5 * std::cos(M_PI * s);  // zero velocity at both ends
    for (int i = 0; i < num_joints_; ++i) {
      motor_cmd_.q_des[i] = static_cast<float>(start_[i] + blend * (target_[i] - start_[i]));
      motor_cmd_.qd_des[i] = 0.0f;
      motor_cmd_.kp_des[i] = static_cast<float>(kp_);
      motor_cmd_.kd_des[i] = static_cast<float>(kd_);
      motor_cmd_.tau_des[i] = 0.0f;
    }
  }

  double dt_;
  double kp_ = 80.0, kd_ = 2.0, rise_time_ = 1.5, elapsed_ = 0.0;
  int num_joints_ = 0;
  std::array<double, SIMARENA_MAX_JOINTS> target_{}, start_{};
};

}  // namespace

SIMARENA_EXPORT_CONTROLLER(Stand, "stand")
