/* Test plugin: claims a future ABI version; the host must refuse it. */
#include <simarena/controller.h>

static void* create(const SimarenaRobotInfo* r, const char* p, char* e, size_t n) {
  (void)r;
  (void)p;
  (void)e;
  (void)n;
  return 0;
}
static int step(void* i, int f, const SimarenaRobotData* d, SimarenaMotorCmd* c, char* e, size_t n) {
  (void)i;
  (void)f;
  (void)d;
  (void)c;
  (void)e;
  (void)n;
  return 0;
}
static void destroy(void* i) { (void)i; }

__attribute__((visibility("default"))) const SimarenaControllerApi* simarena_controller_api(void) {
  static const SimarenaControllerApi api = {
      .abi_version = 999u,
      .struct_size = sizeof(SimarenaControllerApi),
      .name = "wrong_abi",
      .create = create,
      .step = step,
      .destroy = destroy,
  };
  return &api;
}
