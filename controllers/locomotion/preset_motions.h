// The robot's preset motions (mode 62: shake hands, sit, wag, stretch...):
// on the robot each motion id loads a file of steps that the command queue
// then plays as ordinary mode-21 pose / mode-12 stand / mode-16 jump orders.
// simarena keeps the same steps as data (preset_motions.txt, built into the
// library) and plays them through the same pose and jump machinery.
#pragma once

#include <simarena/controller.h>

#include <string>
#include <string_view>
#include <vector>

namespace locomotion {

// Motion ids with a role: the robot plays motion 0 for an id it has no file
// for; 0 is the two short dances back to back.
inline constexpr int kAllInOneMotion = 0, kShortDance1 = 111, kShortDance2 = 112;

struct PresetMotion {
  int id = 0;        // the robot's motion id (gait_id of a mode-62 frame)
  std::string name;  // what it does, for people
  // The orders it queues, in order, each with its duration in ms.
  std::vector<SimarenaHighLevelCmd> steps;
};

class PresetMotions {
 public:
  // The motions of preset_motions.txt (built into the library), and motion 0
  // made of two of them.
  static PresetMotions builtin();
  // Reads motions in preset_motions.txt's format; throws std::invalid_argument
  // naming `source` and the line when the text is not in it.
  static PresetMotions parse(std::string_view text, std::string_view source);

  // The motion with that id, or nullptr (the robot plays motion 0 for it).
  const PresetMotion* find(int id) const;
  const std::vector<PresetMotion>& all() const { return motions_; }

 private:
  std::vector<PresetMotion> motions_;
};

// The robot's sit-down motions (3, 8, 9, 10): leaving them for another
// motion first raises the body (a mode-21 gait-5 move to 0.225 m, 800 ms).
bool is_sitting_motion(int id);
SimarenaHighLevelCmd rise_from_sitting();

}  // namespace locomotion
