#include "foot_probe.h"

#include <algorithm>
#include <cmath>

namespace locomotion {

namespace {

constexpr double kNearGround = 0.02;     // m above the expected ground where lowering slows to probe_speed
constexpr double kStoppedSpeed = -0.05;  // m/s: a foot going down slower than this has stopped
constexpr int kContactTicks = 3;         // periods of lag in a row that make a contact
constexpr double kBottomWait = 0.06;     // s at the bottom without ground: a gap
constexpr double kSpeedFilter = 0.3;     // weight of this period's foot speed
constexpr double kFeelAfter = 0.04;      // s of lowering before a lag counts: the foot must first get going
constexpr double kMaxLowering = 1.0;     // m/s: the fastest the foot goes down toward the ground
constexpr int kFirstShortOffset = 2;     // index of the first aim short of the first one
// After a gap, the aims in turn, in retry steps from the first aim: farther
// on first, then short of it (the near side of the gap).
constexpr double kRetryOffsets[] = {1.0, 2.0, -1.0, -2.0};

}  // namespace

void FootProbe::begin(const Eigen::Vector3d& lift_off, const Eigen::Vector2d& aim, double ground) {
  stage_ = Stage::kLift;
  lift_off_ = target_ = lift_off;
  velocity_.setZero();
  first_aim_ = aim_ = aim;
  ground_ = ground;
  apex_ = std::max(lift_off.z(), ground) + params_.step_height;
  last_foot_z_ = lift_off.z();
  foot_speed_ = 0.0;
  contact_ticks_ = 0;
  bottom_time_ = 0.0;
  gaps_ = tries_ = 0;
  edge_checked_ = false;
}

Eigen::Vector2d FootProbe::next_aim(double hip_x) {
  constexpr int kOffsets = static_cast<int>(std::size(kRetryOffsets));
  while (tries_ < kOffsets) {
    const double x = first_aim_.x() + kRetryOffsets[tries_++] * params_.retry_step;
    if (std::abs(x - hip_x) <= params_.max_reach) return {x, first_aim_.y()};
  }
  // Every aim failed: back where it stood (ground there), then start over.
  tries_ = 0;
  return lift_off_.head<2>();
}

bool FootProbe::move_toward(const Eigen::Vector3d& goal, double speed, double dt) {
  const Eigen::Vector3d way = goal - target_;
  const double step = speed * dt;
  if (way.norm() <= step) {
    velocity_.setZero();
    target_ = goal;
    return true;
  }
  velocity_ = way.normalized() * speed;
  target_ += velocity_ * dt;
  return false;
}

Eigen::Vector3d FootProbe::update(const Eigen::Vector3d& foot, double hip_x, bool at_reach, double dt) {
  foot_speed_ += kSpeedFilter * ((foot.z() - last_foot_z_) / dt - foot_speed_);
  last_foot_z_ = foot.z();
  switch (stage_) {
    case Stage::kLift:
      if (move_toward({target_.x(), target_.y(), apex_}, params_.swing_speed, dt)) stage_ = Stage::kTravel;
      break;
    case Stage::kTravel:
      if (move_toward({aim_.x(), aim_.y(), apex_}, params_.swing_speed, dt)) {
        stage_ = Stage::kLower;
        contact_ticks_ = 0;
        lowering_time_ = 0.0;
        bottom_time_ = 0.0;
      }
      break;
    case Stage::kLower: {
      // Feel: the foot stays above a target that goes on down.
      lowering_time_ += dt;
      const bool held = !at_reach && lowering_time_ > kFeelAfter && foot.z() - target_.z() > params_.contact_lag &&
                        foot_speed_ > kStoppedSpeed;
      contact_ticks_ = held ? contact_ticks_ + 1 : 0;
      if (contact_ticks_ >= kContactTicks && gaps_ > 0 && !edge_checked_) {
        // Ground after a gap may be the gap's edge: step a little farther
        // from the gap (on from it, or back from it) and feel again.
        edge_checked_ = true;
        aim_.x() += (aim_.x() >= first_aim_.x() ? 1.0 : -1.0) * params_.edge_margin;
        stage_ = Stage::kLift;
        velocity_.setZero();
        break;
      }
      if (contact_ticks_ >= kContactTicks) {
        stage_ = Stage::kLanded;
        landed_z_ = foot.z();
        // Hold where it stands (a little below, so it keeps pressing).
        target_ = {foot.x(), foot.y(), foot.z() - 0.5 * params_.contact_lag};
        velocity_.setZero();
        break;
      }
      const double bottom = ground_ - params_.probe_depth;
      const double speed =
          target_.z() > ground_ + kNearGround ? std::min(kMaxLowering, params_.swing_speed) : params_.probe_speed;
      const bool at_bottom = at_reach || move_toward({aim_.x(), aim_.y(), bottom}, speed, dt);
      if (at_reach) velocity_.setZero();
      bottom_time_ = at_bottom ? bottom_time_ + dt : 0.0;
      if (bottom_time_ > kBottomWait) {
        // Nothing within reach: a gap. Up again, and the next aim.
        gap(hip_x, at_reach && target_.z() > ground_ - 0.5 * params_.probe_depth);
      }
      break;
    }
    case Stage::kLanded:
      velocity_.setZero();
      break;
  }
  return target_;
}

void FootProbe::reject(double hip_x) { gap(hip_x, false); }

void FootProbe::gap(double hip_x, bool out_of_reach) {
  {
    {
      ++gaps_;
      // Stretched before it got deep: that aim is out of reach, and so are those farther on.
      if (out_of_reach) tries_ = std::max(tries_, kFirstShortOffset);
      aim_ = next_aim(hip_x);
      edge_checked_ = false;
      stage_ = Stage::kLift;
      velocity_.setZero();
    }
  }
}

}  // namespace locomotion
