#include "html_replay_scene.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "binary_text.h"

namespace simarena {
namespace {

// MuJoCo's viewer shows geom groups 0 to 2 by default; 3 and above hold
// collision-only or hidden geoms.
constexpr int kVisibleGroups = 3;

const char* geom_type_name(int type) {
  switch (type) {
    case mjGEOM_PLANE:
      return "plane";
    case mjGEOM_HFIELD:
      return "hfield";
    case mjGEOM_SPHERE:
      return "sphere";
    case mjGEOM_CAPSULE:
      return "capsule";
    case mjGEOM_ELLIPSOID:
      return "ellipsoid";
    case mjGEOM_CYLINDER:
      return "cylinder";
    case mjGEOM_BOX:
      return "box";
    case mjGEOM_MESH:
      return "mesh";
    default:
      return nullptr;
  }
}

// Rounded so the page stays small and the same model gives the same text.
double rounded(double value, double step = 1e-5) { return std::round(value / step) * step; }

nlohmann::json rounded_array(const double* values, int n, double step = 1e-5) {
  nlohmann::json out = nlohmann::json::array();
  for (int i = 0; i < n; ++i) out.push_back(rounded(values[i], step));
  return out;
}

nlohmann::json rounded_array(const float* values, int n, double step = 1e-3) {
  nlohmann::json out = nlohmann::json::array();
  for (int i = 0; i < n; ++i) out.push_back(rounded(values[i], step));
  return out;
}

// A mesh's vertices (float32) and triangles (uint32) as base64.
nlohmann::json mesh_json(const mjModel* m, int mesh) {
  std::string vertices, faces;
  const int vert_adr = m->mesh_vertadr[mesh], vert_num = m->mesh_vertnum[mesh];
  for (int i = 0; i < 3 * vert_num; ++i) {
    uint32_t bits;
    const float v = m->mesh_vert[3 * vert_adr + i];
    std::memcpy(&bits, &v, sizeof(bits));
    append_little_endian(vertices, bits);
  }
  const int face_adr = m->mesh_faceadr[mesh], face_num = m->mesh_facenum[mesh];
  for (int i = 0; i < 3 * face_num; ++i)
    append_little_endian(faces, static_cast<uint32_t>(m->mesh_face[3 * face_adr + i]));
  return {{"vertices", base64_encoded(vertices)}, {"triangles", base64_encoded(faces)}};
}

// A heightfield's size and its elevations (0..1, as MuJoCo normalises them) quantised to uint16.
nlohmann::json hfield_json(const mjModel* m, int hfield) {
  const int rows = m->hfield_nrow[hfield], cols = m->hfield_ncol[hfield];
  std::string heights;
  const float* data = m->hfield_data + m->hfield_adr[hfield];
  for (int i = 0; i < rows * cols; ++i)
    append_little_endian(heights, static_cast<uint16_t>(std::lround(std::clamp(data[i], 0.0f, 1.0f) * 65535)));
  return {{"rows", rows},
          {"cols", cols},
          {"size", rounded_array(m->hfield_size + 4 * hfield, 4)},
          {"heights", base64_encoded(heights)}};
}

}  // namespace

std::vector<int> moving_bodies(const mjModel* m) {
  std::vector<int> bodies;
  for (int b = 1; b < m->nbody; ++b)
    if (m->body_weldid[b] != 0) bodies.push_back(b);
  return bodies;
}

nlohmann::json html_replay_scene(const mjModel* m, const mjData* d, const std::vector<int>& moving) {
  nlohmann::json geoms = nlohmann::json::array(), meshes = nlohmann::json::array(), hfields = nlohmann::json::array();
  std::vector<int> mesh_index(m->nmesh, -1), hfield_index(m->nhfield, -1);
  for (int g = 0; g < m->ngeom; ++g) {
    const char* type = geom_type_name(m->geom_type[g]);
    if (!type || m->geom_group[g] >= kVisibleGroups) continue;
    const float* rgba = m->geom_matid[g] >= 0 ? m->mat_rgba + 4 * m->geom_matid[g] : m->geom_rgba + 4 * g;
    if (rgba[3] <= 0) continue;
    nlohmann::json geom = {
        {"type", type}, {"size", rounded_array(m->geom_size + 3 * g, 3)}, {"rgba", rounded_array(rgba, 4)}};
    const int body = m->geom_bodyid[g];
    const auto slot = std::find(moving.begin(), moving.end(), body);
    if (slot != moving.end()) {
      geom["body"] = slot - moving.begin();
      geom["pos"] = rounded_array(m->geom_pos + 3 * g, 3);
      geom["quat"] = rounded_array(m->geom_quat + 4 * g, 4);
    } else {
      mjtNum quat[4];
      mju_mat2Quat(quat, d->geom_xmat + 9 * g);
      geom["body"] = -1;
      geom["pos"] = rounded_array(d->geom_xpos + 3 * g, 3);
      geom["quat"] = rounded_array(quat, 4);
    }
    if (m->geom_type[g] == mjGEOM_MESH) {
      const int mesh = m->geom_dataid[g];
      if (mesh_index[mesh] < 0) {
        mesh_index[mesh] = static_cast<int>(meshes.size());
        meshes.push_back(mesh_json(m, mesh));
      }
      geom["mesh"] = mesh_index[mesh];
    } else if (m->geom_type[g] == mjGEOM_HFIELD) {
      const int hfield = m->geom_dataid[g];
      if (hfield_index[hfield] < 0) {
        hfield_index[hfield] = static_cast<int>(hfields.size());
        hfields.push_back(hfield_json(m, hfield));
      }
      geom["hfield"] = hfield_index[hfield];
    }
    geoms.push_back(std::move(geom));
  }
  return {{"geoms", geoms}, {"meshes", meshes}, {"hfields", hfields}};
}

}  // namespace simarena
