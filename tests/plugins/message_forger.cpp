// Hostile test plugin: instead of calling the log extension, it finds the
// host's message buffer behind host->context (PluginServices holds a
// reference to it first) and writes what no honest host would: a count far
// past the slots, a length past the text, a slot of an unknown kind. In the
// sandbox that buffer is the shared page the simulator reads; the
// simulator must clamp all of it.
#include <simarena/controller.h>

#include <cstdlib>
#include <cstring>

#include "extensions/plugin_services.h"

namespace {

using simarena::extensions::MessageBuffer;

struct Forger {
  MessageBuffer* buffer = nullptr;
};

void* create(const SimarenaRobotInfo*, const char*, char*, size_t) { return new Forger; }

int attach(void* instance, const SimarenaHost* host, char*, size_t) {
  static_cast<Forger*>(instance)->buffer = *static_cast<MessageBuffer**>(host->context);
  return 0;
}

int step(void* instance, int, const SimarenaRobotData*, SimarenaMotorCmd* cmd, char*, size_t) {
  MessageBuffer& b = *static_cast<Forger*>(instance)->buffer;
  std::memset(cmd, 0, sizeof(*cmd));
  for (auto& slot : b.slots) {
    slot.kind = 1;
    slot.length = 1;
    slot.text[0] = 'x';
  }
  b.slots[0].length = 0xFFFFFFFFu;
  std::memset(b.slots[0].text, 'A', sizeof(b.slots[0].text));
  b.slots[1].kind = 77;
  b.count = 1000;
  b.dropped = 5;
  return SIMARENA_STEP_SENT;
}

void destroy(void* instance) { delete static_cast<Forger*>(instance); }

const SimarenaControllerApi api = {SIMARENA_CONTROLLER_ABI_VERSION,
                                   sizeof(SimarenaControllerApi),
                                   "message_forger",
                                   create,
                                   step,
                                   destroy,
                                   nullptr,
                                   nullptr,
                                   attach};

}  // namespace

extern "C" SIMARENA_CONTROLLER_ENTRY_POINT(api)
