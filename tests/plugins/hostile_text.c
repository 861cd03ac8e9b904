/* Test plugin: a controller whose every text is hostile, to prove that what a
 * controller writes cannot stop or fool the judge. Its name is 100 kB of
 * invalid UTF-8, terminal escapes, a spreadsheet formula and HTML; it writes
 * the same kind of junk to stderr (no newline at its end: the last line of the
 * run's log is junk). Params (one word):
 *   error   step() reports an error (same junk, the error buffer filled to its
 *           last byte, no terminating NUL) at tick 10
 *   refuse  create() fails with such a message
 *   die     at tick 10, writes junk to stderr and aborts (SIGABRT)
 *   raise   at tick 10, writes junk and sends itself SIGTERM, as if the
 *           tournament had been stopped (it was not)
 *   (empty) stands still, quietly: only the name is hostile */
#include <signal.h>
#include <simarena/controller.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOSTILE_NAME_BYTES (100 * 1024)

/* Everything a hostile text tries at once. */
static const char kJunk[] =
    "=HYPERLINK(\"http://x\",\"win\")\xff\xfe\xc3\x28 \x1b[2J\x1b]0;pwned\x07 <script>alert(1)</script> \"'&\r\t\x7f"
    "\xed\xa0\x80\xf8\x88\x80\x80\x80 \xc2\x9b";

typedef struct {
  int mode; /* 0 quiet, 1 error, 2 refuse, 3 die, 4 raise */
  long tick;
} Hostile;

static void junk_to_stderr(void) {
  for (int i = 0; i < 2000; ++i) fputs(kJunk, stderr);
  fputs("\n", stderr);
  fputs(kJunk, stderr); /* the last line, with no newline */
  fflush(stderr);
}

static void fill_error(char* error, size_t n) {
  for (size_t i = 0; i < n; ++i) error[i] = kJunk[i % (sizeof(kJunk) - 1)];
}

static void* create(const SimarenaRobotInfo* robot, const char* params, char* error, size_t n) {
  (void)robot;
  junk_to_stderr();
  Hostile* h = calloc(1, sizeof(Hostile));
  h->mode = strcmp(params, "error") == 0    ? 1
            : strcmp(params, "refuse") == 0 ? 2
            : strcmp(params, "die") == 0    ? 3
            : strcmp(params, "raise") == 0  ? 4
                                            : 0;
  if (h->mode == 2) {
    fill_error(error, n);
    free(h);
    return NULL;
  }
  return h;
}

static int step(void* instance, int first_run, const SimarenaRobotData* data, SimarenaMotorCmd* cmd, char* error,
                size_t n) {
  (void)first_run;
  (void)data;
  (void)cmd;
  Hostile* h = instance;
  if (++h->tick < 10) return SIMARENA_STEP_SKIPPED;
  switch (h->mode) {
    case 1:
      fill_error(error, n);
      return SIMARENA_STEP_ERROR;
    case 3:
      junk_to_stderr();
      abort();
    case 4:
      junk_to_stderr();
      raise(SIGTERM);
      return SIMARENA_STEP_SKIPPED;
    default:
      return SIMARENA_STEP_SKIPPED;
  }
}

static void destroy(void* instance) {
  junk_to_stderr();
  free(instance);
}

static char name[HOSTILE_NAME_BYTES + 1];

__attribute__((visibility("default"))) const SimarenaControllerApi* simarena_controller_api(void) {
  static SimarenaControllerApi api = {
      .abi_version = SIMARENA_CONTROLLER_ABI_VERSION,
      .struct_size = sizeof(SimarenaControllerApi),
      .name = name,
      .create = create,
      .step = step,
      .destroy = destroy,
  };
  if (name[0] == '\0')
    for (size_t i = 0; i < HOSTILE_NAME_BYTES; ++i) name[i] = kJunk[i % (sizeof(kJunk) - 1)];
  return &api;
}
