// A contest team's user-gait program in miniature, written only from the
// CyberDog 2's high-level message definitions: it sends a one-leg-at-a-time
// crawl schedule on user_gait_file (file_send_lcmt), waits for the robot's
// answer on user_gait_result (file_recv_lcmt), stands the robot up (12, then
// the loco stand 11/1), walks the crawl as mode 11 gait 110 at 0.15 m/s, lies it down, and prints what it
// measured: the answer, the distance on the robot's odometry, the most feet
// the responses ever showed off the ground, and the order legs lifted in.
// Lockstep pacing only: one frame per new global_to_robot timestamp.
//
// Usage: crawl_shaped_client [--pace state] [--idle-exit S]
#include <poll.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <file_recv_lcmt.hpp>
#include <file_send_lcmt.hpp>
#include <lcm/lcm-cpp.hpp>
#include <localization_lcmt.hpp>
#include <robot_control_cmd_lcmt.hpp>
#include <robot_control_response_lcmt.hpp>
#include <string>

namespace {

constexpr const char* kCommandUrl = "udpm://239.255.76.67:7671?ttl=255";
constexpr const char* kResponseUrl = "udpm://239.255.76.67:7670?ttl=255";
constexpr const char* kLocalizationUrl = "udpm://239.255.76.67:7667?ttl=255";
constexpr int kCycles = 6;
constexpr const char* kLegNames[] = {"FR", "FL", "RR", "RL"};
constexpr double kCrawlSeconds = (12 + kCycles * 40 + 30) * 0.03;

// As the contest program builds it: FR, RL, FL, RR, each alone, four feet between.
std::string crawl_definition() {
  std::string text = "# Gait Def\n";
  auto section = [&](const char* contact, int steps) {
    text += std::string("[[section]]\ncontact  = ") + contact + "\nduration = " + std::to_string(steps) + "\n\n";
  };
  section("[1, 1, 1, 1]", 12);
  for (int i = 0; i < kCycles; ++i)
    for (const char* contact : {"[0, 1, 1, 1]", "[1, 1, 1, 0]", "[1, 0, 1, 1]", "[1, 1, 0, 1]"}) {
      section(contact, 6);
      section("[1, 1, 1, 1]", 4);
    }
  section("[1, 1, 1, 1]", 30);
  return text;
}

enum class Step { send_gait, stand_up, loco_stand, crawl, lie_down, done };

class Program {
 public:
  Program() : command_(kCommandUrl), response_(kResponseUrl), odometry_(kLocalizationUrl) {
    command_.subscribe("user_gait_result", &Program::on_result, this);
    response_.subscribe("robot_control_response", &Program::on_response, this);
    odometry_.subscribe("global_to_robot", &Program::on_odometry, this);
  }
  bool good() const { return command_.good() && response_.good() && odometry_.good(); }

  int run(double idle_exit) {
    auto last_heard = std::chrono::steady_clock::now();
    for (;;) {
      pollfd fds[3] = {
          {response_.getFileno(), POLLIN, 0}, {odometry_.getFileno(), POLLIN, 0}, {command_.getFileno(), POLLIN, 0}};
      if (poll(fds, 3, 10) < 0) return 1;
      if (fds[2].revents & POLLIN) command_.handle();
      if (fds[0].revents & POLLIN) response_.handle();
      const auto now = std::chrono::steady_clock::now();
      if (fds[1].revents & POLLIN) {
        odometry_.handle();
        last_heard = now;
        if (odometry_msg_.timestamp != answered_timestamp_) {
          answered_timestamp_ = odometry_msg_.timestamp;
          while (!response_since_decision_ && response_.handleTimeout(1000) > 0) {
          }
          response_since_decision_ = false;
          decide(1e-9 * static_cast<double>(odometry_msg_.timestamp));
          command_.publish("robot_control_cmd", &frame_);
        }
      }
      if (step_ == Step::done && !reported_) {
        std::printf(
            "client: gait file result %d, crawled %.3f m in %.2f s, most feet up %d, lifts %s, mode %d bar %d\n",
            result_, crawled_, kCrawlSeconds, most_up_, lifts_.c_str(), response_msg_.mode,
            response_msg_.order_process_bar);
        std::fflush(stdout);
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
  void on_result(const lcm::ReceiveBuffer*, const std::string&, const file_recv_lcmt* msg) { result_ = msg->result; }
  void on_response(const lcm::ReceiveBuffer*, const std::string&, const robot_control_response_lcmt* msg) {
    response_msg_ = *msg;
    response_since_decision_ = true;
  }
  void on_odometry(const lcm::ReceiveBuffer*, const std::string&, const localization_lcmt* msg) {
    odometry_msg_ = *msg;
  }

  void order(int8_t mode, int8_t gait, double t) {
    frame_ = {};
    frame_.mode = mode;
    frame_.gait_id = gait;
    frame_.life_count = ++life_count_;
    step_started_ = t;
  }

  void decide(double t) {
    const double since = t - step_started_;
    switch (step_) {
      case Step::send_gait: {
        file_send_lcmt file;
        file.data = crawl_definition();
        command_.publish("user_gait_file", &file);
        order(12, 0, t);
        step_ = Step::stand_up;
        break;
      }
      case Step::stand_up:
        if (response_msg_.mode == 12 && response_msg_.order_process_bar >= 95 && since > 0.1) {
          order(11, 1, t);
          step_ = Step::loco_stand;
        }
        break;
      case Step::loco_stand:
        if (since >= 1.0 && result_ == 0) {
          order(11, 110, t);
          frame_.vel_des[0] = 0.15f;
          frame_.step_height[0] = frame_.step_height[1] = 40 + 40 * 1000;  // 40 mm each leg
          frame_.contact = 10;                                             // landing gain 1.0
          frame_.ctrl_point[2] = 0.4f;                                     // friction
          x0_ = odometry_msg_.xyz[0];
          y0_ = odometry_msg_.xyz[1];
          step_ = Step::crawl;
        }
        break;
      case Step::crawl: {
        if (response_msg_.mode == 11 && response_msg_.gait_id == 110) {
          // The robot's contact estimate (ground force over 5 N) flickers as
          // a foot lands: a foot counts as up after four responses (80 ms) off (a swing is 180 ms).
          int up = 0;
          for (int leg = 0; leg < 4; ++leg) {
            off_responses_[leg] = (response_msg_.contact >> leg) & 1 ? 0 : off_responses_[leg] + 1;
            if (off_responses_[leg] >= 4) ++up;
            if (off_responses_[leg] == 4) lifts_ += std::string(lifts_.empty() ? "" : ",") + kLegNames[leg];
          }
          most_up_ = std::max(most_up_, up);
        }
        if (since >= kCrawlSeconds) {
          crawled_ = std::hypot(odometry_msg_.xyz[0] - x0_, odometry_msg_.xyz[1] - y0_);
          order(7, 1, t);
          step_ = Step::lie_down;
        }
        break;
      }
      case Step::lie_down:
        if (response_msg_.mode == 7 && response_msg_.order_process_bar >= 100 && since > 0.1) step_ = Step::done;
        break;
      case Step::done:
        break;
    }
  }

  lcm::LCM command_, response_, odometry_;
  robot_control_cmd_lcmt frame_{};
  robot_control_response_lcmt response_msg_{};
  localization_lcmt odometry_msg_{};
  int result_ = -1;
  bool reported_ = false;
  int64_t answered_timestamp_ = -1;
  bool response_since_decision_ = false;
  int8_t life_count_ = 0;
  Step step_ = Step::send_gait;
  double step_started_ = 0, x0_ = 0, y0_ = 0, crawled_ = 0;
  int most_up_ = 0;
  int off_responses_[4] = {};
  std::string lifts_;
};

}  // namespace

int main(int argc, char** argv) {
  double idle_exit = 5.0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i], value = argv[i + 1];
    if (arg == "--idle-exit") {
      idle_exit = std::stod(value);
    } else if (arg != "--pace" || value != "state") {
      std::fprintf(stderr, "usage: crawl_shaped_client [--pace state] [--idle-exit S]\n");
      return 2;
    }
  }
  Program program;
  if (!program.good()) {
    std::fprintf(stderr, "client: LCM cannot open the robot's URLs (multicast route?)\n");
    return 1;
  }
  return program.run(idle_exit);
}
