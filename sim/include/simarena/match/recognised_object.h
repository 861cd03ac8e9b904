// The kinds of object a controller can say it recognised (simarena.announce
// version 2, the simarena_announce LCM channel), by the names results,
// replays and score sheets write them with.
#pragma once

#include <optional>
#include <string_view>

namespace simarena {

// SIMARENA_OBJECT_* (controller.h), 1..SIMARENA_OBJECT_KIND_MAX.
enum class RecognisedObject : int { bottle = 1, orange_ball = 2, football = 3, low_bar = 4, cubes = 5 };

// The kind for a SIMARENA_OBJECT_* value; nullopt when it names none.
std::optional<RecognisedObject> recognised_object(int kind);
// "bottle", "orange_ball", "football", "low_bar", "cubes".
const char* recognised_object_name(RecognisedObject kind);
std::optional<RecognisedObject> recognised_object_from_name(std::string_view name);

}  // namespace simarena
