// Test plugin: refuses to start, saying what robot model it was given (a
// digest of every value, the mass and the leg count), so a test can compare
// it with the model the host built, in process and sandboxed.
#include <simarena/custom_interface.hpp>
#include <stdexcept>
#include <string>

#include "robot_model_digest.h"

class RobotModelEcho : public CustomInterface {
 public:
  explicit RobotModelEcho(const simarena::ControllerContext& context) : CustomInterface(500.0) {
    if (!context.model) throw std::invalid_argument("robot model: none");
    throw std::invalid_argument(
        "robot model: digest " + std::to_string(model_digest::robot_model_digest(*context.model)) + " mass " +
        std::to_string(context.model->mass) + " legs " + std::to_string(context.model->num_legs));
  }

 private:
  void UserCode(bool) override {}
};

SIMARENA_EXPORT_CONTROLLER(RobotModelEcho, "robot_model_echo")
