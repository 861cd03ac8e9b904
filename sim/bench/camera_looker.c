/* Benchmark plugin (scripts/bench, cameras rows): opens the cameras named
 * in its params ("", "rgb", "rgb depth"), reads every new image through
 * (sums its bytes, so a lazy host could not hide a cost) and holds the
 * joints where they are with a soft PD command. */
#include <simarena/controller.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  int count;
  int index[SIMARENA_CAMERAS_MAX];
  uint32_t seen[SIMARENA_CAMERAS_MAX];
  char names[256];
  unsigned long long checksum;
  void* context;
  const SimarenaCameraExtension* camera;
} Looker;

static void* create(const SimarenaRobotInfo* robot, const char* params, char* error, size_t n) {
  (void)robot;
  Looker* l = calloc(1, sizeof(Looker));
  if (strlen(params) >= sizeof(l->names)) {
    snprintf(error, n, "camera_looker: params too long");
    free(l);
    return NULL;
  }
  strcpy(l->names, params);
  return l;
}

static int attach(void* instance, const SimarenaHost* host, char* error, size_t n) {
  Looker* l = instance;
  l->context = host->context;
  l->camera = host->extension(host->context, SIMARENA_CAMERA_EXTENSION, 1);
  char names[256];
  strcpy(names, l->names);
  for (char* name = strtok(names, " "); name != NULL; name = strtok(NULL, " ")) {
    const int index = l->camera ? l->camera->open(l->context, name) : -1;
    if (index < 0 || l->count == SIMARENA_CAMERAS_MAX) {
      snprintf(error, n, "camera_looker: cannot open camera '%s'", name);
      return 1;
    }
    l->index[l->count++] = index;
  }
  return 0;
}

static int step(void* instance, int first_run, const SimarenaRobotData* data, SimarenaMotorCmd* cmd, char* e,
                size_t n) {
  (void)e;
  (void)n;
  Looker* l = instance;
  for (int c = 0; c < l->count; ++c) {
    SimarenaCameraImage image;
    if (!l->camera->frame(l->context, l->index[c], &image) || image.sequence == l->seen[c]) continue;
    l->seen[c] = image.sequence;
    const unsigned char* bytes = image.pixels;
    for (size_t i = 0; i < (size_t)image.height * (size_t)image.stride; i += 64) l->checksum += bytes[i];
  }
  if (first_run)
    for (int j = 0; j < SIMARENA_MAX_JOINTS; ++j) cmd->q_des[j] = data->q[j];
  for (int j = 0; j < SIMARENA_MAX_JOINTS; ++j) {
    cmd->kp_des[j] = 30;
    cmd->kd_des[j] = 1;
    cmd->qd_des[j] = 0;
    cmd->tau_des[j] = 0;
  }
  return SIMARENA_STEP_SENT;
}

static void destroy(void* instance) { free(instance); }

static const SimarenaControllerApi table = {SIMARENA_CONTROLLER_ABI_VERSION,
                                            sizeof(SimarenaControllerApi),
                                            "camera_looker",
                                            create,
                                            step,
                                            destroy,
                                            NULL,
                                            NULL,
                                            attach};
SIMARENA_CONTROLLER_ENTRY_POINT(table)
