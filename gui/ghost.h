// A recorded run drawn translucently beside the one being watched, at the
// same simulated time (a student races the leader). It is a ReplayPlayer of
// its own: nothing it does reaches the run it is shown with.
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <string>

#include "simarena/playback/replay_player.h"

namespace simarena::gui {

class Ghost {
 public:
  // `label`: who the ghost is, for the overlay (e.g. "leader: trot 12.34 s").
  Ghost(std::unique_ptr<ReplayPlayer> player, std::string label);

  // To the last recorded tick at or before simulated time `t` (its end
  // once it has none left: the ghost stays where its run ended).
  void follow(double t);

  const ReplayPlayer& player() const { return *player_; }
  const std::string& label() const { return label_; }
  // Its place among the ghosts shown, which picks its colour.
  void set_colour_index(int index) { colour_index_ = index; }
  const std::array<float, 4>& rgba() const;  // opaque; drawn translucent
  const mjData* state() const { return player_->match().data(); }
  const mjModel* model() const { return player_->match().model(); }
  int trunk_body() const { return player_->world().base_body(); }

 private:
  std::unique_ptr<ReplayPlayer> player_;
  std::string label_;
  int colour_index_ = 0;
};

// The best run on `track_name` in `results`: of the result JSONs that
// `simarena run --track` writes there (with their "replay" and
// "score_sheet"), the one whose score sheet's rank key sorts first (the rule
// set's ranking). Throws InputError when the folder has none with a replay.
std::filesystem::path best_replay(const std::filesystem::path& results, const std::string& track_name);

// `which`: "best" (with `results`) or the path of a .replay. The ghost must
// have been run on `track_name` (empty: the flat arena).
std::unique_ptr<Ghost> load_ghost(const std::string& which, const std::filesystem::path& results,
                                  const std::string& track_name, const SearchPaths& paths);

}  // namespace simarena::gui
