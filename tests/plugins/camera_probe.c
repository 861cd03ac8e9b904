/* Test plugin in plain C on the raw ABI: opens the robot's "rgb" and
 * "depth" cameras and logs every new image: its sequence, capture time,
 * size, intrinsics, a 64-bit FNV-1a hash of all its bytes, and the pixel
 * asked for in the params "U V DU DV" (RGB pixel (U, V), depth pixel
 * (DU, DV)). Sends zero frames. Params "none": opens no camera and logs
 * whether the extension is served; "light U V DU DV": no hash (a call
 * well within the control period, so no deadline_miss event). */
#include <simarena/controller.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  int u, v, du, dv, none, light;
  int rgb, depth;
  uint32_t rgb_seen, depth_seen;
  void* context;
  const SimarenaLogExtension* log;
  const SimarenaCameraExtension* camera;
} Probe;

static void* create(const SimarenaRobotInfo* robot, const char* params, char* error, size_t n) {
  (void)robot;
  Probe* p = calloc(1, sizeof(Probe));
  if (strncmp(params, "light ", 6) == 0) {
    p->light = 1;
    params += 6;
  }
  if (strcmp(params, "none") == 0)
    p->none = 1;
  else if (params[0] && sscanf(params, "%d %d %d %d", &p->u, &p->v, &p->du, &p->dv) != 4) {
    snprintf(error, n, "camera_probe: params are \"U V DU DV\" or \"none\"");
    free(p);
    return NULL;
  }
  return p;
}

static int attach(void* instance, const SimarenaHost* host, char* error, size_t n) {
  Probe* p = instance;
  p->context = host->context;
  p->log = host->extension(host->context, SIMARENA_LOG_EXTENSION, 1);
  p->camera = host->extension(host->context, SIMARENA_CAMERA_EXTENSION, 1);
  if (p->log == NULL) {
    snprintf(error, n, "camera_probe: no log extension");
    return 1;
  }
  if (p->none) {
    p->log->log(p->context, p->camera ? "camera extension served" : "no camera extension");
    return 0;
  }
  if (p->camera == NULL || p->camera->struct_size < sizeof(SimarenaCameraExtension)) {
    snprintf(error, n, "camera_probe: the host serves no cameras");
    return 1;
  }
  p->rgb = p->camera->open(p->context, "rgb");
  p->depth = p->camera->open(p->context, "depth");
  if (p->rgb < 0 || p->depth < 0 || p->camera->open(p->context, "no such camera") != -1) {
    snprintf(error, n, "camera_probe: cannot open rgb (%d) and depth (%d)", p->rgb, p->depth);
    return 1;
  }
  return 0;
}

static unsigned long long fnv1a(const unsigned char* bytes, size_t count) {
  unsigned long long h = 1469598103934665603ull;
  for (size_t i = 0; i < count; ++i) h = (h ^ bytes[i]) * 1099511628211ull;
  return h;
}

static void report(Probe* p, int index, uint32_t* seen, int u, int v) {
  SimarenaCameraImage image;
  if (!p->camera->frame(p->context, index, &image) || image.sequence == *seen) return;
  *seen = image.sequence;
  const unsigned char* row = (const unsigned char*)image.pixels + (size_t)v * (size_t)image.stride;
  const unsigned long long hash = p->light ? 0 : fnv1a(image.pixels, (size_t)image.height * (size_t)image.stride);
  char line[240];
  if (image.format == SIMARENA_PIXELS_RGB8) {
    const unsigned char* px = row + 3 * u;
    snprintf(line, sizeof(line), "rgb seq=%u t=%.4f %dx%d f=%.3f,%.3f c=%.1f,%.1f hash=%016llx px=%d,%d,%d",
             image.sequence, image.capture_time, image.width, image.height, image.fx, image.fy, image.cx, image.cy,
             hash, px[0], px[1], px[2]);
  } else {
    float z;
    memcpy(&z, row + sizeof(float) * (size_t)u, sizeof(z));
    snprintf(line, sizeof(line), "depth seq=%u t=%.4f %dx%d f=%.3f,%.3f c=%.1f,%.1f hash=%016llx z=%.5f",
             image.sequence, image.capture_time, image.width, image.height, image.fx, image.fy, image.cx, image.cy,
             hash, z);
  }
  p->log->log(p->context, line);
}

static int step(void* instance, int first_run, const SimarenaRobotData* data, SimarenaMotorCmd* cmd, char* e,
                size_t n) {
  (void)first_run;
  (void)data;
  (void)e;
  (void)n;
  Probe* p = instance;
  memset(cmd, 0, sizeof(*cmd));
  if (p->none) return SIMARENA_STEP_SENT;
  report(p, p->rgb, &p->rgb_seen, p->u, p->v);
  report(p, p->depth, &p->depth_seen, p->du, p->dv);
  return SIMARENA_STEP_SENT;
}

static void destroy(void* instance) { free(instance); }

static const SimarenaControllerApi table = {SIMARENA_CONTROLLER_ABI_VERSION,
                                            sizeof(SimarenaControllerApi),
                                            "camera_probe",
                                            create,
                                            step,
                                            destroy,
                                            NULL,
                                            NULL,
                                            attach};
SIMARENA_CONTROLLER_ENTRY_POINT(table)
