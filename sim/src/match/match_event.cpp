#include "simarena/match/match_event.h"

#include <simarena/controller.h>

#include <array>
#include <cstdio>
#include <cstdlib>

namespace simarena {
namespace {

constexpr std::array<const char*, 12> kNames = {
    "err_bit_set",      "err_bit_cleared",  "takeover_damping", "takeover_limp",
    "controller_error", "command_rejected", "deadline_miss",    "push",
    "controller_log",   "announcement",     "messages_dropped", "recognition"};

const char* bit_name(int bit) {
  return bit == 0 ? "command gap > 10 ms (bit0)" : bit == 1 ? "command lost > 500 ms (bit1)" : "unknown bit";
}

// The bit an err_bit detail names: "... (bitN)".
int bit_of(std::string_view detail) {
  const size_t at = detail.find("(bit");
  if (at == std::string_view::npos || at + 4 >= detail.size()) return -1;
  const char digit = detail[at + 4];
  return digit >= '0' && digit <= '9' ? digit - '0' : -1;
}

int64_t cpu_us_of(const std::string& detail) {
  long long ms = 0, us = 0;
  if (std::sscanf(detail.c_str(), "control call took %lld.%3lld ms", &ms, &us) != 2) return -1;
  return ms * 1000 + us;
}

}  // namespace

const char* match_event_name(MatchEventType type) { return kNames.at(static_cast<size_t>(type)); }

std::optional<MatchEventType> match_event_type_from_name(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (name == kNames[i]) return static_cast<MatchEventType>(i);
  return std::nullopt;
}

bool is_controller_fault(MatchEventType type) {
  return type == MatchEventType::controller_error || type == MatchEventType::command_rejected;
}

MatchEvent err_bit_event(double time, int bit, bool set) {
  MatchEvent e{time, set ? MatchEventType::err_bit_set : MatchEventType::err_bit_cleared, bit_name(bit)};
  e.err_bit = bit;
  return e;
}

MatchEvent deadline_miss_event(double time, int64_t cpu_us, int64_t period_us) {
  char text[128];
  std::snprintf(text, sizeof(text),
                "control call took %lld.%03lld ms of CPU time, over the %lld.%03lld ms control period",
                static_cast<long long>(cpu_us / 1000), static_cast<long long>(cpu_us % 1000),
                static_cast<long long>(period_us / 1000), static_cast<long long>(period_us % 1000));
  MatchEvent e{time, MatchEventType::deadline_miss, text};
  e.cpu_us = cpu_us;
  return e;
}

MatchEvent messages_dropped_event(double time, uint32_t count) {
  MatchEvent e{time, MatchEventType::messages_dropped,
               std::to_string(count) + " controller message(s) dropped: at most " +
                   std::to_string(SIMARENA_MESSAGES_PER_STEP) + " a step and " + std::to_string(kMaxMessagesPerRun) +
                   " a run are kept"};
  e.count = count;
  return e;
}

MatchEvent recognition_event(double time, int object, const std::string& words) {
  const auto kind = recognised_object(object);
  MatchEvent e{time, MatchEventType::recognition, kind ? recognised_object_name(*kind) : "unknown"};
  if (!words.empty()) e.detail += ": " + words;
  e.object = kind ? object : 0;
  return e;
}

std::optional<MatchEvent> match_event_from_record(double time, std::string_view type_name, std::string detail) {
  const auto type = match_event_type_from_name(type_name);
  if (!type) return std::nullopt;
  MatchEvent e{time, *type, std::move(detail)};
  if (*type == MatchEventType::err_bit_set || *type == MatchEventType::err_bit_cleared) e.err_bit = bit_of(e.detail);
  if (*type == MatchEventType::deadline_miss) e.cpu_us = cpu_us_of(e.detail);
  if (*type == MatchEventType::messages_dropped)
    e.count = static_cast<uint32_t>(std::strtoul(e.detail.c_str(), nullptr, 10));
  if (*type == MatchEventType::recognition) {  // "<kind>" or "<kind>: <words>"
    const auto kind = recognised_object_from_name(std::string_view(e.detail).substr(0, e.detail.find(": ")));
    e.object = kind ? static_cast<int>(*kind) : 0;
  }
  return e;
}

}  // namespace simarena
