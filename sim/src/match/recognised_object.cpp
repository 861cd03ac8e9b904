#include "simarena/match/recognised_object.h"

#include <simarena/controller.h>

#include <array>

namespace simarena {
namespace {

constexpr std::array<const char*, SIMARENA_OBJECT_KIND_MAX> kObjectNames = {"bottle", "orange_ball", "football",
                                                                            "low_bar", "cubes"};
static_assert(static_cast<int>(RecognisedObject::bottle) == SIMARENA_OBJECT_BOTTLE);
static_assert(static_cast<int>(RecognisedObject::orange_ball) == SIMARENA_OBJECT_ORANGE_BALL);
static_assert(static_cast<int>(RecognisedObject::football) == SIMARENA_OBJECT_FOOTBALL);
static_assert(static_cast<int>(RecognisedObject::low_bar) == SIMARENA_OBJECT_LOW_BAR);
static_assert(static_cast<int>(RecognisedObject::cubes) == SIMARENA_OBJECT_CUBES);

}  // namespace

std::optional<RecognisedObject> recognised_object(int kind) {
  if (kind < 1 || kind > SIMARENA_OBJECT_KIND_MAX) return std::nullopt;
  return static_cast<RecognisedObject>(kind);
}

const char* recognised_object_name(RecognisedObject kind) { return kObjectNames.at(static_cast<size_t>(kind) - 1); }

std::optional<RecognisedObject> recognised_object_from_name(std::string_view name) {
  for (size_t i = 0; i < kObjectNames.size(); ++i)
    if (name == kObjectNames[i]) return static_cast<RecognisedObject>(i + 1);
  return std::nullopt;
}

}  // namespace simarena
