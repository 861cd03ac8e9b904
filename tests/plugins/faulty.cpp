// Test plugin: a well-built controller that misbehaves on request, to prove
// the host survives it. Params: fault=none|nan|throw|throw_create|silent, at=<tick>.
#include <cmath>
#include <limits>
#include <simarena/custom_interface.hpp>
#include <simarena/params.hpp>
#include <stdexcept>

namespace {

class Faulty : public CustomInterface {
 public:
  explicit Faulty(const simarena::ControllerContext& context) : CustomInterface(500.0) {
    simarena::Params params(context.params);
    fault_ = static_cast<int>(params.number("fault", 0));  // 0 none, 1 nan, 2 throw, 3 throw_create
    at_ = static_cast<long>(params.number("at", 10));
    params.finish();
    if (fault_ == 3) throw std::runtime_error("faulty: refusing to start as asked");
  }

 private:
  void UserCode(bool) override {
    Zero_Cmd(motor_cmd_);
    if (++calls_ < at_) return;
    if (fault_ == 1) motor_cmd_.q_des[4] = std::numeric_limits<float>::quiet_NaN();
    if (fault_ == 2) throw std::runtime_error("faulty: boom at call " + std::to_string(calls_));
  }
  int fault_ = 0;
  long at_ = 10, calls_ = 0;
};

}  // namespace

SIMARENA_EXPORT_CONTROLLER(Faulty, "faulty")
