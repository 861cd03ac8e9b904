/* Test plugin in plain C on the raw ABI: a high-level controller that stands
 * the robot up, trots straight ahead (holding its start heading and line on
 * the robot's odometry) and says what it "recognises" through
 * simarena.announce version 2 once it has walked given distances.
 * Params: comma-separated "D:K" items, in increasing D: after D metres (the
 * odometry's x) it announces kind K (SIMARENA_OBJECT_*) with the contest's
 * phrase for it (stopping 0.1 m past the last), or with K = "junk" the malformed set: a 1000-byte text,
 * control characters and invalid UTF-8, an unknown kind (dropped) and NULL
 * words. E.g. "0.2:5,0.25:1". */
#include <math.h>
#include <simarena/controller.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char* const required[] = {"simarena.high_level/1", "simarena.announce/2", NULL};

#define MAX_ITEMS 8
#define JUNK (-1)

typedef struct {
  int count, next;
  double distance[MAX_ITEMS];
  int kind[MAX_ITEMS];
  int walking;
  void* context;
  const SimarenaAnnounceExtension* announce;
  const SimarenaHighLevelExtension* high_level;
  SimarenaHighLevelCmd frame;
} Recogniser;

static const char* phrase(int kind) {
  switch (kind) {
    case SIMARENA_OBJECT_BOTTLE:
      return "识别到可乐瓶";
    case SIMARENA_OBJECT_ORANGE_BALL:
      return "识别到橙色小球";
    case SIMARENA_OBJECT_FOOTBALL:
      return "识别到足球";
    case SIMARENA_OBJECT_LOW_BAR:
      return "识别到限高杆";
    default:
      return "识别到无法跨越障碍";
  }
}

static void* create(const SimarenaRobotInfo* robot, const char* params, char* error, size_t n) {
  (void)robot;
  Recogniser* r = calloc(1, sizeof(Recogniser));
  const char* p = params;
  while (*p) {
    char kind[8] = {0};
    int used = 0;
    if (r->count == MAX_ITEMS || sscanf(p, "%lf:%7[a-z0-9]%n", &r->distance[r->count], kind, &used) != 2) {
      snprintf(error, n, "recogniser: expected items 'D:K' (K a SIMARENA_OBJECT_* number or 'junk'), at '%s'", p);
      free(r);
      return NULL;
    }
    r->kind[r->count++] = strcmp(kind, "junk") == 0 ? JUNK : atoi(kind);
    p += used;
    if (*p == ',') ++p;
  }
  return r;
}

static int attach(void* instance, const SimarenaHost* host, char* error, size_t n) {
  Recogniser* r = instance;
  r->context = host->context;
  r->announce = host->extension(host->context, SIMARENA_ANNOUNCE_EXTENSION, 2);
  r->high_level = host->extension(host->context, SIMARENA_HIGH_LEVEL_EXTENSION, 1);
  if (r->announce == NULL || r->announce->struct_size < sizeof(SimarenaAnnounceExtension) || r->high_level == NULL) {
    snprintf(error, n, "recogniser: the host serves no simarena.announce/2 or simarena.high_level/1");
    return 1;
  }
  return 0;
}

static void say(Recogniser* r, int kind) {
  if (kind != JUNK) {
    r->announce->recognised(r->context, kind, phrase(kind));
    return;
  }
  char long_text[1001];
  memset(long_text, 'W', 1000);
  long_text[1000] = '\0';
  r->announce->recognised(r->context, SIMARENA_OBJECT_CUBES, long_text);
  r->announce->recognised(r->context, SIMARENA_OBJECT_BOTTLE, "bell\a \x1b[31mred\x1b[0m \xff\xfe end");
  r->announce->recognised(r->context, 99, "no such kind");
  r->announce->recognised(r->context, SIMARENA_OBJECT_FOOTBALL, NULL);
}

static double clamp(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

static void order(Recogniser* r, int8_t mode, int8_t gait, double vx, double vy, double yaw_rate) {
  SimarenaHighLevelCmd next;
  memset(&next, 0, sizeof(next));
  next.mode = mode;
  next.gait_id = gait;
  next.vel_des[0] = (float)vx;
  next.vel_des[1] = (float)vy;
  next.vel_des[2] = (float)yaw_rate;
  next.step_height[0] = next.step_height[1] = mode == 11 ? 0.05f : 0.0f;
  next.life_count = r->frame.life_count;
  if (memcmp(&next, &r->frame, sizeof(next)) != 0) next.life_count = (int8_t)(r->frame.life_count + 1);
  r->frame = next;
}

static int step(void* instance, int first_run, const SimarenaRobotData* data, SimarenaMotorCmd* cmd, char* e,
                size_t n) {
  (void)first_run;
  (void)data;
  (void)e;
  (void)n;
  Recogniser* r = instance;
  memset(cmd, 0, sizeof(*cmd));
  SimarenaHighLevelResponse response;
  SimarenaLocalization odometry;
  const int heard = r->high_level->response(r->context, &response);
  const int located = r->high_level->localization(r->context, &odometry);
  if (!r->walking) {
    order(r, 12, 0, 0, 0, 0);
    if (heard && response.mode == 12 && response.order_process_bar >= 95) r->walking = 1;
  } else if (located) {
    /* Stops 0.1 m past its last item: it has nothing more to say. */
    const int done = r->count == 0 || odometry.xyz[0] >= r->distance[r->count - 1] + 0.1;
    order(r, 11, 27, done ? 0.0 : 0.3, clamp(-1.0 * odometry.xyz[1], -0.1, 0.1),
          clamp(-2.0 * odometry.rpy[2], -0.5, 0.5));
    while (r->next < r->count && odometry.xyz[0] >= r->distance[r->next]) say(r, r->kind[r->next++]);
  }
  r->high_level->send(r->context, &r->frame);
  return SIMARENA_STEP_SENT;
}

static void destroy(void* instance) { free(instance); }

static const SimarenaControllerApi api = {
    .abi_version = SIMARENA_CONTROLLER_ABI_VERSION,
    .struct_size = sizeof(SimarenaControllerApi),
    .name = "recogniser",
    .create = create,
    .step = step,
    .destroy = destroy,
    .extensions = required,
    .attach = attach,
};

SIMARENA_CONTROLLER_ENTRY_POINT(api)
