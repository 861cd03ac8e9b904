#include "simarena/track/track_probe.h"

#include <algorithm>
#include <cmath>

#include "simarena/base/input_error.h"
#include "simarena/track/field_mjcf.h"
#include "simarena/track/track_mjcf.h"

namespace simarena {
namespace {

bool starts_with(const char* name, std::string_view prefix) {
  return name != nullptr && std::string_view(name).substr(0, prefix.size()) == prefix;
}

}  // namespace

TrackProbe::TrackProbe(const World& world, const RuleSet& rules, int hurdle_bars, bool field_points)
    : base_body_(world.base_body()) {
  const mjModel* m = world.model();
  if (field_points) field_.emplace(m, base_body_);
  std::vector<bool> counted_body(m->nbody, false);
  for (const std::string& pattern : rules.fall.contact_bodies) {
    bool matched = false;
    for (int b = 1; b < m->nbody; ++b) {
      if (m->body_rootid[b] != base_body_) continue;
      const char* name = mj_id2name(m, mjOBJ_BODY, b);
      const bool match = pattern == "base"
                             ? b == base_body_
                             : name != nullptr && std::string_view(name).find(pattern) != std::string::npos;
      if (match) counted_body[b] = matched = true;
    }
    if (!matched)
      throw InputError(
          rules.file.string(),
          tr_noop("fall.contact '%s' matches no body of robot '%s' (use 'base' or a word in its body names)"), pattern,
          world.robot().name);
  }

  geom_kind_.assign(m->ngeom, GeomKind::other);
  for (int g = 0; g < m->ngeom; ++g) {
    const int body = m->geom_bodyid[g];
    const char* name = mj_id2name(m, mjOBJ_GEOM, g);
    if (m->body_rootid[body] == base_body_)
      geom_kind_[g] = counted_body[body] ? GeomKind::robot_counted : GeomKind::robot;
    else if (body == 0)
      geom_kind_[g] = starts_with(name, kWallPrefix)       ? GeomKind::wall
                      : starts_with(name, kPitPrefix)      ? GeomKind::pit
                      : starts_with(name, kObstaclePrefix) ? GeomKind::other  // low bars, cubes, goals
                                                           : GeomKind::ground;
  }

  for (int i = 0; i < hurdle_bars; ++i) {
    const std::string name = std::string(kHurdleBarPrefix) + std::to_string(i);
    const int joint = mj_name2id(m, mjOBJ_JOINT, name.c_str());
    if (joint < 0) throw InputError(world.arena_name(), "the arena has no hurdle bar '" + name + "'");
    const int adr = m->jnt_qposadr[joint];
    bar_qpos_.push_back(adr);
    bar_start_.push_back({m->qpos0[adr], m->qpos0[adr + 1], m->qpos0[adr + 2]});
  }
}

Observation TrackProbe::observe(const mjModel* m, const mjData* d, double time, const std::vector<MatchEvent>& events) {
  Observation o;
  o.time = time;
  const double* pos = d->xpos + 3 * base_body_;
  const double* rot = d->xmat + 9 * base_body_;
  o.position = {pos[0], pos[1], pos[2]};
  o.yaw = std::atan2(rot[3], rot[0]);                 // heading of the body's x axis
  o.tilt = std::acos(std::clamp(rot[8], -1.0, 1.0));  // body z against world z

  for (int i = 0; i < d->ncon; ++i) {
    const mjContact& c = d->contact[i];
    GeomKind a = geom_kind_[c.geom1], b = geom_kind_[c.geom2];
    int robot_geom = c.geom1;
    if (a != GeomKind::robot && a != GeomKind::robot_counted) {
      std::swap(a, b);
      robot_geom = c.geom2;
    }
    if (a != GeomKind::robot && a != GeomKind::robot_counted) continue;
    if (b == GeomKind::wall) o.wall_contact = true;
    if (b == GeomKind::pit) o.pit_contact = true;
    if (a == GeomKind::robot_counted && (b == GeomKind::ground || b == GeomKind::pit) && o.fall_contact.empty()) {
      const char* name = mj_id2name(m, mjOBJ_BODY, m->geom_bodyid[robot_geom]);
      o.fall_contact = name != nullptr ? name : "robot body";
    }
  }

  for (size_t i = 0; i < bar_qpos_.size(); ++i) {
    const double* q = d->qpos + bar_qpos_[i];
    o.obstacle_displacement.push_back(
        std::hypot(q[0] - bar_start_[i][0], q[1] - bar_start_[i][1], q[2] - bar_start_[i][2]));
  }

  if (field_) o.field = field_->observe(m, d);
  for (; events_seen_ < events.size(); ++events_seen_) o.match_events.push_back(events[events_seen_]);
  return o;
}

}  // namespace simarena
