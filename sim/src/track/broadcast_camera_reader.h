// Reads the 'broadcast_camera:' block of a track file; every error names
// file:line:column (used by load_track only).
#pragma once

#include "simarena/base/yaml_fields.h"
#include "simarena/track/broadcast_camera.h"

namespace simarena {

BroadcastCamera read_broadcast_camera(const YamlFile& file, const YAML::Node& block);

}  // namespace simarena
