// Controller `ball_chaser`: the camera example a student can start from
// (docs/cameras.md). It opens the robot's RGB camera, finds an orange ball
// in each new image by a colour threshold, and walks to it on the robot's
// high-level API: stand up (mode 12), then trot (mode 11) turning toward
// the ball's centre column, slowing as the ball grows, and stop in front
// of it, announcing "ball reached". With no ball in view it turns on the
// spot to look for one. Parameters (e.g. "radius=0.1 stop=0.5"): radius
// (the ball's, m), stop (distance from the camera to stop at, m), vx
// (top speed, m/s), gait (27 slow, 3 medium trot), verbose (1: log what
// each image shows).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <simarena/custom_interface.hpp>
#include <simarena/params.hpp>
#include <string>

namespace {

// Where the ball is in one image: its centre column and its width, pixels.
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

BallSighting find_ball(const SimarenaCameraImage& image) {
  // Every second pixel of every second row is plenty at 640x480.
  int count = 0, left = image.width, right = -1;
  double sum_column = 0;
  const auto* rows = static_cast<const uint8_t*>(image.pixels);
  for (int v = 0; v < image.height; v += 2) {
    const uint8_t* row = rows + static_cast<size_t>(v) * static_cast<size_t>(image.stride);
    for (int u = 0; u < image.width; u += 2)
      if (orange(row + 3 * u)) {
        ++count;
        sum_column += u;
        left = std::min(left, u);
        right = std::max(right, u);
      }
  }
  BallSighting s;
  if (count < 4) return s;  // a few pixels: noise, not a ball
  s.seen = true;
  s.column = sum_column / count;
  s.width = right - left + 2;
  return s;
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
    verbose_ = params.number("verbose", 0, 0, 1) > 0;
    params.finish();
  }

 private:
  enum class Stage { standing_up, chasing, reached };

  bool Attach() override {
    camera_ = OpenCamera("rgb");
    if (camera_ < 0) attach_error_ = "ball_chaser: this robot has no camera named 'rgb'";
    return camera_ >= 0;
  }

  void UserCode(bool) override {
    SimarenaHighLevelResponse response{};
    const bool heard = ReadHighLevelResponse(response);
    SimarenaCameraImage image{};
    if (ReadCamera(camera_, image) && image.sequence != last_sequence_ && image.format == SIMARENA_PIXELS_RGB8) {
      last_sequence_ = image.sequence;
      sighting_ = find_ball(image);
      if (sighting_.seen) {
        bearing_ = std::atan((image.cx - sighting_.column) / image.fx);  // rad, left positive
        distance_ = 2.0 * radius_ * image.fx / sighting_.width;          // m from the camera
      }
      if (verbose_)
        Log("t=" + std::to_string(image.capture_time) +
            (sighting_.seen
                 ? " ball: bearing " + std::to_string(bearing_) + " rad, distance " + std::to_string(distance_) + " m"
                 : " no ball"));
    }
    switch (stage_) {
      case Stage::standing_up:
        Order(12, 0, 0, 0);
        if (heard && response.mode == 12 && response.order_process_bar >= 95) stage_ = Stage::chasing;
        break;
      case Stage::chasing:
        if (!sighting_.seen) {
          Order(11, gait_, 0, 0.5);              // look around
        } else if (distance_ <= stop_ + 0.05) {  // within 5 cm: the estimate is no finer
          stage_ = Stage::reached;
          Announce("ball reached");
          Order(11, 1, 0, 0);  // stand still (gait 1: stand)
        } else {
          // Slower as it nears (but not so slow that the trot stalls), and
          // while the ball is far off to the side.
          const double speed =
              std::clamp(0.8 * (distance_ - stop_), 0.15, top_speed_) * std::max(0.0, std::cos(bearing_));
          Order(11, gait_, speed, std::clamp(1.5 * bearing_, -0.8, 0.8));
        }
        break;
      case Stage::reached:
        Order(11, 1, 0, 0);
        break;
    }
    SendHighLevel(frame_);  // every period: the robot's heartbeat
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
  int camera_ = -1;
  uint32_t last_sequence_ = 0;
  BallSighting sighting_;
  double bearing_ = 0, distance_ = 1e9;
  double radius_, stop_, top_speed_;
  int8_t gait_;
  bool verbose_;
};

}  // namespace

SIMARENA_EXPORT_CONTROLLER(BallChaser, "ball_chaser")
