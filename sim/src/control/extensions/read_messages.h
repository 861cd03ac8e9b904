// The simulator's reading of a step's MessageBuffer. In the sandbox the
// buffer is in the page the plugin's process writes, possibly still while
// it is read: the count and each length are read once and clamped, the
// bytes copied before they are looked at, and a slot of an unknown kind
// counts as dropped. In-process the same code reads the host's own buffer,
// so both hosts give a plugin's messages identically.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstring>
#include <string_view>

#include "extensions/plugin_services.h"
#include "simarena/base/untrusted_text.h"
#include "simarena/control/controller_interface.h"

namespace simarena::extensions {

inline uint32_t read_once(const uint32_t& word) {
  return std::atomic_ref<uint32_t>(const_cast<uint32_t&>(word)).load(std::memory_order_relaxed);
}

// Appends the buffer's messages to `outcome`. Nothing is read past the
// count when it is zero, the usual case.
inline void read_messages(const MessageBuffer& buffer, StepOutcome& outcome) {
  outcome.messages_dropped = read_once(buffer.dropped);
  const uint32_t count = std::min<uint32_t>(read_once(buffer.count), SIMARENA_MESSAGES_PER_STEP);
  for (uint32_t i = 0; i < count; ++i) {
    const MessageBuffer::Slot& slot = buffer.slots[i];
    const uint32_t kind = read_once(slot.kind);
    const uint32_t length = std::min<uint32_t>(read_once(slot.length), sizeof(slot.text));
    const int32_t object = static_cast<int32_t>(read_once(reinterpret_cast<const uint32_t&>(slot.object)));
    char text[sizeof(slot.text)];
    std::memcpy(text, slot.text, length);
    ControllerMessage::Kind message_kind;
    if (kind == static_cast<uint32_t>(MessageKind::log))
      message_kind = ControllerMessage::Kind::log;
    else if (kind == static_cast<uint32_t>(MessageKind::announce))
      message_kind = ControllerMessage::Kind::announce;
    else if (kind == static_cast<uint32_t>(MessageKind::recognition) && object >= 1 &&
             object <= SIMARENA_OBJECT_KIND_MAX)
      message_kind = ControllerMessage::Kind::recognition;
    else {  // an unknown kind, or a forged recognition of no known object
      outcome.messages_dropped++;
      continue;
    }
    outcome.messages.push_back({message_kind,
                                untrusted_text(std::string_view(text, length), SIMARENA_MESSAGE_MAX_BYTES),
                                message_kind == ControllerMessage::Kind::recognition ? object : 0});
  }
}

// Appends the frames a high-level plugin sent this step to `outcome`, read
// once and copied: the motion controller then checks every field.
inline void read_high_level_frames(const HighLevelSlots& slots, StepOutcome& outcome) {
  outcome.high_level_frames_dropped = read_once(slots.dropped);
  const uint32_t count = std::min<uint32_t>(read_once(slots.count), SIMARENA_HIGH_LEVEL_FRAMES_PER_STEP);
  for (uint32_t i = 0; i < count; ++i) {
    SimarenaHighLevelCmd frame;
    std::memcpy(&frame, &slots.frames[i], sizeof(frame));
    outcome.high_level_frames.push_back(frame);
  }
  // The user-gait text: its length read once and bounded (the plugin's memory).
  const uint32_t length =
      std::min<uint32_t>(read_once(slots.gait_file_length), SIMARENA_HIGH_LEVEL_GAIT_FILE_MAX_BYTES);
  if (length > 0) outcome.gait_files.emplace_back(slots.gait_file, length);
}

// Whether a high-level plugin sent anything this step.
inline bool high_level_sent(const HighLevelSlots& slots) {
  return read_once(slots.count) != 0 || read_once(slots.dropped) != 0 || read_once(slots.gait_file_length) != 0;
}

// Writes what the robot published into the slots a plugin reads.
inline void write_feedback(HighLevelSlots& slots, const HighLevelFeedback& feedback) {
  slots.published = feedback.published ? 1 : 0;
  slots.response = feedback.response;
  slots.localization = feedback.localization;
  if (!feedback.gait_file_results.empty()) slots.gait_file_answer = feedback.gait_file_results.back() + 1;
}

}  // namespace simarena::extensions
