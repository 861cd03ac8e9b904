// The host side of the plugin ABI's extensions, shared word for word by the
// in-process host (plugin_controller.cpp) and the sandbox's guest host
// (sim/sandbox_host/), so a plugin meets the same services in both: the
// SimarenaHost table, the extensions it serves, and the bounded buffer the
// messages of one step are written into. Header-only and allocation-free:
// the guest runs it confined, next to the plugin.
//
// A new extension (camera images, high-level commands) is a new table
// here, one more name in `kServedExtensions`, one more case in `extension`,
// and, when it carries data per step, a fixed-size field in the buffer or
// the channel next to RobotData.
#pragma once

#include <simarena/controller.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <mutex>

#include "camera_shelf.h"

namespace simarena::extensions {

enum class MessageKind : uint32_t { log = 1, announce = 2, recognition = 3 };

// The messages of one step, in fixed slots: the guest writes it in the
// shared channel, the in-process host in its own memory. Whoever reads it
// treats every field as the plugin's (see read_messages).
struct MessageBuffer {
  struct Slot {
    uint32_t kind;    // MessageKind
    uint32_t length;  // bytes of text, at most sizeof(text)
    int32_t object;   // recognition: SIMARENA_OBJECT_*
    // One byte past the bound, so the reader can tell a cut text.
    char text[SIMARENA_MESSAGE_MAX_BYTES + 1];
  };
  uint32_t count;    // slots filled
  uint32_t dropped;  // messages past the per-step count
  Slot slots[SIMARENA_MESSAGES_PER_STEP];
};

// The high-level extension's data of one step: the frames the plugin sent
// (its bytes) and, written by the host before the step, what the robot
// last published. Only a plugin that requires the extension gets it.
struct HighLevelSlots {
  uint32_t count;    // frames filled
  uint32_t dropped;  // frames past the per-step count
  SimarenaHighLevelCmd frames[SIMARENA_HIGH_LEVEL_FRAMES_PER_STEP];
  int32_t published;  // 1: response and localization hold the robot's latest
  SimarenaHighLevelResponse response;
  SimarenaLocalization localization;
  // Version 2: the user-gait text sent this step (length 0: none), and the
  // robot's last answer to one, plus one (0: none yet; zeroed memory reads so).
  uint32_t gait_file_length;
  char gait_file[SIMARENA_HIGH_LEVEL_GAIT_FILE_MAX_BYTES];
  int32_t gait_file_answer;
};

struct ServedExtension {
  const char* name;
  uint32_t version;
};
inline constexpr ServedExtension kServedExtensions[] = {
    {SIMARENA_LOG_EXTENSION, 1},    {SIMARENA_ANNOUNCE_EXTENSION, 2}, {SIMARENA_HIGH_LEVEL_EXTENSION, 2},
    {SIMARENA_SCRIPT_EXTENSION, 1}, {SIMARENA_CAMERA_EXTENSION, 1},
};

// The version the host serves of `name`, 0 when none.
inline uint32_t served_version(const char* name) {
  for (const ServedExtension& e : kServedExtensions)
    if (std::strcmp(e.name, name) == 0) return e.version;
  return 0;
}

// Bounds on reading a plugin's extension list (its memory, not ours).
inline constexpr int kMaxRequestedExtensions = 32;
inline constexpr size_t kMaxExtensionRequestBytes = 64;

// The requested-extensions list when the plugin's table holds one, else NULL.
inline const char* const* requested_extensions(const SimarenaControllerApi* api) {
  constexpr size_t needed = offsetof(SimarenaControllerApi, extensions) + sizeof(api->extensions);
  return api->struct_size >= needed ? api->extensions : nullptr;
}

// The attach entry when the plugin's table holds one, else NULL.
inline auto attach_entry(const SimarenaControllerApi* api) -> decltype(api->attach) {
  constexpr size_t needed = offsetof(SimarenaControllerApi, attach) + sizeof(api->attach);
  return api->struct_size >= needed ? api->attach : nullptr;
}

// True when the plugin's table requires the high-level extension: it then
// drives the robot through the robot's motion controller.
inline bool requires_high_level(const SimarenaControllerApi* api) {
  const char* const* list = requested_extensions(api);
  if (list == nullptr) return false;
  const size_t name_length = std::strlen(SIMARENA_HIGH_LEVEL_EXTENSION);
  for (int i = 0; i < kMaxRequestedExtensions && list[i] != nullptr; ++i)
    if (strnlen(list[i], kMaxExtensionRequestBytes + 1) > name_length &&
        std::strncmp(list[i], SIMARENA_HIGH_LEVEL_EXTENSION, name_length) == 0 && list[i][name_length] == '/')
      return true;
  return false;
}

// Checks one "name/version" request. On a problem, writes it into `problem`
// (the request quoted, raw: the simulator cleans it) and returns false.
inline bool check_request(const char* request, char* problem, size_t problem_size) {
  const size_t length = strnlen(request, kMaxExtensionRequestBytes + 1);
  if (length > kMaxExtensionRequestBytes) {
    std::snprintf(problem, problem_size, "an extension request longer than %zu bytes", kMaxExtensionRequestBytes);
    return false;
  }
  char name[kMaxExtensionRequestBytes + 1];
  std::memcpy(name, request, length);
  name[length] = '\0';
  char* slash = std::strrchr(name, '/');
  uint32_t version = 0;
  bool digits = slash != nullptr && slash[1] != '\0';
  for (const char* d = slash ? slash + 1 : name; digits && *d; ++d) {
    digits = *d >= '0' && *d <= '9' && version < 100000;
    version = version * 10 + static_cast<uint32_t>(*d - '0');
  }
  if (!digits || version == 0) {
    std::snprintf(problem, problem_size, "extension request '%s' is not name/version (e.g. 'simarena.log/1')", name);
    return false;
  }
  *slash = '\0';
  const uint32_t served = served_version(name);
  if (served == 0) {
    std::snprintf(problem, problem_size, "extension '%s' (asked as '%s/%u') is not served by this simarena", name, name,
                  version);
    return false;
  }
  if (version > served) {
    std::snprintf(problem, problem_size,
                  "extension '%s' version %u is asked for; this simarena serves up to version %u", name, version,
                  served);
    return false;
  }
  return true;
}

// Checks every extension the plugin requires. True when all are served;
// else `problem` says which is not.
inline bool check_requested_extensions(const SimarenaControllerApi* api, char* problem, size_t problem_size) {
  const char* const* list = requested_extensions(api);
  if (list == nullptr) return true;
  for (int i = 0; list[i] != nullptr; ++i) {
    if (i == kMaxRequestedExtensions) {
      std::snprintf(problem, problem_size, "more than %d extension requests (is the list NULL-terminated?)",
                    kMaxRequestedExtensions);
      return false;
    }
    if (!check_request(list[i], problem, problem_size)) return false;
  }
  return true;
}

// The "served: a/1, b/1" list for error messages.
inline void served_list(char* out, size_t size) {
  size_t used = 0;
  out[0] = '\0';
  for (const ServedExtension& e : kServedExtensions) {
    const int n = std::snprintf(out + used, size - used, "%s%s/%u", used ? ", " : "", e.name, e.version);
    if (n < 0 || static_cast<size_t>(n) >= size - used) break;
    used += static_cast<size_t>(n);
  }
}

// The SimarenaHost a plugin is attached to, and the extensions behind it,
// writing into one MessageBuffer and one HighLevelSlots. Lives (at a fixed
// address) as long as the plugin's instance. `script`: the script a runtime
// plugin runs (a string living as long as this object), or empty:
// simarena.script is then not offered.
class PluginServices {
 public:
  PluginServices(MessageBuffer& buffer, HighLevelSlots& high_level, const char* script = "")
      : buffer_(buffer), high_level_(high_level), script_path_(script) {
    host_ = {sizeof(SimarenaHost), SIMARENA_CONTROLLER_ABI_VERSION, this, &PluginServices::extension};
    log_ = {sizeof(SimarenaLogExtension), 1, &PluginServices::log};
    announce_ = {sizeof(SimarenaAnnounceExtension), 2, &PluginServices::announce, &PluginServices::recognised};
    high_level_table_ = {sizeof(SimarenaHighLevelExtension), 2,
                         &PluginServices::send_frame,        &PluginServices::read_response,
                         &PluginServices::read_localization, &PluginServices::send_gait_file,
                         &PluginServices::gait_file_result};
    script_ = {sizeof(SimarenaScriptExtension), 1, &PluginServices::script_path};
    camera_ = {sizeof(SimarenaCameraExtension), 1,
               &PluginServices::camera_count,   &PluginServices::camera_name,
               &PluginServices::open_camera,    &PluginServices::camera_frame};
  }

  // Serves simarena.camera from `shelf` (laid out by the simulator) and the
  // `pixel_bytes` of images at `pixels` (written by the simulator; may be
  // null until a camera is opened: then set_camera_pixels gives it).
  void serve_cameras(CameraShelf* shelf, const unsigned char* pixels, size_t pixel_bytes) {
    cameras_ = shelf;
    set_camera_pixels(pixels, pixel_bytes);
  }
  void set_camera_pixels(const unsigned char* pixels, size_t pixel_bytes) {
    pixels_ = pixels;
    pixel_bytes_ = pixel_bytes;
  }
  // After attach: cameras can no longer be opened.
  void close_camera_requests() { camera_requests_open_ = false; }

  // Serves the high-level extension: only to a plugin that requires it.
  void serve_high_level(bool serve) { serve_high_level_ = serve; }
  // A script runtime (the python plugin) learns from its script, while it
  // attaches, whether the controller drives the robot through the high-level
  // interface: during attach it may take the table, and taking it makes it a
  // high-level controller. Offer before attach, end the offer right after.
  void offer_high_level_during_attach() { offering_high_level_ = true; }
  // Ends the offer; true when the plugin is a high-level controller (it
  // required the extension, or took the table while it was offered).
  bool end_high_level_offer() {
    offering_high_level_ = false;
    if (high_level_taken_) serve_high_level_ = true;
    return serve_high_level_;
  }
  PluginServices(const PluginServices&) = delete;
  PluginServices& operator=(const PluginServices&) = delete;

  const SimarenaHost* host() const { return &host_; }

  // Empties the buffer for the next step.
  void clear() {
    std::lock_guard lock(mutex_);
    buffer_.count = 0;
    buffer_.dropped = 0;
    high_level_.count = 0;
    high_level_.dropped = 0;
    high_level_.gait_file_length = 0;
  }

  // Hands the buffer to `read`, then empties it, with no plugin thread
  // writing meanwhile (the in-process host's own memory).
  template <class Read>
  void take(Read&& read) {
    std::lock_guard lock(mutex_);
    read(static_cast<const MessageBuffer&>(buffer_), static_cast<const HighLevelSlots&>(high_level_));
    buffer_.count = 0;
    buffer_.dropped = 0;
    high_level_.count = 0;
    high_level_.dropped = 0;
    high_level_.gait_file_length = 0;
  }

 private:
  static const void* extension(void* context, const char* name, uint32_t version) {
    if (name == nullptr || version == 0) return nullptr;
    auto* self = static_cast<PluginServices*>(context);
    char bounded[kMaxExtensionRequestBytes + 1];
    const size_t length = strnlen(name, sizeof(bounded));
    if (length == sizeof(bounded)) return nullptr;
    std::memcpy(bounded, name, length + 1);
    if (version > served_version(bounded)) return nullptr;
    if (std::strcmp(bounded, SIMARENA_LOG_EXTENSION) == 0) return &self->log_;
    if (std::strcmp(bounded, SIMARENA_ANNOUNCE_EXTENSION) == 0) return &self->announce_;
    if (std::strcmp(bounded, SIMARENA_HIGH_LEVEL_EXTENSION) == 0 &&
        (self->serve_high_level_ || self->offering_high_level_)) {
      if (self->offering_high_level_) self->high_level_taken_ = true;
      return &self->high_level_table_;
    }
    if (std::strcmp(bounded, SIMARENA_SCRIPT_EXTENSION) == 0 && self->script_path_[0] != '\0') return &self->script_;
    if (std::strcmp(bounded, SIMARENA_CAMERA_EXTENSION) == 0 && self->cameras_ != nullptr) return &self->camera_;
    return nullptr;
  }
  // The shelf's camera count, bounded (in the sandbox the plugin shares its memory).
  int cameras() const {
    const int32_t count = cameras_ ? cameras_->count : 0;
    return count < 0 ? 0 : count > SIMARENA_CAMERAS_MAX ? SIMARENA_CAMERAS_MAX : count;
  }
  static int camera_count(void* context) { return static_cast<PluginServices*>(context)->cameras(); }
  static const char* camera_name(void* context, int index) {
    auto* self = static_cast<PluginServices*>(context);
    if (index < 0 || index >= self->cameras()) return nullptr;
    CameraSlot& slot = self->cameras_->slots[index];
    slot.name[sizeof(slot.name) - 1] = '\0';
    return slot.name;
  }
  static int open_camera(void* context, const char* name) {
    auto* self = static_cast<PluginServices*>(context);
    if (name == nullptr || !self->camera_requests_open_) return -1;
    for (int i = 0; i < self->cameras(); ++i) {
      CameraSlot& slot = self->cameras_->slots[i];
      if (strnlen(name, sizeof(slot.name)) < sizeof(slot.name) &&
          std::strncmp(slot.name, name, sizeof(slot.name)) == 0) {
        slot.opened = 1;
        return i;
      }
    }
    return -1;
  }
  static int camera_frame(void* context, int index, SimarenaCameraImage* out) {
    auto* self = static_cast<PluginServices*>(context);
    if (out == nullptr || index < 0 || index >= self->cameras()) return 0;
    const CameraSlot& slot = self->cameras_->slots[index];
    if (slot.opened != 1 || slot.sequence == 0 || self->pixels_ == nullptr || slot.offset > self->pixel_bytes_ ||
        slot.bytes > self->pixel_bytes_ - slot.offset)
      return 0;
    *out = SimarenaCameraImage{sizeof(SimarenaCameraImage),
                               slot.format,
                               slot.width,
                               slot.height,
                               slot.stride,
                               slot.sequence,
                               slot.capture_time,
                               slot.fx,
                               slot.fy,
                               slot.cx,
                               slot.cy,
                               slot.min_range,
                               slot.max_range,
                               self->pixels_ + slot.offset};
    return 1;
  }
  static const char* script_path(void* context) { return static_cast<PluginServices*>(context)->script_path_; }
  static int send_frame(void* context, const SimarenaHighLevelCmd* frame) {
    auto* self = static_cast<PluginServices*>(context);
    std::lock_guard lock(self->mutex_);
    HighLevelSlots& slots = self->high_level_;
    if (frame == nullptr || slots.count >= SIMARENA_HIGH_LEVEL_FRAMES_PER_STEP) {
      slots.dropped++;
      return SIMARENA_MESSAGE_DROPPED;
    }
    std::memcpy(&slots.frames[slots.count++], frame, sizeof(*frame));
    return SIMARENA_MESSAGE_ACCEPTED;
  }
  static int send_gait_file(void* context, const char* text) {
    auto* self = static_cast<PluginServices*>(context);
    std::lock_guard lock(self->mutex_);
    HighLevelSlots& slots = self->high_level_;
    const size_t length = text == nullptr ? 0 : strnlen(text, SIMARENA_HIGH_LEVEL_GAIT_FILE_MAX_BYTES + 1);
    if (text == nullptr || length == 0 || length > SIMARENA_HIGH_LEVEL_GAIT_FILE_MAX_BYTES ||
        slots.gait_file_length != 0)
      return SIMARENA_MESSAGE_DROPPED;
    std::memcpy(slots.gait_file, text, length);
    slots.gait_file_length = static_cast<uint32_t>(length);
    return SIMARENA_MESSAGE_ACCEPTED;
  }
  static int gait_file_result(void* context) {
    return static_cast<PluginServices*>(context)->high_level_.gait_file_answer - 1;
  }
  static int read_response(void* context, SimarenaHighLevelResponse* out) {
    const HighLevelSlots& slots = static_cast<PluginServices*>(context)->high_level_;
    if (out == nullptr || slots.published != 1) return 0;
    *out = slots.response;
    return 1;
  }
  static int read_localization(void* context, SimarenaLocalization* out) {
    const HighLevelSlots& slots = static_cast<PluginServices*>(context)->high_level_;
    if (out == nullptr || slots.published != 1) return 0;
    *out = slots.localization;
    return 1;
  }
  static int log(void* context, const char* line) {
    return static_cast<PluginServices*>(context)->put(MessageKind::log, line);
  }
  static int announce(void* context, const char* text) {
    return static_cast<PluginServices*>(context)->put(MessageKind::announce, text);
  }
  static int recognised(void* context, int kind, const char* words) {
    return static_cast<PluginServices*>(context)->put(MessageKind::recognition, words ? words : "", kind);
  }

  // Copies at most one byte past the bound: the reader cuts and marks it.
  int put(MessageKind kind, const char* text, int object = 0) {
    std::lock_guard lock(mutex_);
    const bool known_object = kind != MessageKind::recognition || (object >= 1 && object <= SIMARENA_OBJECT_KIND_MAX);
    if (text == nullptr || !known_object || buffer_.count >= SIMARENA_MESSAGES_PER_STEP) {
      buffer_.dropped++;
      return SIMARENA_MESSAGE_DROPPED;
    }
    MessageBuffer::Slot& slot = buffer_.slots[buffer_.count++];
    slot.kind = static_cast<uint32_t>(kind);
    slot.object = object;
    slot.length = static_cast<uint32_t>(strnlen(text, sizeof(slot.text)));
    std::memcpy(slot.text, text, slot.length);
    return SIMARENA_MESSAGE_ACCEPTED;
  }

  MessageBuffer& buffer_;
  HighLevelSlots& high_level_;
  bool serve_high_level_ = false;
  bool offering_high_level_ = false;  // attach of a script runtime: see offer_high_level_during_attach
  bool high_level_taken_ = false;
  SimarenaHighLevelExtension high_level_table_{};
  std::mutex mutex_;  // a plugin may call from its own threads
  SimarenaHost host_{};
  SimarenaLogExtension log_{};
  SimarenaAnnounceExtension announce_{};
  const char* script_path_;
  SimarenaScriptExtension script_{};
  CameraShelf* cameras_ = nullptr;  // null: the robot has no camera
  const unsigned char* pixels_ = nullptr;
  size_t pixel_bytes_ = 0;
  bool camera_requests_open_ = true;
  SimarenaCameraExtension camera_{};
};

}  // namespace simarena::extensions
