// The lines every run-like command prints about a finished run, from its
// result JSON (run_match): one format for `run`, `bridge` and friends.
#pragma once

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace simarena::cli {

// Simulated time, final body pose and the start-up err bit.
inline void print_final_state(const nlohmann::json& result) {
  const auto& fin = result["final"];
  const auto& pos = fin["base_position_m"];
  std::printf("simulated   %.3f s in %llu control ticks\n", fin["time_s"].get<double>(),
              static_cast<unsigned long long>(result["ticks"].get<uint64_t>()));
  std::printf("body        x %.3f  y %.3f  height %.3f m, tilt %.1f deg -> %s\n", pos[0].get<double>(),
              pos[1].get<double>(), pos[2].get<double>(), fin["tilt_rad"].get<double>() * 57.29578,
              fin["upright"].get<bool>() ? "upright" : "NOT upright");
  std::printf("err_flag    0x%02x (start-up bit1 %s)\n", fin["err_flag"].get<unsigned>(),
              fin["startup_err_bit_cleared"].get<bool>() ? "cleared" : "NOT cleared");
}

// Where the result and the replay were written.
inline void print_outputs(const nlohmann::json& result, const std::string& out) {
  std::printf("result      %s\n", out.c_str());
  if (result.contains("replay")) std::printf("replay      %s\n", result["replay"].get<std::string>().c_str());
}

}  // namespace simarena::cli
