// Controller `ball_chaser`: the camera example a student can start from
// (docs/cameras.md). It opens the robot's RGB camera, finds orange balls in
// each new image by a colour threshold, and walks to the nearest on the
// robot's high-level API: stand up (mode 12), then trot (mode 11) turning
// toward the ball's centre column, slowing as the ball grows, and stop in
// front of it, announcing "ball reached". With no ball in view it turns on
// the spot to look for one.
//
// On a course (the Xiaomi Cup's ball hunt, segment 2) it can open the way a
// contest program does, on the robot's odometry: walk `lead` m straight
// ahead, turn `turn` degrees on the spot, walk `enter` m on; and with
// `strike` it walks through each ball instead of stopping, remembers where
// it struck it, and looks for the next one, up to `targets` balls.
//
// Parameters (e.g. "radius=0.1 stop=0.5"): radius (the ball's, m), stop
// (distance from the camera to stop at, m), vx (top speed, m/s), gait (27
// slow, 3 medium trot), lead, turn, enter (the opening; 0: none), strike
// (1: strike the balls), targets (how many to strike), range (m: farther
// balls are not chased), verbose (1: log what each image shows).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <simarena/custom_interface.hpp>
#include <simarena/params.hpp>
#include <string>
#include <vector>

namespace {

constexpr double kPi = 3.14159265358979323846;

// Where one ball is in one image: its centre column and its width, pixels.
struct BallSighting {
  bool seen = false;
  double column = 0;
  double width = 0;
};

// Orange: red strong, green about half of red, blue low. Shading keeps the
// ratios, so the test is on ratios more than on levels.
bool orange(const uint8_t* p) {
  const int r = p[0], g = p[1], b = p[2];
  return r > 90 && g * 10 > r * 2 && g * 10 < r * 8 && b * 3 < r && b < g;
}

// The orange blobs of one image, as runs of columns holding orange pixels
// (every third pixel of every third row is plenty at 640x480: a ball 3.5 m
// away is 20 pixels wide).
std::vector<BallSighting> find_balls(const SimarenaCameraImage& image) {
  constexpr int kStep = 3;  // pixels between samples
  std::vector<int> counts(static_cast<size_t>(image.width / kStep + 1), 0);
  const auto* rows = static_cast<const uint8_t*>(image.pixels);
  for (int v = 0; v < image.height; v += kStep) {
    const uint8_t* row = rows + static_cast<size_t>(v) * static_cast<size_t>(image.stride);
    for (int u = 0; u < image.width; u += kStep)
      if (orange(row + 3 * u)) ++counts[static_cast<size_t>(u / kStep)];
  }
  std::vector<BallSighting> balls;
  int count = 0, first = -1, last = -1;
  double sum_column = 0;
  const auto close_run = [&] {
    if (count >= 3) balls.push_back({true, sum_column / count, kStep * (last - first + 1.0)});  // fewer: noise
    count = 0, first = -1, sum_column = 0;
  };
  for (int c = 0; c < static_cast<int>(counts.size()); ++c) {
    if (counts[static_cast<size_t>(c)] == 0) {
      if (first >= 0 && c - last > 2) close_run();  // a gap of more than two sampled columns ends a blob
      continue;
    }
    if (first < 0) first = c;
    last = c;
    count += counts[static_cast<size_t>(c)];
    sum_column += kStep * c * counts[static_cast<size_t>(c)];
  }
  if (first >= 0) close_run();
  return balls;
}

class BallChaser : public CustomInterface {
 public:
  static constexpr const char* kSimarenaExtensions[] = {SIMARENA_HIGH_LEVEL_EXTENSION "/1",
                                                        SIMARENA_CAMERA_EXTENSION "/1", nullptr};

  explicit BallChaser(const simarena::ControllerContext& context) : CustomInterface(1.0 / context.control_period) {
    simarena::Params params(context.params);
    radius_ = params.number("radius", 0.1, 0.01, 1.0);
    stop_ = params.number("stop", 0.5, 0.1, 5.0);
    top_speed_ = params.number("vx", 0.6, 0.1, 1.6);
    gait_ = static_cast<int8_t>(params.number("gait", 27, 1, 127));
    lead_ = params.number("lead", 0, 0, 20);
    turn_ = params.number("turn", 0, -180, 180) * kPi / 180;
    enter_ = params.number("enter", 0, 0, 20);
    strike_ = params.number("strike", 0, 0, 1) > 0;
    targets_ = static_cast<int>(params.number("targets", 4, 1, 16));
    range_ = params.number("range", 100, 0.5, 100);
    verbose_ = params.number("verbose", 0, 0, 1) > 0;
    params.finish();
  }

 private:
  enum class Stage { standing_up, lead, turn, enter, chasing, striking, reached };
  static constexpr double kStrikeThrough = 0.9;  // m walked on from where the ball was close: through it
  static constexpr double kStruckRadius = 0.5;   // m: a sighting this close to a struck ball is that ball

  bool Attach() override {
    camera_ = OpenCamera("rgb");
    if (camera_ < 0) attach_error_ = "ball_chaser: this robot has no camera named 'rgb'";
    return camera_ >= 0;
  }

  void UserCode(bool) override {
    SimarenaHighLevelResponse response{};
    const bool heard = ReadHighLevelResponse(response);
    ReadOdometry(odometry_);
    look();
    switch (stage_) {
      case Stage::standing_up:
        Order(12, 0, 0, 0);
        if (heard && response.mode == 12 && response.order_process_bar >= 95) begin(Stage::lead);
        break;
      case Stage::lead:  // straight ahead on the odometry, holding the heading it stood up with
        Order(11, gait_, top_speed_, hold(heading_));
        if (walked() >= lead_) begin(Stage::turn);
        break;
      case Stage::turn:
        Order(11, gait_, 0, std::clamp(2.0 * angle_to(heading_ + turn_), -0.8, 0.8));
        if (std::abs(angle_to(heading_ + turn_)) < 0.05) {
          heading_ += turn_;
          begin(Stage::enter);
        }
        break;
      case Stage::enter:
        Order(11, gait_, top_speed_, hold(heading_));
        if (walked() >= enter_) begin(Stage::chasing);
        break;
      case Stage::chasing:
        chase();
        break;
      case Stage::striking:  // on through the ball, then look for the next one
        Order(11, gait_, 0.3, 0);
        if (walked() >= kStrikeThrough) {
          struck_.push_back(target_);
          if (verbose_) Log("struck the ball at " + std::to_string(target_[0]) + ", " + std::to_string(target_[1]));
          begin(static_cast<int>(struck_.size()) >= targets_ ? Stage::reached : Stage::chasing);
        }
        break;
      case Stage::reached:
        Order(11, 1, 0, 0);
        break;
    }
    SendHighLevel(frame_);  // every period: the robot's heartbeat
  }

  // The next stage, from where the robot is now; an opening leg of length 0 is no leg.
  void begin(Stage next) {
    if (stage_ == Stage::standing_up) heading_ = odometry_.rpy[2];
    if (next == Stage::lead && lead_ <= 0) next = Stage::turn;
    if (next == Stage::turn && turn_ == 0) next = Stage::enter;
    if (next == Stage::enter && enter_ <= 0) next = Stage::chasing;
    stage_ = next;
    from_[0] = odometry_.xyz[0], from_[1] = odometry_.xyz[1];
  }
  double walked() const { return std::hypot(odometry_.xyz[0] - from_[0], odometry_.xyz[1] - from_[1]); }
  double angle_to(double heading) const { return std::remainder(heading - odometry_.rpy[2], 2 * kPi); }
  double hold(double heading) const { return std::clamp(1.5 * angle_to(heading), -0.5, 0.5); }

  // Reads a new image, if there is one: the nearest orange ball not struck yet.
  void look() {
    SimarenaCameraImage image{};
    if (!ReadCamera(camera_, image) || image.sequence == last_sequence_ || image.format != SIMARENA_PIXELS_RGB8) return;
    last_sequence_ = image.sequence;
    seen_ = false;
    for (const BallSighting& ball : find_balls(image)) {
      const double bearing = std::atan((image.cx - ball.column) / image.fx);  // rad, left positive
      const double distance = 2.0 * radius_ * image.fx / ball.width;          // m from the camera
      const double heading = odometry_.rpy[2] + bearing;
      const std::array<double, 2> at{odometry_.xyz[0] + distance * std::cos(heading),
                                     odometry_.xyz[1] + distance * std::sin(heading)};
      if (std::any_of(struck_.begin(), struck_.end(), [&](const std::array<double, 2>& s) {
            return std::hypot(s[0] - at[0], s[1] - at[1]) < kStruckRadius;
          }))
        continue;
      if (distance > range_ || (seen_ && distance >= distance_)) continue;
      seen_ = true, bearing_ = bearing, distance_ = distance, target_ = at;
    }
    if (verbose_)
      Log("t=" + std::to_string(image.capture_time) +
          (seen_ ? " ball: bearing " + std::to_string(bearing_) + " rad, distance " + std::to_string(distance_) + " m"
                 : " no ball"));
  }

  void chase() {
    if (!seen_) {
      Order(11, gait_, 0, 0.5);              // look around
    } else if (distance_ <= stop_ + 0.05) {  // within 5 cm: the estimate is no finer
      if (strike_) {
        begin(Stage::striking);
        return;
      }
      stage_ = Stage::reached;
      Announce("ball reached");
      Order(11, 1, 0, 0);  // stand still (gait 1: stand)
    } else {
      // Slower as it nears (but not so slow that the trot stalls), and
      // while the ball is far off to the side.
      const double speed = std::clamp(0.8 * (distance_ - stop_), 0.15, top_speed_) * std::max(0.0, std::cos(bearing_));
      Order(11, gait_, speed, std::clamp(1.5 * bearing_, -0.8, 0.8));
    }
  }

  // A frame with these values; a new life_count only when they change.
  void Order(int8_t mode, int8_t gait, double vx, double yaw_rate) {
    SimarenaHighLevelCmd next{};
    next.mode = mode;
    next.gait_id = gait;
    next.vel_des[0] = static_cast<float>(vx);
    next.vel_des[2] = static_cast<float>(yaw_rate);
    next.step_height[0] = next.step_height[1] = mode == 11 ? 0.05f : 0.0f;
    next.life_count = frame_.life_count;
    if (std::memcmp(&next, &frame_, sizeof(next)) != 0) next.life_count = static_cast<int8_t>(frame_.life_count + 1);
    frame_ = next;
  }

  Stage stage_ = Stage::standing_up;
  SimarenaHighLevelCmd frame_{};
  SimarenaLocalization odometry_{};
  int camera_ = -1;
  uint32_t last_sequence_ = 0;
  bool seen_ = false;
  double bearing_ = 0, distance_ = 1e9;
  std::array<double, 2> target_{};             // odometry frame: where the ball chased now is
  std::vector<std::array<double, 2>> struck_;  // odometry frame: the balls struck
  double from_[2] = {0, 0};                    // odometry frame: where the stage began
  double heading_ = 0;                         // rad, odometry frame: the opening's heading
  double radius_, stop_, top_speed_, lead_, turn_, enter_, range_;
  int8_t gait_;
  bool strike_, verbose_;
  int targets_;
};

}  // namespace

SIMARENA_EXPORT_CONTROLLER(BallChaser, "ball_chaser")
