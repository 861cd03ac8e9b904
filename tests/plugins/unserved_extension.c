/* Test plugin requiring an extension this simarena does not serve: built
 * twice, with REQUEST an unknown name and with a version above the served
 * one. It must be refused at load, before create() runs. */
#include <simarena/controller.h>
#include <stdlib.h>

static const char* const required[] = {"simarena.log/1", REQUEST, NULL};

static void* create(const SimarenaRobotInfo* robot, const char* params, char* error, size_t n) {
  (void)robot;
  (void)params;
  (void)error;
  (void)n;
  abort(); /* never reached: the host refuses the plugin first */
}

static int step(void* instance, int first_run, const SimarenaRobotData* data, SimarenaMotorCmd* cmd, char* e,
                size_t n) {
  (void)instance;
  (void)first_run;
  (void)data;
  (void)cmd;
  (void)e;
  (void)n;
  return SIMARENA_STEP_SKIPPED;
}

static void destroy(void* instance) { (void)instance; }

static const SimarenaControllerApi api = {
    .abi_version = SIMARENA_CONTROLLER_ABI_VERSION,
    .struct_size = sizeof(SimarenaControllerApi),
    .name = PLUGIN_NAME,
    .create = create,
    .step = step,
    .destroy = destroy,
    .extensions = required,
};

SIMARENA_CONTROLLER_ENTRY_POINT(api)
