#include "simarena/track/field_probe.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

#include "simarena/track/field_mjcf.h"

namespace simarena {
namespace {

// k from "<prefix><k>" or "<prefix><k>_..."; -1 when the name is not one.
int object_number(const char* name, std::string_view prefix) {
  if (name == nullptr) return -1;
  const std::string_view n(name);
  if (n.substr(0, prefix.size()) != prefix) return -1;
  int k = -1;
  const auto [end, error] = std::from_chars(n.data() + prefix.size(), n.data() + n.size(), k);
  if (error != std::errc() || (end != n.data() + n.size() && *end != '_')) return -1;
  return k;
}

}  // namespace

FieldProbe::FieldProbe(const mjModel* m, int base_body) : base_body_(base_body) {
  geom_object_.assign(static_cast<size_t>(m->ngeom), -1);
  int count = 0;
  for (int b = 1; b < m->nbody; ++b)
    count = std::max(count, object_number(mj_id2name(m, mjOBJ_BODY, b), kFieldObjectPrefix) + 1);
  for (int g = 0; g < m->ngeom; ++g)
    count = std::max(count, object_number(mj_id2name(m, mjOBJ_GEOM, g), kObstaclePrefix) + 1);
  objects_.resize(static_cast<size_t>(count));

  for (int b = 1; b < m->nbody; ++b) {
    const int k = object_number(mj_id2name(m, mjOBJ_BODY, b), kFieldObjectPrefix);
    if (k < 0) continue;
    Object& o = objects_[static_cast<size_t>(k)];
    o.body = b;
    const int joint = m->body_jntadr[b];
    if (joint >= 0 && m->jnt_type[joint] == mjJNT_BALL) o.ball_qpos = m->jnt_qposadr[joint];
  }
  for (int g = 0; g < m->ngeom; ++g) {
    const int body = m->geom_bodyid[g];
    const char* name = mj_id2name(m, mjOBJ_GEOM, g);
    if (m->body_rootid[body] == base_body_) {
      const std::string_view n = name != nullptr ? name : "";
      if (n.size() > 5 && n.substr(n.size() - 5) == "_foot") feet_.push_back({g, m->geom_size[3 * g]});
      continue;
    }
    const int k = body == 0 ? object_number(name, kObstaclePrefix)
                            : object_number(mj_id2name(m, mjOBJ_BODY, body), kFieldObjectPrefix);
    geom_object_[static_cast<size_t>(g)] = k;
  }
}

FieldObservation FieldProbe::observe(const mjModel* m, const mjData* d) const {
  FieldObservation o;
  for (const Foot& f : feet_) {
    const double* at = d->geom_xpos + 3 * f.geom;
    o.feet.push_back({at[0], at[1], at[2] - f.radius, false});
  }
  o.objects.resize(objects_.size());
  for (size_t k = 0; k < objects_.size(); ++k) {
    const Object& obj = objects_[k];
    if (obj.body < 0) continue;
    FieldObjectState& s = o.objects[k];
    const double* centre = d->xipos + 3 * obj.body;
    s.position = {centre[0], centre[1], centre[2]};
    // A ball joint's quaternion turns by 2 acos(w); a free body's z axis against the world's.
    s.angle = obj.ball_qpos >= 0 ? 2 * std::acos(std::clamp(std::abs(d->qpos[obj.ball_qpos]), 0.0, 1.0))
                                 : std::acos(std::clamp(d->xmat[9 * obj.body + 8], -1.0, 1.0));
  }
  for (int i = 0; i < d->ncon; ++i) {
    const mjContact& c = d->contact[i];
    for (const auto& [mine, other] : {std::pair{c.geom1, c.geom2}, std::pair{c.geom2, c.geom1}}) {
      if (m->body_rootid[m->geom_bodyid[mine]] != base_body_ || m->body_rootid[m->geom_bodyid[other]] == base_body_)
        continue;
      for (size_t f = 0; f < feet_.size(); ++f)
        if (feet_[f].geom == mine) o.feet[f].support = true;
      const int k = geom_object_[static_cast<size_t>(other)];
      if (k >= 0) o.objects[static_cast<size_t>(k)].robot_contact = true;
    }
  }
  return o;
}

}  // namespace simarena
