// The robot's own user gaits (mode 11, gaits 80-100): contact schedules in
// the robot's user-gait format (user_gait.h), one per file of its
// control/motion_list/cyberdog2/user/define/, which its user motions
// (mode 62, 80-96), push-up and short dances walk on. simarena keeps them
// as data (user_gaits.txt, built into the library).
#pragma once

#include <string_view>
#include <vector>

#include "user_gait.h"

namespace locomotion {

inline constexpr int kFirstRobotUserGait = 80, kLastRobotUserGait = 100;
constexpr bool is_robot_user_gait(int gait_id) {
  return gait_id >= kFirstRobotUserGait && gait_id <= kLastRobotUserGait;
}

class RobotUserGaits {
 public:
  // The gaits of user_gaits.txt (built into the library).
  static RobotUserGaits builtin();
  // Reads gaits in user_gaits.txt's format; throws std::invalid_argument
  // naming `source` and the line when the text is not in it.
  static RobotUserGaits parse(std::string_view text, std::string_view source);

  // The schedule of gait `gait_id`, or nullptr when the text has none.
  const UserGait* find(int gait_id) const;

 private:
  struct Entry {
    int id = 0;
    UserGait gait;
  };
  std::vector<Entry> gaits_;
};

}  // namespace locomotion
