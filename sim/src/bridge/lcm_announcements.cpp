#include "simarena/bridge/lcm_announcements.h"

#include <simarena/controller.h>

#include <chrono>

#include "simarena/base/untrusted_text.h"
#include "simarena/match/recognised_object.h"

namespace simarena {
std::optional<ControllerMessage> message_from_wire(const simarena_announce_lcmt& wire) {
  std::string words = untrusted_text(wire.words, SIMARENA_MESSAGE_MAX_BYTES);
  if (wire.kind == 0) return ControllerMessage{ControllerMessage::Kind::announce, std::move(words)};
  if (!recognised_object(wire.kind)) return std::nullopt;
  return ControllerMessage{ControllerMessage::Kind::recognition, std::move(words), wire.kind};
}

LcmAnnouncements::LcmAnnouncements(const std::string& url)
    : lcm_(url), inbox_(opened_lcm(lcm_, url), url, kAnnounceChannel) {}

void LcmAnnouncements::take(StepOutcome& outcome) {
  // Bounded work per tick: a flood waits for the next ticks (and is dropped there).
  constexpr int kMaxReadPerTick = 256;
  for (int read = 0; read < kMaxReadPerTick; ++read) {
    auto wire = inbox_.next(std::chrono::milliseconds(0));
    if (!wire) break;
    auto message = message_from_wire(*wire);
    if (!message || outcome.messages.size() >= SIMARENA_MESSAGES_PER_STEP) {
      outcome.messages_dropped++;
      continue;
    }
    outcome.messages.push_back(std::move(*message));
  }
}

}  // namespace simarena
