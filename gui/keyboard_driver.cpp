#include "keyboard_driver.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

#include "overlay_style.h"

namespace simarena::gui {
namespace {

// The robot's trots and their caps (forward, lateral, yaw): shared facts,
// high-level API §5.
struct DriveGait {
  int id;
  const char* name;
  double forward, lateral, yaw;
};
constexpr DriveGait kGaits[] = {
    {27, tr_noop("slow trot"), 0.6, 0.2, 1.3},
    {3, tr_noop("medium trot"), 1.2, 0.4, 2.25},
    {10, tr_noop("fast trot"), 1.6, 0.55, 2.5},
    // The user gait: the robot caps it at 1.5 m/s, 0.3 m/s and 1.0 rad/s;
    // schedules are crawls, and the example crawl falls at 0.3 m/s, so full
    // keys ask a crawl's pace.
    {110, tr_noop("user gait"), 0.15, 0.05, 0.3},
};
constexpr int kTrots = 3;

}  // namespace

KeyboardDriver::KeyboardDriver(std::shared_ptr<DriveInput> input, std::shared_ptr<DriveStatus> status,
                               std::string user_gait)
    : input_(std::move(input)), status_(std::move(status)), user_gait_(std::move(user_gait)) {
  status_->user_gait = !user_gait_.empty();
  status_->user_gait_answer = -1;
}

void KeyboardDriver::hear(const HighLevelFeedback& feedback) {
  status_->heard = feedback.published;
  status_->robot = feedback.response;
  if (!feedback.gait_file_results.empty()) status_->user_gait_answer = feedback.gait_file_results.back();
}

StepOutcome KeyboardDriver::step(bool, const SimarenaRobotData&, SimarenaMotorCmd&) {
  DriveInput& in = *input_;
  const SimarenaHighLevelResponse& robot = status_->robot;
  const int gaits = status_->user_gait ? static_cast<int>(std::size(kGaits)) : kTrots;
  if (in.next_gait) gait_index_ = (gait_index_ + 1) % gaits;
  const DriveGait& gait = kGaits[gait_index_];
  const bool moving = in.forward != 0 || in.turn != 0 || in.sideways != 0;
  const bool upright = status_->heard && (robot.mode == 11 || (robot.mode == 12 && robot.order_process_bar >= 95));

  SimarenaHighLevelCmd next = frame_;
  if (in.stand_up) {
    next = {};
    next.mode = 12;
  } else if (in.lie_down) {
    next = {};
    next.mode = 7;
    next.gait_id = 1;
  } else if (upright && (moving || frame_.mode == 11)) {
    // Walking, or standing in the gait (loco stand) between key presses.
    next = {};
    next.mode = 11;
    next.gait_id = static_cast<int8_t>(gait.id);
    next.vel_des[0] = static_cast<float>(std::clamp(in.forward, -1.0, 1.0) * gait.forward);
    next.vel_des[1] = static_cast<float>(std::clamp(in.sideways, -1.0, 1.0) * gait.lateral);
    next.vel_des[2] = static_cast<float>(std::clamp(in.turn, -1.0, 1.0) * gait.yaw);
    next.step_height[0] = next.step_height[1] = 0.05f;
  }
  in.stand_up = in.lie_down = in.next_gait = false;
  next.life_count = frame_.life_count;
  if (std::memcmp(&next, &frame_, sizeof(next)) != 0) next.life_count = static_cast<int8_t>(frame_.life_count + 1);
  frame_ = next;

  status_->gait_id = gait.id;
  status_->gait_name = gait.name;
  std::copy(std::begin(frame_.vel_des), std::end(frame_.vel_des), status_->speed);
  StepOutcome outcome;
  // The schedule goes first, as a program sends it before asking for 110.
  if (!user_gait_.empty()) outcome.gait_files.push_back(std::exchange(user_gait_, {}));
  // Before the first order there is nothing to say: the robot stays off.
  if (frame_.life_count != 0) outcome.high_level_frames.push_back(frame_);
  return outcome;
}

void read_drive_keys(DriveInput& input) {
  GLFWwindow* window = glfwGetCurrentContext();
  if (window == nullptr || ImGui::GetIO().WantTextInput) return;
  // Sticky keys: a key pressed and released between two frames still reads
  // as pressed once, so a quick tap on a slow frame is not lost.
  glfwSetInputMode(window, GLFW_STICKY_KEYS, GLFW_TRUE);
  const auto down = [window](int key) { return glfwGetKey(window, key) == GLFW_PRESS ? 1.0 : 0.0; };
  input.forward = std::max(down(GLFW_KEY_W), down(GLFW_KEY_UP)) - std::max(down(GLFW_KEY_S), down(GLFW_KEY_DOWN));
  input.turn = std::max(down(GLFW_KEY_A), down(GLFW_KEY_LEFT)) - std::max(down(GLFW_KEY_D), down(GLFW_KEY_RIGHT));
  input.sideways = down(GLFW_KEY_Z) - down(GLFW_KEY_X);
  bool* taps[] = {&input.stand_up, &input.lie_down, &input.next_gait};
  const int tap_keys[] = {GLFW_KEY_U, GLFW_KEY_L, GLFW_KEY_G};
  for (int i = 0; i < 3; ++i) {
    const bool now = down(tap_keys[i]) != 0;
    if (now && !input.tap_keys_down[i]) *taps[i] = true;
    input.tap_keys_down[i] = now;
  }

  // A gamepad, where GLFW knows its mapping: sticks beyond a dead zone win
  // over the keys.
  GLFWgamepadstate pad;
  if (glfwJoystickIsGamepad(GLFW_JOYSTICK_1) && glfwGetGamepadState(GLFW_JOYSTICK_1, &pad)) {
    const auto axis = [&](int a) {
      const double v = pad.axes[a];
      return std::abs(v) < 0.15 ? 0.0 : v;
    };
    if (axis(GLFW_GAMEPAD_AXIS_LEFT_Y) != 0) input.forward = -axis(GLFW_GAMEPAD_AXIS_LEFT_Y);
    if (axis(GLFW_GAMEPAD_AXIS_LEFT_X) != 0) input.sideways = -axis(GLFW_GAMEPAD_AXIS_LEFT_X);
    if (axis(GLFW_GAMEPAD_AXIS_RIGHT_X) != 0) input.turn = -axis(GLFW_GAMEPAD_AXIS_RIGHT_X);
    input.stand_up |= pad.buttons[GLFW_GAMEPAD_BUTTON_A] == GLFW_PRESS;
    input.lie_down |= pad.buttons[GLFW_GAMEPAD_BUTTON_B] == GLFW_PRESS;
  }
}

float draw_drive_help(const DriveStatus& status, float scale, float top) {
  // In the left column under the scoreboard: the bottom holds the event feed
  // (left half) and the panel (right), and at 1280x720 a box at the bottom
  // centre covered both.
  const float margin = 24.0f * scale;
  ImGui::SetNextWindowPos({margin, top + margin * 0.5f}, ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.75f);
  ImGui::Begin("##drive", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing |
                   ImGuiWindowFlags_NoNav);
  ImGui::TextUnformatted(tr("You drive (the robot's high-level API)"));
  ImGui::Separator();
  ImGui::TextUnformatted(tr("U stand up    L lie down    G next gait"));
  ImGui::TextUnformatted(tr("W/S or Up/Down  forward / back"));
  ImGui::TextUnformatted(tr("A/D or Left/Right  turn    Z/X  sidestep"));
  ImGui::Separator();
  ImGui::Text(tr("gait %d (%s): vx %.2f m/s  vy %.2f m/s  yaw %.2f rad/s"), status.gait_id, tr(status.gait_name),
              static_cast<double>(status.speed[0]), static_cast<double>(status.speed[1]),
              static_cast<double>(status.speed[2]));
  if (status.user_gait) {
    if (status.user_gait_answer < 0)
      ImGui::TextUnformatted(tr("user gait schedule: sent, no answer yet"));
    else if (status.user_gait_answer == 0)
      ImGui::TextUnformatted(tr("user gait schedule: taken (G to gait 110; it plays once each time)"));
    else
      ImGui::TextUnformatted(tr("user gait schedule: refused by the robot (answer 1)"));
  }
  if (status.heard)
    ImGui::Text(tr("robot: mode %d gait %d, %d %% done, switch status %d"), status.robot.mode, status.robot.gait_id,
                status.robot.order_process_bar, status.robot.switch_status);
  else
    ImGui::TextUnformatted(tr("robot: off (mode 0); press U to stand up"));
  return end_window_bottom();
}

}  // namespace simarena::gui
