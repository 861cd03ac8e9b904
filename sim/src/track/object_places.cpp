#include "simarena/track/object_places.h"

#include <stdexcept>
#include <string>
#include <string_view>

#include "simarena/track/field_mjcf.h"

namespace simarena {

ObjectPlaces::ObjectPlaces(const mjModel* model, const std::vector<AnnounceableObject>& objects) {
  for (const AnnounceableObject& object : objects) {
    const std::string k = std::to_string(object.layout_index) + "_";  // the "_" keeps object 1 apart from 10
    const std::string body_prefix = std::string(kFieldObjectPrefix) + k,
                      static_prefix = std::string(kObstaclePrefix) + k;
    std::vector<int>& geoms = geoms_.emplace_back();
    for (int g = 0; g < model->ngeom; ++g) {
      const char* name = mj_id2name(model, mjOBJ_GEOM, g);
      if (name == nullptr) continue;
      const std::string_view n(name);
      if (n.starts_with(body_prefix) || n.starts_with(static_prefix)) geoms.push_back(g);
    }
    if (geoms.empty())
      throw std::runtime_error("announceable object '" + object.name + "' (layout object " +
                               std::to_string(object.layout_index) + ") has no geom in this world");
  }
}

std::vector<Vec2> ObjectPlaces::places(const mjData* data) const {
  std::vector<Vec2> out;
  out.reserve(geoms_.size());
  for (const std::vector<int>& geoms : geoms_) {
    Vec2 sum;
    for (int g : geoms) {
      sum.x += data->geom_xpos[3 * g];
      sum.y += data->geom_xpos[3 * g + 1];
    }
    out.push_back({sum.x / static_cast<double>(geoms.size()), sum.y / static_cast<double>(geoms.size())});
  }
  return out;
}

}  // namespace simarena
