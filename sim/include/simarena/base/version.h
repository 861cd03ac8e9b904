#pragma once

namespace simarena {
inline constexpr const char* kSimarenaVersion = "0.1.0";
}
