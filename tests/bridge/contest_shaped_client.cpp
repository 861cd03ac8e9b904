// A contest team's program in miniature, written only from the CyberDog 2's
// high-level message definitions (robot_control_cmd, robot_control_response,
// localization on the robot's channels and ports): it knows nothing of
// simarena. It stands the robot up, trots forward at 0.5 m/s for 5 s, turns
// left by 90 degrees on its odometry, stops and lies the robot down,
// re-sending its latest frame as the robot's heartbeat, then prints what it
// measured on the robot's own odometry.
//
// Two pacings:
//   --pace state  one frame per new global_to_robot timestamp, its clock
//                 that timestamp: for lockstep runs (deterministic).
//   --pace timer  a 20 Hz wall-clock loop like the official examples, for
//                 real-time runs.
//
// Usage: contest_shaped_client [--pace state|timer] [--idle-exit S]
#include <poll.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <lcm/lcm-cpp.hpp>
#include <localization_lcmt.hpp>
#include <robot_control_cmd_lcmt.hpp>
#include <robot_control_response_lcmt.hpp>
#include <string>

namespace {

constexpr const char* kCommandUrl = "udpm://239.255.76.67:7671?ttl=255";
constexpr const char* kResponseUrl = "udpm://239.255.76.67:7670?ttl=255";
constexpr const char* kLocalizationUrl = "udpm://239.255.76.67:7667?ttl=255";

enum class Pace { state, timer };

// The script's steps, in order.
enum class Step { stand_up, start_trot, walk, stop_walk, turn, stop_turn, lie_down, done };

class Program {
 public:
  explicit Program(Pace pace)
      : pace_(pace), command_(kCommandUrl), response_(kResponseUrl), odometry_(kLocalizationUrl) {
    response_.subscribe("robot_control_response", &Program::on_response, this);
    odometry_.subscribe("global_to_robot", &Program::on_odometry, this);
  }
  bool good() const { return command_.good() && response_.good() && odometry_.good(); }

  int run(double idle_exit) {
    const auto start = std::chrono::steady_clock::now();
    auto last_heard = start;
    auto next_send = start;
    // After the session it keeps answering (the robot lies, the heartbeat
    // holds it there) until the simulator stops publishing.
    for (;;) {
      pollfd fds[2] = {{response_.getFileno(), POLLIN, 0}, {odometry_.getFileno(), POLLIN, 0}};
      if (poll(fds, 2, 10) < 0) return 1;
      if (fds[0].revents & POLLIN) response_.handle();
      const auto now = std::chrono::steady_clock::now();
      if (fds[1].revents & POLLIN) {
        odometry_.handle();
        last_heard = now;
        // One frame per tick: a state repeated while the simulator waits
        // (same timestamp) was answered already.
        if (pace_ == Pace::state && odometry_msg_.timestamp != answered_timestamp_) {
          answered_timestamp_ = odometry_msg_.timestamp;
          // The tick's response was published just before, on another port:
          // wait for it, so every decision sees the tick's own answer.
          while (!response_since_decision_ && response_.handleTimeout(1000) > 0) {
          }
          response_since_decision_ = false;
          decide(1e-9 * static_cast<double>(odometry_msg_.timestamp));
          send();
        }
      }
      if (pace_ == Pace::timer && now >= next_send) {
        decide(std::chrono::duration<double>(now - start).count());
        send();
        next_send += std::chrono::milliseconds(50);
      }
      if (step_ == Step::done && !reported_) {
        report();
        reported_ = true;
      }
      if (std::chrono::duration<double>(now - last_heard).count() > idle_exit) {
        if (step_ == Step::done) return 0;
        std::printf("client: no odometry for %.1f s, giving up in step %d\n", idle_exit, static_cast<int>(step_));
        return 1;
      }
    }
  }

 private:
  void report() const {
    std::printf("client: walked %.3f m in 5 s, turned %.1f deg, lay down: mode %d bar %d (odometry z %.3f m)\n",
                walked_, turned_ * 180.0 / M_PI, response_msg_.mode, response_msg_.order_process_bar,
                odometry_msg_.xyz[2]);
    std::fflush(stdout);
  }

  void on_response(const lcm::ReceiveBuffer*, const std::string&, const robot_control_response_lcmt* msg) {
    response_msg_ = *msg;
    heard_response_ = true;
    response_since_decision_ = true;
  }
  void on_odometry(const lcm::ReceiveBuffer*, const std::string&, const localization_lcmt* msg) {
    odometry_msg_ = *msg;
  }

  // A new order: a new life_count, so the robot applies it.
  void order(int8_t mode, int8_t gait, float vx, float yaw_rate, double t) {
    frame_ = {};
    frame_.mode = mode;
    frame_.gait_id = gait;
    frame_.life_count = ++life_count_;
    frame_.vel_des[0] = vx;
    frame_.vel_des[2] = yaw_rate;
    frame_.step_height[0] = frame_.step_height[1] = mode == 11 ? 0.05f : 0.0f;
    step_started_ = t;
  }

  // The robot reports an order done: its mode, and the bar at 95 or more.
  bool done(int8_t mode) const {
    return heard_response_ && response_msg_.mode == mode && response_msg_.order_process_bar >= 95;
  }

  void decide(double t) {
    const double since = t - step_started_;
    switch (step_) {
      case Step::stand_up:
        if (life_count_ == 0) order(12, 0, 0, 0, t);
        if (done(12) && since > 0.1) {
          order(11, 27, 0, 0, t);
          step_ = Step::start_trot;
        }
        break;
      case Step::start_trot:
        if (response_msg_.mode == 11 && response_msg_.switch_status == 0 && since > 0.5) {
          order(11, 27, 0.5f, 0, t);
          x0_ = odometry_msg_.xyz[0];
          y0_ = odometry_msg_.xyz[1];
          step_ = Step::walk;
        }
        break;
      case Step::walk:
        if (since >= 5.0) {
          walked_ = std::hypot(odometry_msg_.xyz[0] - x0_, odometry_msg_.xyz[1] - y0_);
          order(11, 27, 0, 0, t);
          step_ = Step::stop_walk;
        }
        break;
      case Step::stop_walk:
        if (since >= 1.0) {
          yaw0_ = odometry_msg_.rpy[2];
          order(11, 27, 0, 0.6f, t);
          step_ = Step::turn;
        }
        break;
      case Step::turn: {
        turned_ = std::remainder(odometry_msg_.rpy[2] - yaw0_, 2 * M_PI);
        // Stop early by what the robot turns while braking (2 rad/s² decel).
        if (turned_ >= M_PI / 2 - 0.6 * 0.6 / (2 * 2.0) - 0.05) {
          order(11, 27, 0, 0, t);
          step_ = Step::stop_turn;
        }
        break;
      }
      case Step::stop_turn:
        turned_ = std::remainder(odometry_msg_.rpy[2] - yaw0_, 2 * M_PI);
        if (since >= 1.0) {
          order(7, 1, 0, 0, t);
          step_ = Step::lie_down;
        }
        break;
      case Step::lie_down:
        if (response_msg_.mode == 7 && response_msg_.order_process_bar >= 100 && since > 0.1) step_ = Step::done;
        break;
      case Step::done:
        break;
    }
  }

  // The latest frame, re-sent as the heartbeat.
  void send() { command_.publish("robot_control_cmd", &frame_); }

  Pace pace_;
  lcm::LCM command_, response_, odometry_;
  robot_control_cmd_lcmt frame_{};
  robot_control_response_lcmt response_msg_{};
  localization_lcmt odometry_msg_{};
  bool heard_response_ = false;
  bool reported_ = false;
  int64_t answered_timestamp_ = -1;
  bool response_since_decision_ = false;
  int8_t life_count_ = 0;
  Step step_ = Step::stand_up;
  double step_started_ = 0;
  double x0_ = 0, y0_ = 0, yaw0_ = 0;
  double walked_ = 0, turned_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  Pace pace = Pace::state;
  double idle_exit = 5.0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i], value = argv[i + 1];
    if (arg == "--pace" && (value == "state" || value == "timer"))
      pace = value == "state" ? Pace::state : Pace::timer;
    else if (arg == "--idle-exit")
      idle_exit = std::stod(value);
    else {
      std::fprintf(stderr, "usage: contest_shaped_client [--pace state|timer] [--idle-exit S]\n");
      return 2;
    }
  }
  Program program(pace);
  if (!program.good()) {
    std::fprintf(stderr, "client: LCM cannot open the robot's URLs (multicast route?)\n");
    return 1;
  }
  return program.run(idle_exit);
}
