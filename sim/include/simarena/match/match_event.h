// What the robot's protections, the controller host and the user did during
// a match, on simulated time, as typed values. Names are text only at the
// edges: results, replays and screens (match_event_name); a recorded event
// is read back into the same typed value (match_event_from_record).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "simarena/base/message.h"
#include "simarena/match/recognised_object.h"

namespace simarena {

enum class MatchEventType : uint8_t {
  err_bit_set,       // an err_flag bit was set by the protections (err_bit says which)
  err_bit_cleared,   // and cleared again
  takeover_damping,  // command lost: the robot holds a zero command with damping
  takeover_limp,     // then goes limp
  controller_error,  // the controller stopped with an error (its words in the detail)
  command_rejected,  // the controller sent NaN or Inf: the frame was dropped
  deadline_miss,     // a control call took more CPU time than the control period (cpu_us)
  push,              // the trunk was pushed (from the viewer, a test or a replay)
  controller_log,    // a line the controller logged (simarena.log): its words, cleaned, in the detail
  announcement,      // what the controller announced to the referee (simarena.announce): its words, cleaned
  messages_dropped,  // messages over the per-step or per-run limit were dropped (count)
  recognition,       // the controller said it recognised an object (announce v2, simarena_announce):
                     // "<kind>: <its words, cleaned>" in the detail, the kind in `object`
};

struct MatchEvent {
  double time = 0;  // s of simulated match time
  MatchEventType type = MatchEventType::err_bit_set;
  std::string detail;   // for people; written to results and replays exactly as it is
  int err_bit = -1;     // err_bit_set, err_bit_cleared: the bit (0: command gap > 10 ms, 1: command lost > 500 ms)
  int64_t cpu_us = -1;  // deadline_miss: the call's CPU time, whole microseconds rounded up
  uint32_t count = 0;   // messages_dropped: how many this tick
  int object = 0;       // recognition: the SIMARENA_OBJECT_* kind (recognised_object.h)
  // The detail as a Message, to show in the user's language; never recorded
  // (a replay read back has the detail only, shown as written).
  std::optional<Message> words{};
};

// Controller messages (log lines and announcements) a run keeps; past it,
// they are counted as dropped, so a chatty controller cannot grow a replay
// without bound (8 a step of 240 bytes would be ~1 MB per simulated second).
inline constexpr uint32_t kMaxMessagesPerRun = 2000;

const char* match_event_name(MatchEventType type);
std::optional<MatchEventType> match_event_type_from_name(std::string_view name);

// Events that say the controller misbehaved (the referee's controller_fault).
bool is_controller_fault(MatchEventType type);

MatchEvent err_bit_event(double time, int bit, bool set);
// The detail states the CPU time in whole microseconds; a replay reads it
// back from there, so a re-simulation re-creates the same event.
MatchEvent deadline_miss_event(double time, int64_t cpu_us, int64_t period_us);
MatchEvent messages_dropped_event(double time, uint32_t count);
// `object` a valid SIMARENA_OBJECT_*; `words` already cleaned (untrusted_text).
MatchEvent recognition_event(double time, int object, const std::string& words);

// A recorded event (name and detail, as results and replays hold them) as a
// typed value, its payload recovered from the detail. nullopt for a name
// this build does not know.
std::optional<MatchEvent> match_event_from_record(double time, std::string_view type_name, std::string detail);

}  // namespace simarena
