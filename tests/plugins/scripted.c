/* Test plugin in plain C: sends all-zero frames while the robot holds bit1,
 * then a fixed pose with the gains from its parameter string, and goes
 * silent (no frames) between ticks `silent_from` and `silent_to`.
 * Params (sscanf): "kp kd hip knee silent_from silent_to". */
#include <simarena/controller.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  float kp, kd, hip, knee;
  long silent_from, silent_to, tick;
  int num_joints;
  int kind[SIMARENA_MAX_JOINTS]; /* 0 abad, 1 hip, 2 knee */
} Scripted;

static void* create(const SimarenaRobotInfo* robot, const char* params, char* error, size_t n) {
  Scripted* s = calloc(1, sizeof(Scripted));
  s->kp = 80;
  s->kd = 2;
  s->hip = 0.8f;
  s->knee = -1.5f;
  s->silent_from = -1;
  s->silent_to = -1;
  if (params[0] &&
      sscanf(params, "%f %f %f %f %ld %ld", &s->kp, &s->kd, &s->hip, &s->knee, &s->silent_from, &s->silent_to) < 4) {
    snprintf(error, n, "scripted: expected 'kp kd hip knee [silent_from silent_to]'");
    free(s);
    return NULL;
  }
  s->num_joints = robot->num_joints;
  for (int i = 0; i < robot->num_joints; ++i) {
    const char* name = robot->joint_names[i];
    s->kind[i] = strstr(name, "abad") ? 0 : strstr(name, "hip") ? 1 : 2;
  }
  return s;
}

static int step(void* instance, int first_run, const SimarenaRobotData* data, SimarenaMotorCmd* cmd, char* e,
                size_t n) {
  (void)data;
  (void)e;
  (void)n;
  (void)first_run;
  Scripted* s = instance;
  long tick = s->tick++;
  if (tick >= s->silent_from && tick < s->silent_to) return SIMARENA_STEP_SKIPPED;
  memset(cmd, 0, sizeof(*cmd));
  if (data->err_flag & SIMARENA_ERR_CMD_LOST_500MS) return SIMARENA_STEP_SENT; /* zero frame */
  for (int i = 0; i < s->num_joints; ++i) {
    cmd->q_des[i] = s->kind[i] == 0 ? 0.0f : s->kind[i] == 1 ? s->hip : s->knee;
    cmd->kp_des[i] = s->kp;
    cmd->kd_des[i] = s->kd;
  }
  return SIMARENA_STEP_SENT;
}

static void destroy(void* instance) { free(instance); }

__attribute__((visibility("default"))) const SimarenaControllerApi* simarena_controller_api(void) {
  /* Designated: the same source builds against the frozen v1 header too. */
  static const SimarenaControllerApi api = {
      .abi_version = SIMARENA_CONTROLLER_ABI_VERSION,
      .struct_size = sizeof(SimarenaControllerApi),
      .name = "scripted",
      .create = create,
      .step = step,
      .destroy = destroy,
  };
  return &api;
}
