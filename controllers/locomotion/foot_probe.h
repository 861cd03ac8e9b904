// A blind foot feeling for ground (the probe crawl's swing, probe_crawl.h).
// The foot rises straight up, moves at that height over its aim, and lowers,
// slowly near the ground it expects, until it feels ground: it stops going
// down while its target goes on (the joint PD's error, a force on the foot).
// Ground found lower than `probe_depth` below the expected height, or none
// within the leg's reach, is a gap or a pit: the foot rises again and tries
// the next aim (a few cm farther on, then short of the first aim, then
// back where it lifted off), while the other three feet hold the trunk.
// Frame: any frame fixed to the ground (x along the walk), metres.
#pragma once

#include <Eigen/Dense>

namespace locomotion {

struct ProbeParams {
  double step_height = 0.08;   // m above the higher of lift-off and expected ground the foot travels
  double probe_depth = 0.06;   // m below the expected ground that still counts as ground
  double probe_speed = 0.3;    // m/s lowering near the expected ground (feeling)
  double swing_speed = 1.5;    // m/s rising, travelling and lowering to near the ground
  double contact_lag = 0.012;  // m the foot above its lowering target that means it stands on something
  double retry_step = 0.03;    // m between successive aims after a gap
  double edge_margin = 0.03;   // m farther from a gap a foot that found ground after it feels again
  double max_reach = 0.17;     // m ahead of or behind the hip an aim may lie
};

// The probe crawl's settings (probe_crawl.h), with its feet's.
struct CrawlParams {
  ProbeParams probe;
  double step = 0.12;        // m ahead of its neutral point a foot aims
  double margin = 0.03;      // m the centre of mass stays inside the triangle of the three feet down
  double reach_back = 0.14;  // m behind its hip a foot down may get (how far the trunk leans on)
};

class FootProbe {
 public:
  enum class Stage { kLift, kTravel, kLower, kLanded };

  explicit FootProbe(const ProbeParams& params = {}) : params_(params) {}

  // A new swing from `lift_off` toward `aim` (x, y), expecting ground at `ground` (z).
  void begin(const Eigen::Vector3d& lift_off, const Eigen::Vector2d& aim, double ground);

  // One period. `foot`: the foot measured; `hip_x`: its hip's x now (aims
  // farther than max_reach from it are skipped); `at_reach`: the leg cannot
  // follow the target lower (full stretch). Returns the target for the foot.
  Eigen::Vector3d update(const Eigen::Vector3d& foot, double hip_x, bool at_reach, double dt);

  // The ground it landed on gave way under load (an edge): up again, next aim.
  void reject(double hip_x);

  Stage stage() const { return stage_; }
  const Eigen::Vector3d& target() const { return target_; }
  Eigen::Vector3d target_velocity() const { return velocity_; }
  const Eigen::Vector2d& aim() const { return aim_; }
  int gaps_felt() const { return gaps_; }  // in this swing
  // The ground height where the foot landed (valid once kLanded).
  double landed_ground() const { return landed_z_; }

 private:
  // The next aim after a gap, or the lift-off point when every other failed.
  Eigen::Vector2d next_aim(double hip_x);
  // Nothing to stand on at this aim: up again and on to the next.
  void gap(double hip_x, bool out_of_reach);
  // Moves the target toward `goal` at `speed`; true when there.
  bool move_toward(const Eigen::Vector3d& goal, double speed, double dt);

  ProbeParams params_;
  Stage stage_ = Stage::kLanded;
  Eigen::Vector3d lift_off_ = Eigen::Vector3d::Zero();
  Eigen::Vector3d target_ = Eigen::Vector3d::Zero();
  Eigen::Vector3d velocity_ = Eigen::Vector3d::Zero();
  Eigen::Vector2d first_aim_ = Eigen::Vector2d::Zero(), aim_ = Eigen::Vector2d::Zero();
  double ground_ = 0.0, apex_ = 0.0, landed_z_ = 0.0;
  double last_foot_z_ = 0.0, foot_speed_ = 0.0;
  int contact_ticks_ = 0;
  double lowering_time_ = 0.0;
  double bottom_time_ = 0.0;  // s the target has waited at the bottom of the probe
  int gaps_ = 0, tries_ = 0;
  bool edge_checked_ = false;  // ground found after a gap was felt again farther from it
};

}  // namespace locomotion
