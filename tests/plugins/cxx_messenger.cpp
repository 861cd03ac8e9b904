// Test plugin on the C++ adapter: requires simarena.announce, logs and
// announces from UserCode. Sends zero frames. Every step logs "user code N";
// the 5th step announces "halfway" and says it recognised a football
// (version 2 of the extension, asked for as version 1: appended members
// reach it when the host serves them).
#include <simarena/custom_interface.hpp>
#include <string>

class CxxMessenger : public CustomInterface {
 public:
  static constexpr const char* kSimarenaExtensions[] = {"simarena.announce/1", nullptr};
  explicit CxxMessenger(const double& loop_rate) : CustomInterface(loop_rate) {}

 private:
  void UserCode(bool) override {
    Zero_Cmd(motor_cmd_);
    Log("user code " + std::to_string(calls_));
    if (calls_ == 5) {
      Announce("halfway");
      Recognised(SIMARENA_OBJECT_FOOTBALL, "识别到足球");
    }
    ++calls_;
  }
  long calls_ = 0;
};

SIMARENA_EXPORT_CONTROLLER(CxxMessenger, "cxx_messenger")
