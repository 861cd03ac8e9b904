// Reads the 'field:' block of a track file into a FieldCourse; every error
// names file:line:column (used by load_track only).
#pragma once

#include "simarena/base/yaml_fields.h"
#include "simarena/track/field_course.h"

namespace simarena {

FieldCourse read_field_course(const YamlFile& file, const YAML::Node& field);

}  // namespace simarena
