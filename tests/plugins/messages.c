/* Test plugin in plain C on the raw ABI: requires the log and announce
 * extensions and uses them. Sends zero frames. Params:
 *   "" (default): logs "attached to <abi>" in attach; every step logs
 *      "step N"; every 10th step announces "target found at step N".
 *   "flood": every step sends 20 messages: the first 1000 bytes long, the
 *      second with control characters and invalid UTF-8, the rest short.
 *   "refuse": attach() logs a line, then refuses to start. */
#include <simarena/controller.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char* const required[] = {"simarena.log/1", "simarena.announce/1", NULL};

typedef struct {
  int flood, refuse;
  long steps;
  void* context;
  const SimarenaLogExtension* log;
  const SimarenaAnnounceExtension* announce;
} Messages;

static void* create(const SimarenaRobotInfo* robot, const char* params, char* error, size_t n) {
  (void)robot;
  if (params[0] && strcmp(params, "flood") != 0 && strcmp(params, "refuse") != 0) {
    snprintf(error, n, "messages: expected no parameters, 'flood' or 'refuse'");
    return NULL;
  }
  Messages* m = calloc(1, sizeof(Messages));
  m->flood = strcmp(params, "flood") == 0;
  m->refuse = strcmp(params, "refuse") == 0;
  return m;
}

static int attach(void* instance, const SimarenaHost* host, char* error, size_t n) {
  Messages* m = instance;
  m->context = host->context;
  m->log = host->extension(host->context, SIMARENA_LOG_EXTENSION, 1);
  m->announce = host->extension(host->context, SIMARENA_ANNOUNCE_EXTENSION, 1);
  if (m->log == NULL || m->announce == NULL) {
    snprintf(error, n, "messages: the host serves no log or announce");
    return 1;
  }
  char line[64];
  snprintf(line, sizeof(line), "attached to ABI %u", host->abi_version);
  m->log->log(m->context, line);
  if (m->refuse) {
    snprintf(error, n, "messages: refusing in attach as asked");
    return 1;
  }
  return 0;
}

static int step(void* instance, int first_run, const SimarenaRobotData* data, SimarenaMotorCmd* cmd, char* e,
                size_t n) {
  (void)first_run;
  (void)data;
  (void)e;
  (void)n;
  Messages* m = instance;
  long k = m->steps++;
  memset(cmd, 0, sizeof(*cmd));
  char line[1001];
  if (m->flood) {
    memset(line, 'L', 1000);
    line[1000] = '\0';
    m->log->log(m->context, line);
    m->announce->announce(m->context, "bell\a \x1b[31mred\x1b[0m \xff\xfe end");
    for (int i = 2; i < 20; ++i) {
      snprintf(line, sizeof(line), "flood %ld.%d", k, i);
      m->log->log(m->context, line);
    }
    return SIMARENA_STEP_SENT;
  }
  snprintf(line, sizeof(line), "step %ld", k);
  m->log->log(m->context, line);
  if (k % 10 == 0) {
    snprintf(line, sizeof(line), "target found at step %ld", k);
    m->announce->announce(m->context, line);
  }
  return SIMARENA_STEP_SENT;
}

static void destroy(void* instance) { free(instance); }

static const SimarenaControllerApi api = {
    .abi_version = SIMARENA_CONTROLLER_ABI_VERSION,
    .struct_size = sizeof(SimarenaControllerApi),
    .name = "messages",
    .create = create,
    .step = step,
    .destroy = destroy,
    .extensions = required,
    .attach = attach,
};

SIMARENA_CONTROLLER_ENTRY_POINT(api)
