// Controller `contest_walk`: a contest-style program on the robot's
// high-level API (no joint commands). It stands the robot up (mode 12),
// then trots (mode 11) the way a Xiaomi Cup team's state machine would: in
// guided events toward the next gate the course shows, elsewhere straight
// ahead, holding its heading and lane on the robot's odometry. Parameters
// (e.g. "gait=3 vx=1.0"): gait (27 slow, 3 medium, 10 fast trot), vx
// (m/s), step (step height, m). See docs/high-level-api.md.
//
// After a fall it stands up again, as a team's program must (the Xiaomi
// Cup's referee lays a fallen robot down on the route and the run goes on):
// from the robot's own response. When the robot stops walking (its
// emergency stop on tilt shows mode 0, its forced recovery stand mode 12, a
// timeout mode 7), the program orders the recovery stand again, waits for
// it and walks on. An order sent while the robot is in its emergency stop
// (switch_status 2, 4 s) is lost, so the program sends it again, with a
// new life_count, while the robot does not take it. The leg odometry is
// not to be trusted across a fall (the robot lay with no foot to carry it,
// or was carried), so the lane it holds is where it stood up again.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <simarena/custom_interface.hpp>
#include <simarena/params.hpp>

namespace {

class ContestWalk : public CustomInterface {
 public:
  static constexpr const char* kSimarenaExtensions[] = {SIMARENA_HIGH_LEVEL_EXTENSION "/1", nullptr};

  explicit ContestWalk(const simarena::ControllerContext& context) : CustomInterface(1.0 / context.control_period) {
    simarena::Params params(context.params);
    period_ = context.control_period;
    gait_ = static_cast<int8_t>(params.number("gait", 3, 1, 127));
    speed_ = params.number("vx", 1.0, -1.6, 1.6);
    step_height_ = params.number("step", 0.05, 0.0, 0.1);
    params.finish();
  }

 private:
  enum class Stage { standing_up, walking };
  static constexpr int8_t kModeRecoveryStand = 12, kModeLocomotion = 11;
  static constexpr int8_t kStatusEstop = 2;
  // The response may still show the stand for a few periods after the walk
  // was ordered (it is published at 50 Hz): a robot out of locomotion for
  // longer than this has stopped walking.
  static constexpr double kNotWalkingGrace = 0.2;  // s

  void UserCode(bool) override {
    SimarenaHighLevelResponse response{};
    const bool heard = ReadHighLevelResponse(response);
    SimarenaLocalization odometry{};
    ReadOdometry(odometry);
    not_walking_ = stage_ == Stage::walking && heard && response.mode != kModeLocomotion ? not_walking_ + 1 : 0;
    if (static_cast<double>(not_walking_) * period_ > kNotWalkingGrace) stage_ = Stage::standing_up;  // fallen
    if (stage_ == Stage::standing_up) {
      Order(kModeRecoveryStand, 0, 0, 0, 0);
      const bool not_taken = heard && response.mode != kModeRecoveryStand && response.switch_status != kStatusEstop;
      not_standing_ = not_taken ? not_standing_ + 1 : 0;
      if (static_cast<double>(not_standing_) * period_ > kNotWalkingGrace) {
        frame_.life_count = static_cast<int8_t>(frame_.life_count + 1);  // lost in the ESTOP: send it again
        not_standing_ = 0;
      }
      // Done when the robot says so: mode 12 and the bar at 95 or more.
      if (heard && response.mode == kModeRecoveryStand && response.order_process_bar >= 95) {
        stage_ = Stage::walking;
        if (stands_++ > 0) lane_ = odometry.xyz[1];  // stood up again: hold the lane it stands in now
      }
    } else if (course_info_.available && course_info_.next_gate_index >= 0) {
      // Guided: turn toward the next gate, slower into sharp turns.
      const double bearing = std::atan2(course_info_.next_gate_body[1], course_info_.next_gate_body[0]);
      Order(kModeLocomotion, gait_, speed_ * std::max(0.3, std::cos(bearing)), 0, std::clamp(2.0 * bearing, -1.2, 1.2));
    } else {
      // Straight: hold heading 0 and the lane (at first the start line, odometry y = 0).
      const double yaw = odometry.rpy[2], off_lane = odometry.xyz[1] - lane_;
      Order(kModeLocomotion, gait_, speed_, std::clamp(-1.0 * off_lane, -0.15, 0.15),
            std::clamp(-2.0 * yaw, -0.5, 0.5));
    }
    SendHighLevel(frame_);  // every period: the robot's heartbeat
  }

  // A frame with these values; a new life_count only when they change, as
  // a program on the robot does.
  void Order(int8_t mode, int8_t gait, double vx, double vy, double yaw_rate) {
    SimarenaHighLevelCmd next{};
    next.mode = mode;
    next.gait_id = gait;
    next.vel_des[0] = static_cast<float>(vx);
    next.vel_des[1] = static_cast<float>(vy);
    next.vel_des[2] = static_cast<float>(yaw_rate);
    next.step_height[0] = next.step_height[1] = static_cast<float>(mode == kModeLocomotion ? step_height_ : 0.0);
    next.life_count = frame_.life_count;
    if (std::memcmp(&next, &frame_, sizeof(next)) != 0) next.life_count = static_cast<int8_t>(frame_.life_count + 1);
    frame_ = next;
  }

  Stage stage_ = Stage::standing_up;
  int64_t not_walking_ = 0;   // periods the robot has reported a mode other than locomotion while it should walk
  int64_t not_standing_ = 0;  // periods it has not taken the recovery stand, outside its emergency stop
  int stands_ = 0;            // recovery stands completed
  double lane_ = 0;           // m: the odometry y of the lane held
  double period_;
  SimarenaHighLevelCmd frame_{};
  int8_t gait_;
  double speed_, step_height_;
};

}  // namespace

SIMARENA_EXPORT_CONTROLLER(ContestWalk, "contest_walk")
