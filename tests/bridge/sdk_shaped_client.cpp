// A program written to the CyberDog 2 motor SDK's CustomInterface shape
// (robot_data_, motor_cmd_, UserCode(first_run), Zero_Cmd) talking to the
// robot's LCM channels the way the SDK does: it subscribes to
// motor_ctrl_state, spi_data and state_estimator, flips hip and knee signs
// between the wire and the user, and publishes motor_ctrl. It knows nothing
// of simarena: what it proves works here works against the robot's own bus.
//
// Two pacings of the control loop:
//   --pace timer  the SDK's: UserCode on a 500 Hz CLOCK_MONOTONIC timer.
//   --pace state  one UserCode per new tick of state (state_estimator
//                 timestamp, with that tick's spi_data and motor_ctrl_state):
//                 exact pairing of state and command, for lockstep runs.
//
// Usage: sdk_shaped_client [--pace timer|state] [--stop-after S] [--idle-exit S]
//                          [--lcm-url URL] [--lcm-estimator-url URL]
// It stands the robot up (zero frames while err bit 0x02 is set, then a
// cosine ramp to a standing pose under joint PD), stops sending after
// --stop-after seconds of its own clock, and exits once no state arrived for
// --idle-exit seconds.
#include <poll.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <lcm/lcm-cpp.hpp>
#include <motor_ctrl_lcmt.hpp>
#include <motor_ctrl_state_lcmt.hpp>
#include <spi_data_t.hpp>
#include <state_estimator_lcmt.hpp>
#include <string>

namespace {

struct RobotData {
  float q[12];
  float qd[12];
  float tau[12];
  float quat[4];
  float rpy[3];
  float acc[3];
  float omega[3];
  float ctrl_topic_interval;
  uint32_t motor_flags[12];
  int16_t err_flag;
};

struct MotorCmd {
  float q_des[12];
  float qd_des[12];
  float kp_des[12];
  float kd_des[12];
  float tau_des[12];
};

enum class Pace { timer, state };

struct ClientOptions {
  Pace pace = Pace::timer;
  double stop_after = 1e9;  // s of the client's own clock
  double idle_exit = 3.0;   // wall s without state
  std::string control_url = "udpm://239.255.76.67:7667?ttl=255";
  std::string estimator_url = "udpm://239.255.76.67:7669?ttl=255";
};

// User side = wire side times this, per joint of a leg (abad, hip, knee).
constexpr int kSign[3] = {1, -1, -1};
constexpr double kStartupWait = 30.0;  // s

class CustomInterface {
 public:
  CustomInterface(double loop_rate, const ClientOptions& options)
      : dt_(1.0 / loop_rate), options_(options), control_(options.control_url), estimator_(options.estimator_url) {
    if (!control_.good() || !estimator_.good()) {
      std::fprintf(stderr, "sdk_shaped_client: cannot open LCM (%s, %s)\n", options.control_url.c_str(),
                   options.estimator_url.c_str());
      std::exit(2);
    }
    std::memset(&robot_data_, 0, sizeof(robot_data_));
    std::memset(&motor_cmd_, 0, sizeof(motor_cmd_));
    robot_data_.err_flag |= 0x02;  // as the SDK: assume the robot has not accepted us yet
    // Plain functions with a context rather than member pointers: GCC's
    // UBSan miscompiles LCM's pointer-to-member dispatch.
    control_.subscribeFunction("motor_ctrl_state", &CustomInterface::on_ctrl_state, this);
    control_.subscribeFunction("spi_data", &CustomInterface::on_spi_data, this);
    estimator_.subscribeFunction("state_estimator", &CustomInterface::on_estimator, this);
  }
  virtual ~CustomInterface() = default;

  // Runs the control loop until the stop time, then until the state stops.
  int Spin() {
    const int timer = timerfd_create(CLOCK_MONOTONIC, 0);
    if (options_.pace == Pace::timer) {
      itimerspec spec{};
      spec.it_interval.tv_nsec = spec.it_value.tv_nsec = static_cast<long>(dt_ * 1e9);
      timerfd_settime(timer, 0, &spec, nullptr);
    }
    auto last_state = std::chrono::steady_clock::now();
    pollfd fds[3] = {{control_.getFileno(), POLLIN, 0}, {estimator_.getFileno(), POLLIN, 0}, {timer, POLLIN, 0}};
    for (;;) {
      if (poll(fds, 3, 100) < 0) break;
      if (fds[0].revents & POLLIN) control_.handle();
      if (fds[1].revents & POLLIN) estimator_.handle();
      if (state_seen_) {
        state_seen_ = false;
        last_state = std::chrono::steady_clock::now();
      }
      if (fds[2].revents & POLLIN) {
        uint64_t expirations;
        if (read(timer, &expirations, sizeof(expirations)) > 0) Control();
      }
      if (options_.pace == Pace::state && have_spi_ && have_ctrl_state_ && timestamp_ != last_timestamp_) {
        last_timestamp_ = timestamp_;
        have_spi_ = have_ctrl_state_ = false;
        Control();
      }
      // Before the first state the simulator may still be starting: wait longer.
      const double idle = std::chrono::duration<double>(std::chrono::steady_clock::now() - last_state).count();
      if (idle > (timestamp_ < 0 ? kStartupWait : options_.idle_exit)) break;
    }
    close(timer);
    std::printf("sdk_shaped_client: %llu frames sent, stopped %s\n", static_cast<unsigned long long>(frames_sent_),
                stopped_ ? "sending as asked" : "when the state stopped");
    return 0;
  }

  void Zero_Cmd(MotorCmd& cmd) { std::memset(&cmd, 0, sizeof(cmd)); }

 protected:
  virtual void UserCode(bool first_run) = 0;
  RobotData robot_data_;
  MotorCmd motor_cmd_;
  double dt_;

 private:
  // The SDK's loop body: user code, zeros while the robot holds err bit
  // 0x02, stop for good on a motor fault, send.
  void Control() {
    if (stopped_) return;
    clock_ += dt_;
    if (clock_ > options_.stop_after + 1e-9) {
      stopped_ = true;
      return;
    }
    UserCode(first_run_);
    if (robot_data_.err_flag & 0x02) {
      Zero_Cmd(motor_cmd_);
      first_run_ = true;
    } else {
      first_run_ = false;
    }
    for (uint32_t flags : robot_data_.motor_flags)
      if (flags & 0x3FFFFFFF) {
        std::fprintf(stderr, "sdk_shaped_client: motor fault 0x%x, stopping\n", flags);
        stopped_ = true;
        return;
      }
    motor_ctrl_lcmt wire{};
    for (int i = 0; i < 12; ++i) {
      const int s = kSign[i % 3];
      wire.q_des[i] = motor_cmd_.q_des[i] * s;
      wire.qd_des[i] = motor_cmd_.qd_des[i] * s;
      wire.kp_des[i] = motor_cmd_.kp_des[i];
      wire.kd_des[i] = motor_cmd_.kd_des[i];
      wire.tau_des[i] = motor_cmd_.tau_des[i] * s;
    }
    control_.publish("motor_ctrl", &wire);
    frames_sent_++;
  }

  static void on_ctrl_state(const lcm::ReceiveBuffer*, const std::string&, const motor_ctrl_state_lcmt* msg,
                            CustomInterface* self) {
    self->robot_data_.err_flag = msg->err_flag;
    self->robot_data_.ctrl_topic_interval = msg->ctrl_topic_interval;
    self->have_ctrl_state_ = true;
  }
  static void on_spi_data(const lcm::ReceiveBuffer*, const std::string&, const spi_data_t* msg, CustomInterface* self) {
    self->read_spi_data(*msg);
  }
  void read_spi_data(const spi_data_t& msg) {
    const float* q[3] = {msg.q_abad, msg.q_hip, msg.q_knee};
    const float* qd[3] = {msg.qd_abad, msg.qd_hip, msg.qd_knee};
    const float* tau[3] = {msg.tau_abad, msg.tau_hip, msg.tau_knee};
    for (int leg = 0; leg < 4; ++leg)
      for (int j = 0; j < 3; ++j) {
        robot_data_.q[leg * 3 + j] = q[j][leg] * kSign[j];
        robot_data_.qd[leg * 3 + j] = qd[j][leg] * kSign[j];
        robot_data_.tau[leg * 3 + j] = tau[j][leg] * kSign[j];
      }
    for (int i = 0; i < 12; ++i) robot_data_.motor_flags[i] = static_cast<uint32_t>(msg.flags[i]);
    have_spi_ = true;
  }
  static void on_estimator(const lcm::ReceiveBuffer*, const std::string&, const state_estimator_lcmt* msg,
                           CustomInterface* self) {
    self->read_estimator(*msg);
  }
  void read_estimator(const state_estimator_lcmt& msg) {
    for (int i = 0; i < 3; ++i) {
      robot_data_.omega[i] = msg.omegaWorld[i];
      robot_data_.rpy[i] = msg.rpy[i];
      robot_data_.acc[i] = msg.aWorld[i];
    }
    for (int i = 0; i < 4; ++i) robot_data_.quat[i] = msg.quat[i];
    timestamp_ = msg.timestamp;
    state_seen_ = true;
  }

  ClientOptions options_;
  lcm::LCM control_;
  lcm::LCM estimator_;
  bool first_run_ = true;
  bool stopped_ = false;
  bool have_spi_ = false, have_ctrl_state_ = false, state_seen_ = false;
  int64_t timestamp_ = -1, last_timestamp_ = -1;
  double clock_ = 0;
  uint64_t frames_sent_ = 0;
};

// The user's program: stand up from wherever the robot lies.
class StandUp : public CustomInterface {
 public:
  using CustomInterface::CustomInterface;

 private:
  void UserCode(bool first_run) override {
    if (first_run) {
      Zero_Cmd(motor_cmd_);
      for (int i = 0; i < 12; ++i) start_[i] = robot_data_.q[i];
      elapsed_ = 0;
      return;
    }
    elapsed_ += dt_;
    const double s = std::fmin(1.0, elapsed_ / 1.5);
    const double blend = 0.5 - 0.5 * std::cos(M_PI * s);
    const double target[3] = {0.0, 0.8, -1.5};
    for (int i = 0; i < 12; ++i) {
      motor_cmd_.q_des[i] = static_cast<float>(start_[i] + blend * (target[i % 3] - start_[i]));
      motor_cmd_.qd_des[i] = 0;
      motor_cmd_.kp_des[i] = 80;
      motor_cmd_.kd_des[i] = 2;
      motor_cmd_.tau_des[i] = 0;
    }
  }

  double start_[12] = {};
  double elapsed_ = 0;
};

ClientOptions parse(int argc, char** argv) {
  ClientOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr, "sdk_shaped_client: %s needs a value\n", arg.c_str());
      std::exit(2);
    }
    const std::string value = argv[++i];
    if (arg == "--pace" && (value == "timer" || value == "state"))
      options.pace = value == "timer" ? Pace::timer : Pace::state;
    else if (arg == "--stop-after")
      options.stop_after = std::stod(value);
    else if (arg == "--idle-exit")
      options.idle_exit = std::stod(value);
    else if (arg == "--lcm-url")
      options.control_url = value;
    else if (arg == "--lcm-estimator-url")
      options.estimator_url = value;
    else {
      std::fprintf(stderr, "sdk_shaped_client: unknown option %s %s\n", arg.c_str(), value.c_str());
      std::exit(2);
    }
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  StandUp program(500.0, parse(argc, argv));
  return program.Spin();
}
